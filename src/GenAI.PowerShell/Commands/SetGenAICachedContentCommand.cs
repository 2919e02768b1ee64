using System;
using System.Management.Automation;
using GenAI.Core.Protocol;
using GenAI.PowerShell.Transformations;

namespace GenAI.PowerShell.Commands
{
    /// <summary>Moves a cached content's expiration (cachedContents.patch with updateMask ttl or expireTime): the only change the service allows.</summary>
    [Cmdlet(VerbsCommon.Set, "GenAICachedContent", DefaultParameterSetName = TtlSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(CachedContent))]
    public sealed class SetGenAICachedContentCommand : GenAICmdlet
    {
        private const string TtlSet = "Ttl";
        private const string ExpireTimeSet = "ExpireTime";

        /// <summary>Names (cachedContents/abc or abc), or cached-content objects from the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(Completers.CachedContentNameCompleter))]
        public string[] Name { get; set; } = null!;

        /// <summary>The new lifetime, counted from now: a TimeSpan or a number of seconds.</summary>
        [Parameter(ParameterSetName = TtlSet, Mandatory = true)]
        [DurationTransformation]
        public TimeSpan Ttl { get; set; }

        /// <summary>The new expiration time.</summary>
        [Parameter(ParameterSetName = ExpireTimeSet, Mandatory = true)]
        public DateTime ExpireTime { get; set; }

        /// <summary>Write the updated cached content.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var client = Client;
            TimeSpan? ttl = ParameterSetName == TtlSet ? Ttl : (TimeSpan?)null;
            DateTimeOffset? expireTime = ParameterSetName == ExpireTimeSet ? new DateTimeOffset(ExpireTime) : (DateTimeOffset?)null;
            string change = ttl.HasValue ? $"Expire {ttl} from now" : $"Expire at {expireTime:u}";
            foreach (string name in Name)
            {
                if (!ShouldProcess(name, change)) continue;
                TryRun(() =>
                {
                    CachedContent updated = Await(client.Caches.UpdateAsync(name, ttl, expireTime, BuildRequestOptions(), StopToken));
                    if (PassThru) WriteObject(updated);
                }, name);
            }
        }
    }
}
