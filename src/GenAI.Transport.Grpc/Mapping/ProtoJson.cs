using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenAI.Core.Errors;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace GenAI.Transport.Grpc.Mapping
{
    /// <summary>
    /// The JSON side of the mapping: <c>google.protobuf.Struct/Value</c> ↔ <see cref="JsonElement"/>,
    /// and proto3 JSON (the REST wire format) for sub-messages the core keeps as raw JSON or in
    /// <c>AdditionalProperties</c>. Fields the core does not type are thus carried both ways by name.
    /// </summary>
    /// <summary>
    /// The fields of one message type that the core does not type, computed once per mapping site:
    /// proto → core puts those that are set into <c>AdditionalProperties</c> (cheap when none are set).
    /// </summary>
    internal sealed class ExtraFields
    {
        private readonly FieldDescriptor[] _fields;

        private ExtraFields(FieldDescriptor[] fields) { _fields = fields; }

        /// <summary>The fields not mapped to typed core properties (they travel as AdditionalProperties).</summary>
        internal IReadOnlyList<FieldDescriptor> Fields => _fields;

        public static ExtraFields Except(MessageDescriptor descriptor, params int[] handled) =>
            new ExtraFields(descriptor.Fields.InFieldNumberOrder().Where(f => Array.IndexOf(handled, f.FieldNumber) < 0).ToArray());

        public IDictionary<string, JsonElement>? Of(IMessage message) => _fields.Length == 0 ? null : ProtoJson.Extras(message, _fields);
    }

    internal static class ProtoJson
    {
        private static readonly TypeRegistry s_errorDetails = TypeRegistry.FromFiles(Google.Rpc.ErrorDetailsReflection.Descriptor);

        public static readonly JsonFormatter Formatter = new JsonFormatter(JsonFormatter.Settings.Default.WithTypeRegistry(s_errorDetails));

        private static readonly JsonParser s_parser = new JsonParser(JsonParser.Settings.Default.WithIgnoreUnknownFields(true).WithTypeRegistry(s_errorDetails));

        // ---- Struct / Value ----

        public static JsonElement ToElement(Value value) => Write(w => WriteValue(w, value, 0));

        public static JsonElement ToElement(Struct value) => Write(w => WriteStruct(w, value, 0));

        public static Value ToValue(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object: return Value.ForStruct(ToStruct(element));
                case JsonValueKind.Array:
                    var list = new ListValue();
                    foreach (var item in element.EnumerateArray()) list.Values.Add(ToValue(item));
                    return new Value { ListValue = list };
                case JsonValueKind.String: return Value.ForString(element.GetString()!);
                case JsonValueKind.Number: return Value.ForNumber(element.GetDouble());
                case JsonValueKind.True: return Value.ForBool(true);
                case JsonValueKind.False: return Value.ForBool(false);
                default: return Value.ForNull();
            }
        }

        /// <summary>A JSON object as a Struct (function args and responses must be objects on the wire).</summary>
        public static Struct ToStruct(JsonElement element, string field = "struct")
        {
            if (element.ValueKind != JsonValueKind.Object)
                throw new InvalidInputException(ErrorCodes.InvalidArgument,
                    $"Invalid value at '{field}': a JSON object is required, not {element.ValueKind}.", element.GetRawText());
            var result = new Struct();
            foreach (var property in element.EnumerateObject()) result.Fields[property.Name] = ToValue(property.Value);
            return result;
        }

        private static void WriteStruct(Utf8JsonWriter writer, Struct value, int depth)
        {
            writer.WriteStartObject();
            foreach (var field in value.Fields)
            {
                writer.WritePropertyName(field.Key);
                WriteValue(writer, field.Value, depth + 1);
            }
            writer.WriteEndObject();
        }

        private static void WriteValue(Utf8JsonWriter writer, Value? value, int depth)
        {
            if (depth > 100) throw new InvalidDataException("The value is nested more than 100 levels deep.");
            switch (value?.KindCase ?? Value.KindOneofCase.None)
            {
                case Value.KindOneofCase.StringValue: writer.WriteStringValue(value!.StringValue); break;
                case Value.KindOneofCase.BoolValue: writer.WriteBooleanValue(value!.BoolValue); break;
                case Value.KindOneofCase.NumberValue:
                    double number = value!.NumberValue;
                    if (double.IsNaN(number) || double.IsInfinity(number)) writer.WriteStringValue(number.ToString(CultureInfo.InvariantCulture));
                    else writer.WriteNumberValue(number);
                    break;
                case Value.KindOneofCase.StructValue: WriteStruct(writer, value!.StructValue, depth); break;
                case Value.KindOneofCase.ListValue:
                    writer.WriteStartArray();
                    foreach (var item in value!.ListValue.Values) WriteValue(writer, item, depth + 1);
                    writer.WriteEndArray();
                    break;
                default: writer.WriteNullValue(); break;
            }
        }

        private static JsonElement Write(Action<Utf8JsonWriter> write)
        {
            var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer)) write(writer);
            using var document = JsonDocument.Parse(buffer.ToArray());
            return document.RootElement.Clone();
        }

        // ---- proto3 JSON for whole messages ----

        public static JsonElement ToElement(IMessage message) => Parse(Formatter.Format(message));

        public static T FromElement<T>(JsonElement element) where T : IMessage, new()
        {
            try
            {
                return s_parser.Parse<T>(element.GetRawText());
            }
            catch (InvalidProtocolBufferException ex)
            {
                throw new InvalidInputException(ErrorCodes.InvalidArgument, $"Invalid JSON for {typeof(T).Name}: {ex.Message}", element.GetRawText(), inner: ex);
            }
            catch (InvalidJsonException ex)
            {
                throw new InvalidInputException(ErrorCodes.InvalidArgument, $"Invalid JSON for {typeof(T).Name}: {ex.Message}", element.GetRawText(), inner: ex);
            }
        }

        /// <summary>
        /// Sets on <paramref name="target"/> the request fields the core types leave in AdditionalProperties (proto3 JSON
        /// names). A field the bundled protos do not have is an error naming it, never a silent drop: the request would
        /// otherwise go out without something the caller asked for.
        /// </summary>
        public static void MergeExtras(IMessage target, IDictionary<string, JsonElement>? extras)
        {
            if (extras == null || extras.Count == 0) return;
            foreach (string name in extras.Keys)
            {
                if (FindField(target.Descriptor, name) != null) continue;
                throw new InvalidInputException(ErrorCodes.FieldNotSupportedOverGrpc,
                    $"The gRPC transport cannot send the field '{name}' of {target.Descriptor.Name}: the protocol definitions bundled with the module do not have it.",
                    name, GrpcUnsupportedFields.RecommendedAction);
            }
            var json = new StringBuilder("{");
            bool first = true;
            foreach (var pair in extras)
            {
                if (!first) json.Append(',');
                first = false;
                json.Append(JsonSerializer.Serialize(pair.Key)).Append(':').Append(pair.Value.GetRawText());
            }
            json.Append('}');
            IMessage parsed;
            try { parsed = s_parser.Parse(json.ToString(), target.Descriptor); }
            catch (Exception ex) when (ex is InvalidProtocolBufferException || ex is InvalidJsonException)
            {
                throw new InvalidInputException(ErrorCodes.InvalidArgument, $"Invalid field in {target.Descriptor.Name}: {ex.Message}", null, inner: ex);
            }
            target.MergeFrom(parsed.ToByteString());
        }

        private static FieldDescriptor? FindField(MessageDescriptor descriptor, string name)
        {
            foreach (var field in descriptor.Fields.InDeclarationOrder())
                if (field.JsonName == name || field.Name == name) return field;
            return null;
        }

        /// <summary>The set fields of <paramref name="message"/> among <paramref name="fields"/>, as proto3 JSON by JSON name; null when none.</summary>
        public static IDictionary<string, JsonElement>? Extras(IMessage message, IReadOnlyList<FieldDescriptor> fields)
        {
            Dictionary<string, JsonElement>? extras = null;
            for (int i = 0; i < fields.Count; i++)
            {
                var field = fields[i];
                if (!IsSet(field, message)) continue;
                var writer = new StringWriter(CultureInfo.InvariantCulture);
                Formatter.WriteValue(writer, field.Accessor.GetValue(message));
                (extras ??= new Dictionary<string, JsonElement>())[field.JsonName] = Parse(writer.ToString());
            }
            return extras;
        }

        private static bool IsSet(FieldDescriptor field, IMessage message)
        {
            object value = field.Accessor.GetValue(message);
            if (field.IsMap || field.IsRepeated) return ((ICollection)value).Count > 0;
            if (field.HasPresence) return field.Accessor.HasValue(message);
            return value switch
            {
                null => false,
                string s => s.Length > 0,
                ByteString b => b.Length > 0,
                bool flag => flag,
                System.Enum e => Convert.ToInt32(e, CultureInfo.InvariantCulture) != 0,
                IMessage _ => true,
                IConvertible number => Convert.ToDouble(number, CultureInfo.InvariantCulture) != 0,
                _ => true,
            };
        }

        // ---- well-known scalars ----

        /// <summary>RFC 3339 UTC, as proto3 JSON writes a Timestamp.</summary>
        public static string? Format(Timestamp? value) => value == null ? null : Formatter.Format(value).Trim('"');

        /// <summary>"300s", "1.500s", as proto3 JSON writes a Duration.</summary>
        public static string? Format(Duration? value) => value == null ? null : Formatter.Format(value).Trim('"');

        public static Timestamp? ParseTimestamp(string? text, string field) => ParseWellKnown(text, Timestamp.Descriptor, field) as Timestamp;

        public static Duration? ParseDuration(string? text, string field) => ParseWellKnown(text, Duration.Descriptor, field) as Duration;

        private static IMessage? ParseWellKnown(string? text, MessageDescriptor descriptor, string field)
        {
            if (string.IsNullOrEmpty(text)) return null;
            try { return s_parser.Parse(JsonSerializer.Serialize(text), descriptor); }
            catch (Exception ex) when (ex is InvalidProtocolBufferException || ex is InvalidJsonException || ex is FormatException)
            {
                throw new InvalidInputException(ErrorCodes.InvalidArgument, $"Invalid value at '{field}', \"{text}\": {ex.Message}", text, inner: ex);
            }
        }

        public static string? Base64(ByteString bytes) => bytes.IsEmpty ? null : bytes.ToBase64();

        public static ByteString FromBase64(string? text, string field)
        {
            if (string.IsNullOrEmpty(text)) return ByteString.Empty;
            try { return ByteString.FromBase64(NormalizeBase64(text!)); }
            catch (FormatException ex)
            {
                throw new InvalidInputException(ErrorCodes.InvalidArgument, $"Invalid value at '{field}': not base64.", null, inner: ex);
            }
        }

        // proto3 JSON accepts URL-safe base64 and missing padding.
        private static string NormalizeBase64(string text)
        {
            text = text.Replace('-', '+').Replace('_', '/');
            int pad = text.Length % 4;
            return pad == 0 ? text : text + new string('=', 4 - pad);
        }

        public static JsonElement Parse(string json)
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }

        /// <summary>Float fields to double as their shortest decimal (0.7f → 0.7, like the REST JSON).</summary>
        public static double ToDouble(float value) => double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

        /// <summary>
        /// OpenAPI schemas to proto Schema. The enum field <c>type</c> is upper-cased first (users write
        /// <c>"object"</c>; proto needs <c>OBJECT</c>), through nested items, properties and anyOf.
        /// </summary>
        public static P.Schema ToSchema(JsonElement element, string field)
        {
            if (element.ValueKind != JsonValueKind.Object)
                throw new InvalidInputException(ErrorCodes.InvalidArgument, $"Invalid value at '{field}': a schema must be a JSON object.", element.GetRawText());
            var node = JsonNode.Parse(element.GetRawText())!;
            UpperCaseTypes(node, 0);
            return FromElement<P.Schema>(Parse(node.ToJsonString()));
        }

        private static void UpperCaseTypes(JsonNode? node, int depth)
        {
            if (depth > 64 || node is not JsonObject schema) return;
            if (schema["type"] is JsonValue type && type.TryGetValue(out string? name)) schema["type"] = name.ToUpperInvariant();
            UpperCaseTypes(schema["items"], depth + 1);
            if (schema["properties"] is JsonObject properties)
                foreach (var property in properties) UpperCaseTypes(property.Value, depth + 1);
            foreach (string key in new[] { "anyOf", "any_of" })
                if (schema[key] is JsonArray anyOf)
                    foreach (var item in anyOf) UpperCaseTypes(item, depth + 1);
        }
    }
}
