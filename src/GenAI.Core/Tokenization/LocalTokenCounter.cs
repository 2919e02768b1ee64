using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GenAI.Core.Tokenization
{
    /// <summary>Options of <see cref="LocalTokenCounter.Count"/>: the parts of a <c>CountTokensConfig</c> google-genai reads.</summary>
    public sealed class LocalTokenCountOptions
    {
        /// <summary><c>systemInstruction</c> parts (same rules as contents).</summary>
        public IEnumerable<TokenizerPart>? SystemInstruction { get; set; }

        /// <summary><c>tools[].functionDeclarations[]</c>. Other tool kinds are ignored, as google-genai does.</summary>
        public IEnumerable<TokenizerFunctionDeclaration>? FunctionDeclarations { get; set; }

        /// <summary><c>generationConfig.responseSchema</c> (Gemini <c>Schema</c> JSON).</summary>
        public JsonElement? ResponseSchema { get; set; }

        /// <summary>Fill <see cref="LocalTokenCountResult.Details"/> with every counted string.</summary>
        public bool IncludeDetails { get; set; }
    }

    /// <summary>A part that was not counted.</summary>
    public sealed class NotCountedPart
    {
        internal NotCountedPart(string location, TokenizerPartKind kind, string? mimeType, string? fieldName)
        {
            Location = location;
            Kind = kind;
            MimeType = mimeType;
            FieldName = fieldName;
        }

        /// <summary>Where it is, e.g. <c>contents[0].parts[1]</c> or <c>systemInstruction.parts[0]</c>.</summary>
        public string Location { get; }

        public TokenizerPartKind Kind { get; }

        /// <summary>MIME type of inline/file data, when known.</summary>
        public string? MimeType { get; }

        /// <summary>Field name of an <see cref="TokenizerPartKind.Other"/> part.</summary>
        public string? FieldName { get; }

        public override string ToString() => $"{Location}: {MimeType ?? FieldName ?? Kind.ToString()}";
    }

    /// <summary>One counted string.</summary>
    public sealed class TokenCountDetail
    {
        internal TokenCountDetail(string location, string text, int tokens)
        {
            Location = location;
            Text = text;
            Tokens = tokens;
        }

        public string Location { get; }

        public string Text { get; }

        public int Tokens { get; }
    }

    /// <summary>Endpoint whose <c>countTokens</c> arithmetic <see cref="LocalTokenCountResult.EstimateApiTotal"/> imitates.</summary>
    public enum TokenCountApi
    {
        /// <summary>Gemini Developer API (generativelanguage.googleapis.com).</summary>
        GeminiDeveloperApi,
        /// <summary>Vertex AI.</summary>
        VertexAI,
    }

    /// <summary>
    /// ESTIMATE of what the service's <c>countTokens</c> would report, from the local count plus the overheads
    /// observed in recorded responses. Not exact: tools, media and model-specific vocabularies are not modelled.
    /// </summary>
    public sealed class ApiTokenEstimate
    {
        internal ApiTokenEstimate(TokenCountApi api, int localTokens, int roleTokens, int systemInstructionTokens, IReadOnlyList<string> caveats)
        {
            Api = api;
            LocalTokens = localTokens;
            RoleTokens = roleTokens;
            SystemInstructionTokens = systemInstructionTokens;
            Caveats = caveats;
        }

        public TokenCountApi Api { get; }

        /// <summary>The exact local (google-genai LocalTokenizer) count.</summary>
        public int LocalTokens { get; }

        /// <summary>Developer API: +1 per content (<c>roleTokens</c> in its countTokens response); Vertex AI: 0.</summary>
        public int RoleTokens { get; }

        /// <summary>Developer API: +1 when a system instruction is present; Vertex AI: 0.</summary>
        public int SystemInstructionTokens { get; }

        /// <summary><see cref="LocalTokens"/> + <see cref="RoleTokens"/> + <see cref="SystemInstructionTokens"/>.</summary>
        public int EstimatedTotal => LocalTokens + RoleTokens + SystemInstructionTokens;

        /// <summary>Always true: this is an estimate.</summary>
        public bool IsEstimate => true;

        /// <summary>Why the service may still report a different number for this request.</summary>
        public IReadOnlyList<string> Caveats { get; }
    }

    /// <summary>Result of <see cref="LocalTokenCounter.Count"/>.</summary>
    public sealed class LocalTokenCountResult
    {
        internal LocalTokenCountResult(int totalTokens, int contentCount, bool hasSystemInstruction, bool hasFunctionDeclarations,
            IReadOnlyList<NotCountedPart> notCounted, IReadOnlyList<TokenCountDetail> details)
        {
            TotalTokens = totalTokens;
            ContentCount = contentCount;
            HasSystemInstruction = hasSystemInstruction;
            HasFunctionDeclarations = hasFunctionDeclarations;
            NotCounted = notCounted;
            Details = details;
        }

        /// <summary>Exact equivalent of google-genai <c>LocalTokenizer.count_tokens(...).total_tokens</c> (text only).</summary>
        public int TotalTokens { get; }

        public int ContentCount { get; }

        public bool HasSystemInstruction { get; }

        public bool HasFunctionDeclarations { get; }

        /// <summary>
        /// Parts that were not counted. google-genai raises for inline/file data ("LocalTokenizers do not support
        /// non-text content types") and only warns for other fields; callers must surface these, never ignore them.
        /// </summary>
        public IReadOnlyList<NotCountedPart> NotCounted { get; }

        /// <summary>Every counted string with its count, when <see cref="LocalTokenCountOptions.IncludeDetails"/> was set.</summary>
        public IReadOnlyList<TokenCountDetail> Details { get; }

        /// <summary>
        /// Clearly an ESTIMATE of the service's <c>countTokens</c> total. Developer API on gemini-2.5 and later:
        /// +1 per content and +1 for a system instruction (its countTokens response reports <c>roleTokens: 1</c> per
        /// content, e.g. 10 text tokens + 1 = 11 for "The quick brown fox jumps over the lazy dog."). Vertex AI and
        /// gemini-2.0 models: +0.
        /// </summary>
        /// <param name="api">Endpoint.</param>
        /// <param name="modelName">Model name, e.g. <c>gemini-2.5-flash</c> (optional; only used for caveats and the 2.0 rule).</param>
        public ApiTokenEstimate EstimateApiTotal(TokenCountApi api, string? modelName = null)
        {
            string model = (modelName ?? string.Empty).Trim();
            int slash = model.LastIndexOf('/');
            if (slash >= 0) model = model.Substring(slash + 1);
            bool isGemini1Or20 = model.StartsWith("gemini-1", StringComparison.OrdinalIgnoreCase) || model.StartsWith("gemini-2.0", StringComparison.OrdinalIgnoreCase);

            var caveats = new List<string> { "Estimate: the local count is exact for text, the service overhead is inferred from recorded responses." };
            int role = 0, system = 0;
            if (api == TokenCountApi.GeminiDeveloperApi && !isGemini1Or20)
            {
                role = ContentCount;
                system = HasSystemInstruction ? 1 : 0;
            }

            if (isGemini1Or20) caveats.Add("gemini-2.0 and older models count with the older 256k Gemma 2-style vocabulary, not Gemma 3; counts can differ.");
            if (model.StartsWith("gemini-3.1", StringComparison.OrdinalIgnoreCase) || model.StartsWith("gemini-3.5", StringComparison.OrdinalIgnoreCase))
            {
                caveats.Add("google-genai counts this model with the Gemma 4 Hugging Face tokenizer; this count uses Gemma 3 (same ids for ordinary text in published vectors).");
            }

            if (HasFunctionDeclarations) caveats.Add("Tools add server-side tokens that are not modelled (often many more than the declaration text).");
            if (NotCounted.Count > 0) caveats.Add($"{NotCounted.Count} non-text part(s) are not counted.");
            return new ApiTokenEstimate(api, TotalTokens, role, system, caveats);
        }
    }

    /// <summary>
    /// Counts tokens offline exactly like google-genai's <c>LocalTokenizer.count_tokens</c> (gemma3 models):
    /// the sum of the token counts of the strings its <c>_TextsAccumulator</c> extracts, with no BOS, EOS or
    /// role tokens:
    /// <list type="bullet">
    /// <item>text parts: the text;</item>
    /// <item>function calls/responses: the name, then every key and every string value of <c>args</c>/<c>response</c>,
    /// recursively through objects and arrays (numbers, booleans and null are not counted);</item>
    /// <item>function declarations: name, description, and the <c>parameters</c>/<c>response</c> schemas;</item>
    /// <item>schemas (also <c>responseSchema</c>): <c>format</c>, <c>description</c>, each <c>enum</c> value, each
    /// <c>required</c> entry, each property key, recursing into <c>items</c> and <c>properties</c>, and the keys and
    /// string values of <c>example</c>; <c>type</c>, <c>title</c>, <c>default</c>, <c>anyOf</c>… are not counted;</item>
    /// <item>the system instruction: as contents;</item>
    /// <item>inline/file data and other part fields: not counted, listed in <see cref="LocalTokenCountResult.NotCounted"/>.</item>
    /// </list>
    /// </summary>
    public sealed class LocalTokenCounter
    {
        private readonly GemmaTokenizer _tokenizer;

        public LocalTokenCounter(GemmaTokenizer tokenizer) => _tokenizer = tokenizer ?? throw new ArgumentNullException(nameof(tokenizer));

        public GemmaTokenizer Tokenizer => _tokenizer;

        /// <summary>Tokens of a plain string prompt.</summary>
        public int CountText(string text) => _tokenizer.CountTokens(text);

        /// <summary>Counts contents (and the optional system instruction, function declarations and response schema).</summary>
        public LocalTokenCountResult Count(IEnumerable<(string? Role, IEnumerable<TokenizerPart> Parts)> contents, LocalTokenCountOptions? options = null)
        {
            if (contents == null) throw new ArgumentNullException(nameof(contents));
            var list = new List<TokenizerContent>();
            foreach (var (role, parts) in contents) list.Add(new TokenizerContent(role, parts ?? Array.Empty<TokenizerPart>()));
            return Count(list, options);
        }

        /// <summary>Counts contents (and the optional system instruction, function declarations and response schema).</summary>
        public LocalTokenCountResult Count(IEnumerable<TokenizerContent> contents, LocalTokenCountOptions? options = null)
        {
            if (contents == null) throw new ArgumentNullException(nameof(contents));
            var run = new Run(_tokenizer, options?.IncludeDetails == true);
            int contentIndex = 0;
            foreach (TokenizerContent content in contents)
            {
                run.AddParts(content.Parts, $"contents[{contentIndex}]");
                contentIndex++;
            }

            bool hasFunctions = false;
            if (options?.FunctionDeclarations != null)
            {
                int k = 0;
                foreach (TokenizerFunctionDeclaration fd in options.FunctionDeclarations)
                {
                    hasFunctions = true;
                    string at = $"tools.functionDeclarations[{k++}]";
                    run.AddIfNotEmpty(fd.Name, at + ".name");
                    run.AddIfNotEmpty(fd.Description, at + ".description");
                    if (fd.Parameters.HasValue) run.AddSchema(fd.Parameters.Value, at + ".parameters");
                    if (fd.Response.HasValue) run.AddSchema(fd.Response.Value, at + ".response");
                }
            }

            if (options?.ResponseSchema.HasValue == true) run.AddSchema(options.ResponseSchema!.Value, "generationConfig.responseSchema");

            bool hasSystem = false;
            if (options?.SystemInstruction != null)
            {
                var parts = new List<TokenizerPart>(options.SystemInstruction);
                hasSystem = parts.Count > 0;
                run.AddParts(parts, "systemInstruction");
            }

            return new LocalTokenCountResult(run.Total, contentIndex, hasSystem, hasFunctions, run.NotCounted, run.Details);
        }

        private sealed class Run
        {
            private readonly GemmaTokenizer _tokenizer;
            private readonly bool _details;

            public Run(GemmaTokenizer tokenizer, bool details)
            {
                _tokenizer = tokenizer;
                _details = details;
            }

            public int Total { get; private set; }

            public List<NotCountedPart> NotCounted { get; } = new List<NotCountedPart>();

            public List<TokenCountDetail> Details { get; } = new List<TokenCountDetail>();

            public void Add(string text, string location)
            {
                int n = _tokenizer.CountTokens(text);
                Total += n;
                if (_details) Details.Add(new TokenCountDetail(location, text, n));
            }

            public void AddIfNotEmpty(string? text, string location)
            {
                if (!string.IsNullOrEmpty(text)) Add(text!, location);
            }

            public void AddParts(IReadOnlyList<TokenizerPart> parts, string at)
            {
                for (int j = 0; j < parts.Count; j++)
                {
                    TokenizerPart part = parts[j];
                    string loc = $"{at}.parts[{j}]";
                    switch (part.Kind)
                    {
                        case TokenizerPartKind.Text:
                            Add(part.Text!, loc + ".text");
                            break;
                        case TokenizerPartKind.FunctionCall:
                            AddIfNotEmpty(part.Name, loc + ".functionCall.name");
                            if (part.Data.HasValue) AddObject(part.Data.Value, loc + ".functionCall.args");
                            break;
                        case TokenizerPartKind.FunctionResponse:
                            AddIfNotEmpty(part.Name, loc + ".functionResponse.name");
                            if (part.Data.HasValue) AddObject(part.Data.Value, loc + ".functionResponse.response");
                            break;
                        default:
                            NotCounted.Add(new NotCountedPart(loc, part.Kind, part.MimeType, part.Name));
                            break;
                    }
                }
            }

            /// <summary>google-genai <c>_dict_traverse</c>/<c>_any_traverse</c>: keys and string leaves.</summary>
            public void AddObject(JsonElement value, string location)
            {
                switch (value.ValueKind)
                {
                    case JsonValueKind.String:
                        Add(value.GetString()!, location);
                        break;
                    case JsonValueKind.Object:
                        foreach (JsonProperty p in value.EnumerateObject())
                        {
                            Add(p.Name, location + ".<key>");
                            AddObject(p.Value, location + "." + p.Name);
                        }

                        break;
                    case JsonValueKind.Array:
                        int i = 0;
                        foreach (JsonElement item in value.EnumerateArray()) AddObject(item, $"{location}[{i++}]");
                        break;
                }
            }

            /// <summary>google-genai <c>add_schema</c>.</summary>
            public void AddSchema(JsonElement schema, string location)
            {
                if (schema.ValueKind != JsonValueKind.Object) return;
                if (schema.TryGetProperty("format", out JsonElement format) && format.ValueKind == JsonValueKind.String) AddIfNotEmpty(format.GetString(), location + ".format");
                if (schema.TryGetProperty("description", out JsonElement description) && description.ValueKind == JsonValueKind.String) AddIfNotEmpty(description.GetString(), location + ".description");
                AddStrings(schema, "enum", location);
                AddStrings(schema, "required", location);
                if (schema.TryGetProperty("items", out JsonElement items)) AddSchema(items, location + ".items");
                if (schema.TryGetProperty("properties", out JsonElement properties) && properties.ValueKind == JsonValueKind.Object)
                {
                    foreach (JsonProperty p in properties.EnumerateObject())
                    {
                        Add(p.Name, location + ".properties.<key>");
                        AddSchema(p.Value, location + ".properties." + p.Name);
                    }
                }

                if (schema.TryGetProperty("example", out JsonElement example)) AddObject(example, location + ".example");
            }

            private void AddStrings(JsonElement schema, string name, string location)
            {
                if (!schema.TryGetProperty(name, out JsonElement array) || array.ValueKind != JsonValueKind.Array) return;
                int i = 0;
                foreach (JsonElement item in array.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String) Add(item.GetString()!, $"{location}.{name}[{i}]");
                    i++;
                }
            }
        }
    }
}
