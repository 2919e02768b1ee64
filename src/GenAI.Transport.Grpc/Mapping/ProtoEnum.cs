using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using GenAI.Core.Errors;
using Google.Protobuf.Reflection;

namespace GenAI.Transport.Grpc.Mapping
{
    /// <summary>
    /// Protobuf enum ↔ the core's string enums (REST JSON names such as <c>"STOP"</c>).
    /// Known numbers map to their proto value name. A number this build does not know (a newer server)
    /// becomes its decimal string (<c>"99"</c>), and such a string maps back to the same number, so an
    /// unknown value survives a round trip. Enum fields without presence treat 0 (<c>*_UNSPECIFIED</c>)
    /// as absent (null), exactly as proto3 JSON omits it on the REST side.
    /// </summary>
    internal static class ProtoEnum<T> where T : struct, Enum
    {
        private static readonly Dictionary<int, string> s_names = new Dictionary<int, string>();
        private static readonly Dictionary<string, int> s_numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        private static readonly Dictionary<string, int> s_numbersIgnoreCase = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        static ProtoEnum()
        {
            foreach (var field in typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                int number = Convert.ToInt32(field.GetValue(null), CultureInfo.InvariantCulture);
                string name = field.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? field.Name;
                if (!s_names.ContainsKey(number)) s_names[number] = name;
                s_numbers[name] = number;
                s_numbersIgnoreCase[name] = number;
            }
        }

        public static string Name(T value)
        {
            int number = Convert.ToInt32(value, CultureInfo.InvariantCulture);
            return s_names.TryGetValue(number, out var name) ? name : number.ToString(CultureInfo.InvariantCulture);
        }

        /// <summary>For fields without presence: 0 means "not set".</summary>
        public static string? NameOrNull(T value) => Convert.ToInt32(value, CultureInfo.InvariantCulture) == 0 ? null : Name(value);

        /// <summary>
        /// A core string to the enum: the proto name (case-insensitive as a courtesy), or a decimal number.
        /// Anything else cannot travel over gRPC and is reported as the service would (InvalidArgument).
        /// </summary>
        public static T Parse(string? name, string field)
        {
            if (string.IsNullOrEmpty(name)) return default;
            if (s_numbers.TryGetValue(name!, out int number) || s_numbersIgnoreCase.TryGetValue(name!, out number) ||
                int.TryParse(name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number))
                return (T)Enum.ToObject(typeof(T), number);
            throw new InvalidInputException(ErrorCodes.InvalidArgument,
                $"Invalid value at '{field}' ({typeof(T).Name}), \"{name}\": it is not one of the values this client can send over gRPC.",
                name, "Use one of the documented values, or send the request over REST, which passes on values this version does not know.");
        }
    }
}
