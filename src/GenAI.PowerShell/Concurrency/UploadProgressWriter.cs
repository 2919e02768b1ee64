using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using GenAI.Core.Files;

namespace GenAI.PowerShell.Concurrency
{
    /// <summary>One progress bar per file being uploaded, closed when its last byte is sent.</summary>
    internal sealed class UploadProgressWriter
    {
        private const int FirstActivityId = 100;
        private readonly Dictionary<string, int> _activities = new Dictionary<string, int>();

        public void Write(Cmdlet cmdlet, UploadProgress progress, int? parentActivityId)
        {
            if (!_activities.TryGetValue(progress.Description, out int id))
                _activities[progress.Description] = id = FirstActivityId + _activities.Count;
            string name = Path.GetFileName(progress.Description);
            var record = new ProgressRecord(id, $"Uploading {(string.IsNullOrEmpty(name) ? progress.Description : name)}",
                $"{Megabytes(progress.BytesSent)} of {Megabytes(progress.TotalBytes)} MB")
            {
                PercentComplete = progress.Percent,
            };
            if (parentActivityId.HasValue) record.ParentActivityId = parentActivityId.Value;
            if (progress.BytesSent >= progress.TotalBytes) record.RecordType = ProgressRecordType.Completed;
            cmdlet.WriteProgress(record);
        }

        private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
    }
}
