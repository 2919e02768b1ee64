using System;
using System.Collections.Generic;
using System.Text.Json;

namespace GenAI.Core.Tokenization
{
    /// <summary>Kind of a <see cref="TokenizerPart"/>.</summary>
    public enum TokenizerPartKind
    {
        /// <summary><c>Part.text</c>: counted.</summary>
        Text,
        /// <summary><c>Part.functionCall</c>: name, argument keys and string values counted.</summary>
        FunctionCall,
        /// <summary><c>Part.functionResponse</c>: name, response keys and string values counted.</summary>
        FunctionResponse,
        /// <summary><c>Part.inlineData</c> (image, audio, video, PDF…): not counted.</summary>
        InlineData,
        /// <summary><c>Part.fileData</c>: not counted.</summary>
        FileData,
        /// <summary>Any other part field (<c>executableCode</c>, <c>codeExecutionResult</c>, …): not counted.</summary>
        Other,
    }

    /// <summary>
    /// Minimal, protocol-independent view of a <c>Part</c> for offline counting (the integration maps the core
    /// protocol types onto it). Create with the static factories.
    /// </summary>
    public sealed class TokenizerPart
    {
        private TokenizerPart(TokenizerPartKind kind, string? text, string? name, JsonElement? data, string? mimeType)
        {
            Kind = kind;
            Text = text;
            Name = name;
            Data = data;
            MimeType = mimeType;
        }

        public TokenizerPartKind Kind { get; }

        /// <summary>Text of a <see cref="TokenizerPartKind.Text"/> part.</summary>
        public string? Text { get; }

        /// <summary>Function name (function call/response) or field name (<see cref="TokenizerPartKind.Other"/>).</summary>
        public string? Name { get; }

        /// <summary>Function call <c>args</c> or function response <c>response</c> (any JSON).</summary>
        public JsonElement? Data { get; }

        /// <summary>MIME type of inline/file data.</summary>
        public string? MimeType { get; }

        public static TokenizerPart FromText(string text) =>
            new TokenizerPart(TokenizerPartKind.Text, text ?? throw new ArgumentNullException(nameof(text)), null, null, null);

        public static TokenizerPart FromFunctionCall(string? name, JsonElement? args = null) =>
            new TokenizerPart(TokenizerPartKind.FunctionCall, null, name, args, null);

        public static TokenizerPart FromFunctionResponse(string? name, JsonElement? response = null) =>
            new TokenizerPart(TokenizerPartKind.FunctionResponse, null, name, response, null);

        public static TokenizerPart FromInlineData(string? mimeType) =>
            new TokenizerPart(TokenizerPartKind.InlineData, null, null, null, mimeType);

        public static TokenizerPart FromFileData(string? mimeType) =>
            new TokenizerPart(TokenizerPartKind.FileData, null, null, null, mimeType);

        /// <summary>A part field the local tokenizer does not count (e.g. <c>"executableCode"</c>).</summary>
        public static TokenizerPart FromOther(string fieldName) =>
            new TokenizerPart(TokenizerPartKind.Other, null, fieldName, null, null);
    }

    /// <summary>One content: an optional role and its parts.</summary>
    public sealed class TokenizerContent
    {
        public TokenizerContent(string? role, IEnumerable<TokenizerPart> parts)
        {
            Role = role;
            Parts = new List<TokenizerPart>(parts ?? throw new ArgumentNullException(nameof(parts)));
        }

        public string? Role { get; }

        public IReadOnlyList<TokenizerPart> Parts { get; }

        /// <summary>A single user text content (how a plain string prompt is sent).</summary>
        public static TokenizerContent UserText(string text) => new TokenizerContent("user", new[] { TokenizerPart.FromText(text) });
    }

    /// <summary>A function declaration of a tool: name, description and the <c>parameters</c>/<c>response</c> schemas (Gemini <c>Schema</c> JSON).</summary>
    public sealed class TokenizerFunctionDeclaration
    {
        public TokenizerFunctionDeclaration(string? name, string? description = null, JsonElement? parameters = null, JsonElement? response = null)
        {
            Name = name;
            Description = description;
            Parameters = parameters;
            Response = response;
        }

        public string? Name { get; }

        public string? Description { get; }

        public JsonElement? Parameters { get; }

        public JsonElement? Response { get; }
    }
}
