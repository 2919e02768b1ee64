using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using GenAI.Core.Files;

namespace GenAI.PowerShell.Concurrency
{
    /// <summary>One progress bar per file being uploaded: bytes sent, then the wait for the service to process it.</summary>
    internal sealed class UploadProgressWriter
    {
        private const int FirstActivityId = 100;
        private readonly Dictionary<string, int> _activities = new Dictionary<string, int>();
        private int _nextId = FirstActivityId;

        public void Write(Cmdlet cmdlet, UploadProgress progress, int? parentActivityId)
        {
            if (!_activities.TryGetValue(progress.Description, out int id))
                _activities[progress.Description] = id = _nextId++;
            string name = Path.GetFileName(progress.Description);
            string status = progress.Stage == UploadStage.Processing
                ? "Uploaded; waiting for the service to process it"
                : $"{Megabytes(progress.BytesSent)} of {Megabytes(progress.TotalBytes)} MB";
            var record = new ProgressRecord(id, $"Uploading {(string.IsNullOrEmpty(name) ? progress.Description : name)}", status)
            {
                PercentComplete = progress.Percent,
            };
            if (parentActivityId.HasValue) record.ParentActivityId = parentActivityId.Value;
            if (progress.Stage == UploadStage.Done)
            {
                record.RecordType = ProgressRecordType.Completed;
                _activities.Remove(progress.Description);
            }
            cmdlet.WriteProgress(record);
        }

        private static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
    }
}
