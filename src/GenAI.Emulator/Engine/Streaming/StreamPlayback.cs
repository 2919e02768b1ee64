using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using GenAI.Emulator.Engine.Errors;
using GenAI.Emulator.Engine.Json;

namespace GenAI.Emulator.Engine.Streaming;

/// <summary>How a chunk list is played: pacing, gate, and where a fault cuts in.</summary>
internal sealed record PlaybackSettings
{
    public TimeSpan ChunkDelay { get; init; }

    /// <summary>When set, awaited before the last chunk (gated models).</summary>
    public Func<CancellationToken, Task>? BeforeLastChunk { get; init; }

    /// <summary>After this many chunks, send a mid-stream 503 error and stop.</summary>
    public int? ErrorAfter { get; init; }

    /// <summary>After this many chunks, abort the connection.</summary>
    public int? AbortAfter { get; init; }

    /// <summary>
    /// When set, awaited (after the chunks before the abort are flushed) before aborting: a test releases it once
    /// its client has read those chunks, so the reset can never make the client's kernel discard them.
    /// </summary>
    public Func<CancellationToken, Task>? BeforeAbort { get; init; }

    /// <summary>After this many chunks, send a malformed chunk and stop.</summary>
    public int? MalformedAfter { get; init; }
}

/// <summary>Turns prepared chunks into <see cref="StreamEvent"/>s, applying delays, gates and faults.</summary>
internal static class StreamPlayback
{
    public static async IAsyncEnumerable<StreamEvent> Play(
        IReadOnlyList<JsonObject> chunks,
        PlaybackSettings settings,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (int i = 0; ; i++)
        {
            if (settings.ErrorAfter == i)
            {
                yield return new StreamEvent(StreamEventKind.Error, default, ApiErrors.Overloaded());
                yield break;
            }

            if (settings.AbortAfter == i)
            {
                if (settings.BeforeAbort is not null)
                {
                    await settings.BeforeAbort(cancellationToken).ConfigureAwait(false);
                }

                yield return new StreamEvent(StreamEventKind.Abort, default);
                yield break;
            }

            if (settings.MalformedAfter == i)
            {
                yield return new StreamEvent(StreamEventKind.Malformed, MalformedChunk);
                yield break;
            }

            if (i >= chunks.Count)
            {
                yield break;
            }

            if (i > 0 && settings.ChunkDelay > TimeSpan.Zero)
            {
                await Task.Delay(settings.ChunkDelay, cancellationToken).ConfigureAwait(false);
            }

            if (i == chunks.Count - 1 && settings.BeforeLastChunk is not null)
            {
                await settings.BeforeLastChunk(cancellationToken).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            yield return StreamEvent.Chunk(WireJson.ToCompactBytes(chunks[i]));
        }
    }

    /// <summary>A chunk cut off mid-string, as a broken proxy would deliver it.</summary>
    public static readonly byte[] MalformedChunk =
        System.Text.Encoding.UTF8.GetBytes("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"trunc");
}
