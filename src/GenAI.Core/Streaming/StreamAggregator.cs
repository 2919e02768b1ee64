using System.Collections.Generic;
using System.Linq;
using System.Text;
using GenAI.Core.Protocol;

namespace GenAI.Core.Streaming
{
    /// <summary>
    /// Folds streamed chunks into one response, by the seed SDK's rules (https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent) with the
    /// recommended superset: text merges only between parts whose thought flag matches, the last
    /// thought signature is kept, and the last non-empty metadata wins.
    /// </summary>
    public sealed class StreamAggregator
    {
        private readonly SortedDictionary<int, Candidate> _candidates = new SortedDictionary<int, Candidate>();
        // The growing text of each candidate's last part, once a chunk was merged into it: appending to a
        // builder keeps a long stream linear (string += would copy the whole text for every chunk).
        private readonly Dictionary<int, StringBuilder> _pendingText = new Dictionary<int, StringBuilder>();
        private PromptFeedback? _promptFeedback;
        private UsageMetadata? _usage;
        private string? _modelVersion;
        private string? _responseId;

        public int ChunkCount { get; private set; }

        public void Add(GenerateContentResponse chunk)
        {
            ChunkCount++;
            _promptFeedback ??= chunk.PromptFeedback;
            if (chunk.UsageMetadata != null) _usage = chunk.UsageMetadata;
            if (!string.IsNullOrEmpty(chunk.ModelVersion)) _modelVersion = chunk.ModelVersion;
            if (!string.IsNullOrEmpty(chunk.ResponseId)) _responseId = chunk.ResponseId;
            if (chunk.Candidates == null) return;
            foreach (var candidate in chunk.Candidates)
                Merge(candidate);
        }

        /// <summary>The response so far. Returns a fresh object each call; the aggregator can keep going.</summary>
        public GenerateContentResponse ToResponse()
        {
            var response = new GenerateContentResponse
            {
                PromptFeedback = _promptFeedback,
                UsageMetadata = _usage,
                ModelVersion = _modelVersion,
                ResponseId = _responseId,
            };
            foreach (var pending in _pendingText)
            {
                var parts = _candidates[pending.Key].Content!.Parts;
                parts[parts.Count - 1].Text = pending.Value.ToString();
            }
            if (_candidates.Count > 0)
                response.Candidates = _candidates.Values.Select(Copy).ToList();
            return response;
        }

        private void Merge(Candidate incoming)
        {
            int index = incoming.Index ?? 0;
            if (!_candidates.TryGetValue(index, out var target))
            {
                target = new Candidate { Index = incoming.Index, Content = new Content { Parts = new List<Part>() } };
                _candidates[index] = target;
            }

            if (incoming.Content != null)
            {
                if (string.IsNullOrEmpty(target.Content!.Role)) target.Content.Role = incoming.Content.Role;
                foreach (var part in incoming.Content.Parts)
                    AppendPart(index, target.Content.Parts, part);
            }

            if (incoming.FinishReason != null) target.FinishReason = incoming.FinishReason;
            if (incoming.TokenCount != null) target.TokenCount = incoming.TokenCount;
            if (incoming.FinishMessage != null) target.FinishMessage = incoming.FinishMessage;
            if (incoming.CitationMetadata != null) target.CitationMetadata = incoming.CitationMetadata;
            if (incoming.GroundingMetadata != null) target.GroundingMetadata = incoming.GroundingMetadata;
            if (incoming.AvgLogprobs != null) target.AvgLogprobs = incoming.AvgLogprobs;
            if (incoming.LogprobsResult != null) target.LogprobsResult = incoming.LogprobsResult;
            if (incoming.UrlContextMetadata != null) target.UrlContextMetadata = incoming.UrlContextMetadata;
            if (incoming.GroundingAttributions != null) target.GroundingAttributions = incoming.GroundingAttributions;
            if (incoming.SafetyRatings != null) MergeRatings(target, incoming.SafetyRatings);
            if (incoming.AdditionalProperties != null)
            {
                target.AdditionalProperties ??= new Dictionary<string, System.Text.Json.JsonElement>();
                foreach (var pair in incoming.AdditionalProperties) target.AdditionalProperties[pair.Key] = pair.Value;
            }
        }

        private void AppendPart(int index, List<Part> parts, Part part)
        {
            var last = parts.Count > 0 ? parts[parts.Count - 1] : null;
            if (last != null && last.Text != null && part.Text != null && last.Thought == part.Thought)
            {
                if (!_pendingText.TryGetValue(index, out var text))
                    _pendingText[index] = text = new StringBuilder(last.Text);
                text.Append(part.Text);
                if (part.ThoughtSignature != null) last.ThoughtSignature = part.ThoughtSignature;
                return;
            }
            if (last != null && _pendingText.TryGetValue(index, out var finished))
            {
                last.Text = finished.ToString();
                _pendingText.Remove(index);
            }
            if (last?.ExecutableCode != null && part.ExecutableCode != null)
            {
                last.ExecutableCode.Code += part.ExecutableCode.Code;
                return;
            }
            if (last?.CodeExecutionResult != null && part.CodeExecutionResult != null)
            {
                last.CodeExecutionResult.Output += part.CodeExecutionResult.Output;
                last.CodeExecutionResult.Outcome = part.CodeExecutionResult.Outcome ?? last.CodeExecutionResult.Outcome;
                return;
            }
            parts.Add(CopyPart(part));
        }

        private static void MergeRatings(Candidate target, List<SafetyRating> incoming)
        {
            target.SafetyRatings ??= new List<SafetyRating>();
            foreach (var rating in incoming)
            {
                var existing = target.SafetyRatings.FirstOrDefault(r => r.Category == rating.Category);
                if (existing == null)
                {
                    target.SafetyRatings.Add(new SafetyRating { Category = rating.Category, Probability = rating.Probability, Blocked = rating.Blocked });
                    continue;
                }
                existing.Probability = rating.Probability;
                if (rating.Blocked == true) existing.Blocked = true;
            }
        }

        // Parts are mutated while merging, so the aggregate never aliases a chunk the caller holds.
        private static Part CopyPart(Part part) => new Part
        {
            Text = part.Text,
            InlineData = part.InlineData,
            FunctionCall = part.FunctionCall,
            FunctionResponse = part.FunctionResponse,
            FileData = part.FileData,
            ExecutableCode = part.ExecutableCode == null ? null : new ExecutableCode { Code = part.ExecutableCode.Code, Language = part.ExecutableCode.Language },
            CodeExecutionResult = part.CodeExecutionResult == null ? null : new CodeExecutionResult { Output = part.CodeExecutionResult.Output, Outcome = part.CodeExecutionResult.Outcome },
            Thought = part.Thought,
            ThoughtSignature = part.ThoughtSignature,
            VideoMetadata = part.VideoMetadata,
            MediaResolution = part.MediaResolution,
            PartMetadata = part.PartMetadata,
            AdditionalProperties = part.AdditionalProperties,
        };

        private static Candidate Copy(Candidate c) => new Candidate
        {
            Index = c.Index,
            Content = c.Content == null ? null : new Content(c.Content.Role, c.Content.Parts.Select(CopyPart)),
            FinishReason = c.FinishReason,
            FinishMessage = c.FinishMessage,
            TokenCount = c.TokenCount,
            SafetyRatings = c.SafetyRatings?.Select(r => new SafetyRating { Category = r.Category, Probability = r.Probability, Blocked = r.Blocked }).ToList(),
            CitationMetadata = c.CitationMetadata,
            GroundingMetadata = c.GroundingMetadata,
            AvgLogprobs = c.AvgLogprobs,
            LogprobsResult = c.LogprobsResult,
            UrlContextMetadata = c.UrlContextMetadata,
            GroundingAttributions = c.GroundingAttributions,
            AdditionalProperties = c.AdditionalProperties,
        };
    }
}
