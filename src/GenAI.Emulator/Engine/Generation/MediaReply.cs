using System;
using System.Linq;
using System.Text.Json.Nodes;
using GenAI.Emulator.Engine.Media;
using GenAI.Emulator.Engine.Models;

namespace GenAI.Emulator.Engine.Generation;

/// <summary>
/// The image or speech of a reply from an image or TTS model: a PNG (with the text when TEXT was asked
/// for too) or PCM audio only. Gemini 3 image models sign every image part.
/// </summary>
internal static class MediaReply
{
    public static void Add(GenerationContext context, CandidatePlan candidate, string text, int index)
    {
        ModelInfo model = context.Model;
        OutputSettings output = context.Request.Settings.Output;
        int words = Math.Max(1, text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        if (model.Output == ModelOutput.Speech)
        {
            candidate.Text = null;
            candidate.MediaParts.Add(Inline(SpeechAudio.MimeType, SpeechAudio.Create(words, output.Voice)));
            return;
        }

        if (model.Output != ModelOutput.Image || !output.WantsImage)
        {
            return;
        }

        if (!output.WantsText)
        {
            candidate.Text = null;
        }

        var (width, height) = PngImage.Size(output.AspectRatio, output.ImageSize);
        int seed = text.Sum(c => c) + index;
        JsonObject image = Inline("image/png", PngImage.Create(width, height, seed));
        candidate.MediaParts.Add(ResponseFactory.Signed(image, model.Gemini3 ? ThoughtSignatures.For(context.ResponseId, "image " + index) : null));
        if (candidate.Text is null && model.Gemini3)
        {
            candidate.ThoughtSignature = null; // the image carries it
        }
    }

    private static JsonObject Inline(string mimeType, byte[] data) =>
        new() { ["inlineData"] = new JsonObject { ["mimeType"] = mimeType, ["data"] = Convert.ToBase64String(data) } };
}
