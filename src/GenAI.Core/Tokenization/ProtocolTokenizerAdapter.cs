using System;
using System.Collections.Generic;
using System.Linq;
using GenAI.Core.Models;
using GenAI.Core.Protocol;

namespace GenAI.Core.Tokenization
{
    /// <summary>
    /// Maps the protocol types (<see cref="Content"/>, <see cref="Part"/>, <see cref="Tool"/>, the response schema and
    /// system instruction of a <see cref="GenerateContentRequest"/>) onto the tokenizer's input, so the request the
    /// service would count can be counted offline with google-genai's <c>LocalTokenizer</c> rules.
    /// </summary>
    public static class ProtocolTokenizerAdapter
    {
        /// <summary>The part as the local counter sees it: its data field decides the kind.</summary>
        public static TokenizerPart ToTokenizerPart(Part part)
        {
            if (part == null) throw new ArgumentNullException(nameof(part));
            if (part.Text != null) return TokenizerPart.FromText(part.Text);
            if (part.InlineData != null) return TokenizerPart.FromInlineData(part.InlineData.MimeType);
            if (part.FileData != null) return TokenizerPart.FromFileData(part.FileData.MimeType);
            if (part.FunctionCall != null) return TokenizerPart.FromFunctionCall(part.FunctionCall.Name, part.FunctionCall.Args);
            if (part.FunctionResponse != null) return TokenizerPart.FromFunctionResponse(part.FunctionResponse.Name, part.FunctionResponse.Response);
            if (part.ExecutableCode != null) return TokenizerPart.FromOther("executableCode");
            if (part.CodeExecutionResult != null) return TokenizerPart.FromOther("codeExecutionResult");
            string? unknown = part.AdditionalProperties?.Keys.FirstOrDefault();
            return TokenizerPart.FromOther(unknown ?? "unknown");
        }

        public static TokenizerContent ToTokenizerContent(Content content)
        {
            if (content == null) throw new ArgumentNullException(nameof(content));
            return new TokenizerContent(content.Role, (content.Parts ?? new List<Part>()).Select(ToTokenizerPart));
        }

        public static List<TokenizerContent> ToTokenizerContents(IEnumerable<Content> contents)
        {
            if (contents == null) throw new ArgumentNullException(nameof(contents));
            return contents.Select(ToTokenizerContent).ToList();
        }

        /// <summary>Every function declaration of <paramref name="tools"/>; other tool kinds are not counted (as in google-genai).</summary>
        public static List<TokenizerFunctionDeclaration> ToFunctionDeclarations(IEnumerable<Tool>? tools)
        {
            var list = new List<TokenizerFunctionDeclaration>();
            if (tools == null) return list;
            foreach (Tool tool in tools)
            {
                if (tool?.FunctionDeclarations == null) continue;
                foreach (FunctionDeclaration fd in tool.FunctionDeclarations)
                {
                    if (fd != null) list.Add(new TokenizerFunctionDeclaration(fd.Name, fd.Description, fd.Parameters, fd.Response));
                }
            }

            return list;
        }

        /// <summary>The counting options for a request: system instruction, function declarations and response schema.</summary>
        public static LocalTokenCountOptions ToCountOptions(GenerateContentRequest request, bool includeDetails = false)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            return new LocalTokenCountOptions
            {
                SystemInstruction = request.SystemInstruction?.Parts?.Select(ToTokenizerPart).ToList(),
                FunctionDeclarations = ToFunctionDeclarations(request.Tools),
                ResponseSchema = request.GenerationConfig?.ResponseSchema,
                IncludeDetails = includeDetails,
            };
        }

        /// <summary>
        /// Counts the request <paramref name="model"/> would send for <paramref name="contents"/> — the same request
        /// the service's countTokens receives (<see cref="ModelsClient.CountTokensAsync"/>).
        /// </summary>
        public static OfflineTokenCount CountRequest(this LocalTokenCounter counter, GenerativeModel model, IReadOnlyList<Content> contents,
            CallOverrides? overrides = null, bool includeDetails = false)
        {
            if (model == null) throw new ArgumentNullException(nameof(model));
            GenerateContentRequest request = model.BuildRequest(contents, overrides, defaultLastRoleToUser: false);
            return counter.CountRequest(request, model.Name, includeDetails);
        }

        /// <summary>Counts <paramref name="request"/> offline; <paramref name="modelName"/> selects the API-estimate rules.</summary>
        public static OfflineTokenCount CountRequest(this LocalTokenCounter counter, GenerateContentRequest request, string? modelName = null, bool includeDetails = false)
        {
            if (counter == null) throw new ArgumentNullException(nameof(counter));
            if (request == null) throw new ArgumentNullException(nameof(request));
            LocalTokenCountResult result = counter.Count(ToTokenizerContents(request.Contents ?? new List<Content>()), ToCountOptions(request, includeDetails));
            string model = modelName ?? request.Model ?? "";
            return new OfflineTokenCount(model, result, result.EstimateApiTotal(TokenCountApi.GeminiDeveloperApi, model), UncountedWarnings(request, result));
        }

        /// <summary>What the offline count leaves out, in words a user can act on.</summary>
        private static List<string> UncountedWarnings(GenerateContentRequest request, LocalTokenCountResult result)
        {
            var warnings = new List<string>();
            if (result.NotCounted.Count > 0)
            {
                string parts = string.Join(", ", result.NotCounted.Select(Describe));
                warnings.Add($"{result.NotCounted.Count} non-text part(s) not counted offline: {parts}. The offline count covers text only; " +
                             "the service counts images, audio, video and documents by size and model.");
            }

            if (request.CachedContent != null)
            {
                warnings.Add($"The cached content '{request.CachedContent}' is not counted offline; the service reports it as CachedContentTokenCount.");
            }

            foreach (Tool tool in request.Tools ?? new List<Tool>())
            {
                foreach (FunctionDeclaration fd in tool?.FunctionDeclarations ?? new List<FunctionDeclaration>())
                {
                    if (fd?.ParametersJsonSchema != null)
                        warnings.Add($"The parametersJsonSchema of function '{fd.Name}' is not counted offline (google-genai's local tokenizer reads only 'parameters').");
                }
            }

            if (request.GenerationConfig?.ResponseJsonSchema != null)
            {
                warnings.Add("The responseJsonSchema is not counted offline (google-genai's local tokenizer reads only 'responseSchema').");
            }

            return warnings;
        }

        private static string Describe(NotCountedPart part)
        {
            string what = part.Kind switch
            {
                TokenizerPartKind.InlineData => part.MimeType ?? "inline data",
                TokenizerPartKind.FileData => (part.MimeType ?? "file") + " file",
                _ => part.FieldName ?? part.Kind.ToString(),
            };
            return $"{part.Location} ({what})";
        }
    }
}
