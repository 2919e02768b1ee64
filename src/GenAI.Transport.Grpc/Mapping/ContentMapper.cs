using System.Collections.Generic;
using System.Linq;
using Google.Protobuf.Collections;

namespace GenAI.Transport.Grpc.Mapping
{
    /// <summary>
    /// Content and Part, both ways. Typed core fields map field by field; every other proto field
    /// travels through the core's <c>AdditionalProperties</c> under its proto3 JSON name, as on REST.
    /// </summary>
    internal static class ContentMapper
    {
        private static readonly ExtraFields s_partHandled = ExtraFields.Except(P.Part.Descriptor, 2, 3, 4, 5, 6, 9, 10, 11, 13);
        private static readonly ExtraFields s_contentHandled = ExtraFields.Except(P.Content.Descriptor, 1, 2);
        private static readonly ExtraFields s_blobHandled = ExtraFields.Except(P.Blob.Descriptor, 1, 2);
        private static readonly ExtraFields s_fileDataHandled = ExtraFields.Except(P.FileData.Descriptor, 1, 2);
        private static readonly ExtraFields s_codeHandled = ExtraFields.Except(P.ExecutableCode.Descriptor, 1, 2);
        private static readonly ExtraFields s_resultHandled = ExtraFields.Except(P.CodeExecutionResult.Descriptor, 1, 2);
        private static readonly ExtraFields s_functionCallHandled = ExtraFields.Except(P.FunctionCall.Descriptor, 1, 2, 3);
        private static readonly ExtraFields s_functionResponseHandled = ExtraFields.Except(P.FunctionResponse.Descriptor, 1, 2, 3, 8);

        // ---- core → proto ----

        public static P.Content ToProto(C.Content content)
        {
            var result = new P.Content { Role = content.Role ?? "" };
            foreach (var part in content.Parts) result.Parts.Add(ToProto(part));
            ProtoJson.MergeExtras(result, content.AdditionalProperties);
            return result;
        }

        public static void AddAll(RepeatedField<P.Content> target, IEnumerable<C.Content>? contents)
        {
            if (contents == null) return;
            foreach (var content in contents) target.Add(ToProto(content));
        }

        public static P.Part ToProto(C.Part part)
        {
            var result = new P.Part();
            if (part.Text != null) result.Text = part.Text;
            else if (part.InlineData != null)
            {
                result.InlineData = new P.Blob { MimeType = part.InlineData.MimeType ?? "", Data = InlineBytes(part.InlineData) };
                ProtoJson.MergeExtras(result.InlineData, part.InlineData.AdditionalProperties);
            }
            else if (part.FunctionCall != null) result.FunctionCall = ToProto(part.FunctionCall);
            else if (part.FunctionResponse != null) result.FunctionResponse = ToProto(part.FunctionResponse);
            else if (part.FileData != null)
            {
                result.FileData = new P.FileData { MimeType = part.FileData.MimeType ?? "", FileUri = part.FileData.FileUri ?? "" };
                ProtoJson.MergeExtras(result.FileData, part.FileData.AdditionalProperties);
            }
            else if (part.ExecutableCode != null)
            {
                result.ExecutableCode = new P.ExecutableCode
                {
                    Language = ProtoEnum<P.ExecutableCode.Types.Language>.Parse(part.ExecutableCode.Language, "executable_code.language"),
                    Code = part.ExecutableCode.Code ?? "",
                };
                ProtoJson.MergeExtras(result.ExecutableCode, part.ExecutableCode.AdditionalProperties);
            }
            else if (part.CodeExecutionResult != null)
            {
                result.CodeExecutionResult = new P.CodeExecutionResult
                {
                    Outcome = ProtoEnum<P.CodeExecutionResult.Types.Outcome>.Parse(part.CodeExecutionResult.Outcome, "code_execution_result.outcome"),
                    Output = part.CodeExecutionResult.Output ?? "",
                };
                ProtoJson.MergeExtras(result.CodeExecutionResult, part.CodeExecutionResult.AdditionalProperties);
            }
            if (part.Thought == true) result.Thought = true;
            if (!string.IsNullOrEmpty(part.ThoughtSignature)) result.ThoughtSignature = ProtoJson.FromBase64(part.ThoughtSignature, "thought_signature");
            if (part.MediaResolution != null) throw GrpcUnsupportedFields.Error("a part's mediaResolution");
            ProtoJson.MergeExtras(result, WithMetadata(part));
            return result;
        }

        // A blob backed by a file or byte array is read as bytes, never through its base64 string.
        private static Google.Protobuf.ByteString InlineBytes(C.Blob blob)
        {
            if (blob.Source == null) return ProtoJson.FromBase64(blob.Data, "inline_data.data");
            using var stream = blob.Source.OpenRead();
            return Google.Protobuf.ByteString.FromStream(stream);
        }

        // videoMetadata and partMetadata are typed in the core; on the proto side they travel like the other extras.
        private static IDictionary<string, System.Text.Json.JsonElement>? WithMetadata(C.Part part)
        {
            if (part.VideoMetadata == null && part.PartMetadata == null) return part.AdditionalProperties;
            var extras = part.AdditionalProperties == null
                ? new Dictionary<string, System.Text.Json.JsonElement>()
                : new Dictionary<string, System.Text.Json.JsonElement>(part.AdditionalProperties);
            if (part.VideoMetadata.HasValue) extras["videoMetadata"] = part.VideoMetadata.Value;
            if (part.PartMetadata.HasValue) extras["partMetadata"] = part.PartMetadata.Value;
            return extras;
        }

        private static System.Text.Json.JsonElement? TakeExtra(IDictionary<string, System.Text.Json.JsonElement>? extras, string name)
        {
            if (extras == null || !extras.TryGetValue(name, out var value)) return null;
            extras.Remove(name);
            return value;
        }

        public static P.FunctionCall ToProto(C.FunctionCall call)
        {
            var result = new P.FunctionCall { Name = call.Name ?? "", Id = call.Id ?? "" };
            if (call.Args.HasValue && call.Args.Value.ValueKind != System.Text.Json.JsonValueKind.Null)
                result.Args = ProtoJson.ToStruct(call.Args.Value, "function_call.args");
            ProtoJson.MergeExtras(result, call.AdditionalProperties);
            return result;
        }

        public static P.FunctionResponse ToProto(C.FunctionResponse response)
        {
            var result = new P.FunctionResponse { Name = response.Name ?? "", Id = response.Id ?? "" };
            if (response.Response.HasValue && response.Response.Value.ValueKind != System.Text.Json.JsonValueKind.Null)
                result.Response = ProtoJson.ToStruct(response.Response.Value, "function_response.response");
            MediaMapper.AddParts(result.Parts, response.Parts);
            ProtoJson.MergeExtras(result, response.AdditionalProperties);
            return result;
        }

        // ---- proto → core ----

        public static C.Content ToCore(P.Content content)
        {
            var result = new C.Content
            {
                Role = content.Role.Length == 0 ? null : content.Role,
                Parts = new List<C.Part>(content.Parts.Count),
            };
            foreach (var part in content.Parts) result.Parts.Add(ToCore(part));
            result.AdditionalProperties = s_contentHandled.Of(content);
            return result;
        }

        public static List<C.Content> ToCore(RepeatedField<P.Content> contents) => contents.Select(ToCore).ToList();

        public static C.Part ToCore(P.Part part)
        {
            var result = new C.Part();
            switch (part.DataCase)
            {
                case P.Part.DataOneofCase.Text:
                    result.Text = part.Text;
                    break;
                case P.Part.DataOneofCase.InlineData:
                    result.InlineData = new C.Blob
                    {
                        MimeType = part.InlineData.MimeType,
                        Data = part.InlineData.Data.ToBase64(),
                        AdditionalProperties = s_blobHandled.Of(part.InlineData),
                    };
                    break;
                case P.Part.DataOneofCase.FunctionCall:
                    result.FunctionCall = ToCore(part.FunctionCall);
                    break;
                case P.Part.DataOneofCase.FunctionResponse:
                    result.FunctionResponse = ToCore(part.FunctionResponse);
                    break;
                case P.Part.DataOneofCase.FileData:
                    result.FileData = new C.FileData
                    {
                        MimeType = NullIfEmpty(part.FileData.MimeType),
                        FileUri = part.FileData.FileUri,
                        AdditionalProperties = s_fileDataHandled.Of(part.FileData),
                    };
                    break;
                case P.Part.DataOneofCase.ExecutableCode:
                    result.ExecutableCode = new C.ExecutableCode
                    {
                        Language = ProtoEnum<P.ExecutableCode.Types.Language>.NameOrNull(part.ExecutableCode.Language),
                        Code = part.ExecutableCode.Code,
                        AdditionalProperties = s_codeHandled.Of(part.ExecutableCode),
                    };
                    break;
                case P.Part.DataOneofCase.CodeExecutionResult:
                    result.CodeExecutionResult = new C.CodeExecutionResult
                    {
                        Outcome = ProtoEnum<P.CodeExecutionResult.Types.Outcome>.NameOrNull(part.CodeExecutionResult.Outcome),
                        Output = NullIfEmpty(part.CodeExecutionResult.Output),
                        AdditionalProperties = s_resultHandled.Of(part.CodeExecutionResult),
                    };
                    break;
            }
            if (part.Thought) result.Thought = true;
            result.ThoughtSignature = ProtoJson.Base64(part.ThoughtSignature);
            var extras = s_partHandled.Of(part);
            result.VideoMetadata = TakeExtra(extras, "videoMetadata");
            result.PartMetadata = TakeExtra(extras, "partMetadata");
            result.AdditionalProperties = extras == null || extras.Count == 0 ? null : extras;
            return result;
        }

        public static C.FunctionCall ToCore(P.FunctionCall call) => new C.FunctionCall
        {
            Id = NullIfEmpty(call.Id),
            Name = call.Name,
            Args = call.Args == null ? (System.Text.Json.JsonElement?)null : ProtoJson.ToElement(call.Args),
            AdditionalProperties = s_functionCallHandled.Of(call),
        };

        public static C.FunctionResponse ToCore(P.FunctionResponse response) => new C.FunctionResponse
        {
            Id = NullIfEmpty(response.Id),
            Name = response.Name,
            Response = response.Response == null ? (System.Text.Json.JsonElement?)null : ProtoJson.ToElement(response.Response),
            Parts = MediaMapper.ToCore(response.Parts),
            AdditionalProperties = s_functionResponseHandled.Of(response),
        };

        public static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
    }
}
