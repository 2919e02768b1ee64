using System;
using System.IO;
using GenAI.Core.Batches;

namespace GenAI.PowerShell.Batches
{
    /// <summary>
    /// The local record of what each batch asked, so Receive-GenAIBatch can give every reply its request: the JSONL that
    /// Start-GenAIBatch wrote (kept as <c>&lt;id&gt;.jsonl</c>), or for -InputFile a <c>&lt;id&gt;.path</c> file naming the
    /// user's JSONL. Kept under the temp folder until Remove-GenAIBatch deletes the batch.
    /// </summary>
    internal static class BatchInputStore
    {
        public static string Folder => Path.Combine(Path.GetTempPath(), "GenAI.PowerShell", "batches");

        /// <summary>A fresh file for Start-GenAIBatch to write the requests to.</summary>
        public static string NewDraft() => Path.Combine(Folder, "draft-" + Guid.NewGuid().ToString("N") + ".jsonl");

        public static void Keep(string batchName, string draftPath)
        {
            string target = JsonlPath(batchName);
            if (File.Exists(target)) File.Delete(target);
            File.Move(draftPath, target);
        }

        public static void KeepReference(string batchName, string inputPath)
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(ReferencePath(batchName), Path.GetFullPath(inputPath));
        }

        /// <summary>The batch's input JSONL, or null when this machine has no record of it.</summary>
        public static string? Find(string batchName)
        {
            string own = JsonlPath(batchName);
            if (File.Exists(own)) return own;
            string reference = ReferencePath(batchName);
            if (!File.Exists(reference)) return null;
            string path = File.ReadAllText(reference).Trim();
            return File.Exists(path) ? path : null;
        }

        public static void Forget(string batchName)
        {
            TryDelete(JsonlPath(batchName));
            TryDelete(ReferencePath(batchName));
        }

        public static void TryDelete(string path)
        {
            try { if (File.Exists(path)) File.Delete(path); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }

        private static string JsonlPath(string batchName) => Path.Combine(Folder, BatchNames.Id(BatchNames.Normalize(batchName)) + ".jsonl");

        private static string ReferencePath(string batchName) => Path.Combine(Folder, BatchNames.Id(BatchNames.Normalize(batchName)) + ".path");
    }
}
