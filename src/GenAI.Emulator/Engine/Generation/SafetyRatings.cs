using System.Text.Json.Nodes;

namespace GenAI.Emulator.Engine.Generation;

/// <summary>The four current harm categories, as the service lists them.</summary>
internal static class SafetyRatings
{
    private static readonly string[] s_categories =
    {
        "HARM_CATEGORY_SEXUALLY_EXPLICIT", "HARM_CATEGORY_HATE_SPEECH", "HARM_CATEGORY_HARASSMENT", "HARM_CATEGORY_DANGEROUS_CONTENT",
    };

    public static JsonArray AllNegligible() => Build(highCategory: null, blocked: false);

    /// <summary>All NEGLIGIBLE except HATE_SPEECH HIGH (with <c>blocked: true</c> when <paramref name="blocked"/>).</summary>
    public static JsonArray HateSpeechHigh(bool blocked) => Build("HARM_CATEGORY_HATE_SPEECH", blocked);

    private static JsonArray Build(string? highCategory, bool blocked)
    {
        var ratings = new JsonArray();
        foreach (string category in s_categories)
        {
            var rating = new JsonObject
            {
                ["category"] = category,
                ["probability"] = category == highCategory ? "HIGH" : "NEGLIGIBLE",
            };
            if (category == highCategory && blocked)
            {
                rating["blocked"] = true;
            }

            ratings.Add(rating);
        }

        return ratings;
    }
}
