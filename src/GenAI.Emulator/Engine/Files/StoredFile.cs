using System;
using System.Text.Json.Nodes;
using GenAI.Emulator.Engine.Json;

namespace GenAI.Emulator.Engine.Files;

/// <summary>
/// An uploaded file. Only the length, SHA-256 and the first bytes are kept — never the content.
/// The state is PROCESSING until <see cref="ReadyAt"/>, then ACTIVE.
/// </summary>
public sealed class StoredFile
{
    public required string Id { get; init; }

    public string Name => "files/" + Id;

    public string? DisplayName { get; init; }

    public required string MimeType { get; init; }

    public required long SizeBytes { get; init; }

    public required byte[] Sha256 { get; init; }

    /// <summary>Up to the first <see cref="FileStore.PreviewBytes"/> bytes of the content.</summary>
    public required byte[] FirstBytes { get; init; }

    public required DateTimeOffset CreateTime { get; init; }

    public required DateTimeOffset ReadyAt { get; init; }

    public required Uri Uri { get; init; }

    public long Sequence { get; init; }

    /// <summary>The bytes, kept for text files (batch input) and generated files (batch results); null otherwise.</summary>
    public byte[]? Content { get; init; }

    /// <summary>UPLOADED, or GENERATED for files the service made (batch results); only generated files can be downloaded.</summary>
    public string Source { get; init; } = "UPLOADED";

    /// <summary>Where a generated file is downloaded (<c>…/download/v1beta/files/{id}:download?alt=media</c>).</summary>
    public Uri? DownloadUri { get; init; }

    public DateTimeOffset ExpirationTime => CreateTime.AddHours(48);

    public string StateAt(DateTimeOffset now) => now >= ReadyAt ? "ACTIVE" : "PROCESSING";

    /// <summary>
    /// The File resource. Like the live service, <c>sha256Hash</c> is the base64 of the lower-case
    /// hex digest (see the cookbook fixtures), not of the raw digest bytes.
    /// </summary>
    public JsonObject ToJson(DateTimeOffset now)
    {
        var json = new JsonObject { ["name"] = Name };
        if (!string.IsNullOrEmpty(DisplayName))
        {
            json["displayName"] = DisplayName;
        }

        bool active = now >= ReadyAt;
        json["mimeType"] = MimeType;
        json["sizeBytes"] = SizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        json["createTime"] = ProtoTime.FormatMicros(CreateTime);
        json["updateTime"] = ProtoTime.FormatMicros(active ? ReadyAt : CreateTime);
        json["expirationTime"] = ProtoTime.FormatNanos(ExpirationTime);
        json["sha256Hash"] = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(Convert.ToHexStringLower(Sha256)));
        json["uri"] = Uri.ToString();
        json["state"] = StateAt(now);
        json["source"] = Source;
        if (DownloadUri is not null)
        {
            json["downloadUri"] = DownloadUri.ToString();
        }

        return json;
    }
}
