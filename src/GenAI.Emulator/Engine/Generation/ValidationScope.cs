namespace GenAI.Emulator.Engine.Generation;

/// <summary>
/// Names the request being validated in error messages, e.g. <c>GenerateContentRequest</c> with no
/// prefix, or <c>CountTokensRequest</c> with prefix <c>generate_content_request.</c>.
/// </summary>
internal sealed record ValidationScope(string RequestType, string FieldPrefix)
{
    public static readonly ValidationScope Generate = new("GenerateContentRequest", string.Empty);
    public static readonly ValidationScope CountTokens = new("CountTokensRequest", string.Empty);
    public static readonly ValidationScope CountTokensNested = new("CountTokensRequest", "generate_content_request.");
    public static readonly ValidationScope CreateCache = new("CreateCachedContentRequest", "cached_content.");

    public string Field(string path) => FieldPrefix + path;
}
