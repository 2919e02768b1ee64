using System;
using System.Collections;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using GenAI.Core.Errors;
using GenAI.PowerShell.Errors;

namespace GenAI.PowerShell.Schema
{
    /// <summary>
    /// The API schema of a .NET or PowerShell type: strings, numbers, booleans, dates (STRING date-time),
    /// enums (STRING with enum), arrays and lists (ARRAY), hashtables (OBJECT), classes (OBJECT with their public
    /// properties in declaration order). Every property is required except Nullable value types and properties marked
    /// [AllowNull()], which are nullable. [ValidateSet] gives an enum, [ValidateRange] minimum/maximum and
    /// [Description] a description.
    /// </summary>
    internal static class TypeSchemaBuilder
    {
        private static readonly Type[] s_integers = { typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long), typeof(ulong) };
        private static readonly Type[] s_texts = { typeof(string), typeof(char), typeof(Guid), typeof(Uri), typeof(Version), typeof(TimeSpan) };

        /// <summary>The response schema for <paramref name="type"/>.</summary>
        public static JsonElement ForType(Type type)
        {
            var schema = Build(type, Array.Empty<object>(), new Stack<Type>(), type.Name)
                ?? throw new InvalidInputException(ErrorCodes.InvalidSchema, $"The type [{type.FullName}] cannot be described as a schema.", type,
                    "Use a class with typed properties (strings, numbers, booleans, dates, enums, arrays, other classes).");
            using var document = JsonDocument.Parse(schema.ToJsonString());
            return document.RootElement.Clone();
        }

        /// <summary>
        /// The schema of a command parameter, or null when the model cannot supply a value of that type. A hashtable or
        /// [pscustomobject] parameter is an OBJECT with no fixed properties; a class PowerShell can build from a hashtable
        /// is an OBJECT with its properties (throws InvalidSchema when one of them cannot be described).
        /// </summary>
        public static JsonObject? ForParameter(Type type, IEnumerable<object> attributes) =>
            Build(type, attributes.ToArray(), new Stack<Type>(), type.Name, parameter: true);

        private static JsonObject? Build(Type type, object[] attributes, Stack<Type> path, string where, bool parameter = false)
        {
            var underlying = Nullable.GetUnderlyingType(type);
            if (underlying != null)
            {
                var inner = Build(underlying, attributes, path, where, parameter);
                if (inner != null) inner["nullable"] = true;
                return inner;
            }

            JsonObject? schema = Basic(type) ?? (type.IsEnum ? Enum(type) : null);
            if (schema == null && type.IsArray)
                schema = ArrayOf(type.GetElementType()!, path, where, parameter);
            else if (schema == null && ElementType(type) is Type element)
                schema = ArrayOf(element, path, where, parameter);
            else if (schema == null && (typeof(IDictionary).IsAssignableFrom(type) || (parameter && type == typeof(PSObject))))
                schema = new JsonObject { ["type"] = "OBJECT" };
            else if (schema == null && IsDataClass(type) && (!parameter || IsBuildable(type)))
                schema = Object(type, path, where);

            if (schema == null) return null;
            Decorate(schema, attributes);
            return schema;
        }

        private static JsonObject? Basic(Type type)
        {
            if (type == typeof(bool) || type == typeof(SwitchParameter)) return new JsonObject { ["type"] = "BOOLEAN" };
            if (s_integers.Contains(type))
                return new JsonObject { ["type"] = "INTEGER", ["format"] = type == typeof(long) || type == typeof(ulong) ? "int64" : "int32" };
            if (type == typeof(float)) return new JsonObject { ["type"] = "NUMBER", ["format"] = "float" };
            if (type == typeof(double) || type == typeof(decimal)) return new JsonObject { ["type"] = "NUMBER", ["format"] = "double" };
            if (type == typeof(DateTime) || type == typeof(DateTimeOffset)) return new JsonObject { ["type"] = "STRING", ["format"] = "date-time" };
            if (s_texts.Contains(type)) return new JsonObject { ["type"] = "STRING" };
            return null;
        }

        private static JsonObject Enum(Type type) => new JsonObject
        {
            ["type"] = "STRING",
            ["format"] = "enum",
            ["enum"] = new JsonArray(System.Enum.GetNames(type).Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
        };

        private static JsonObject? ArrayOf(Type element, Stack<Type> path, string where, bool parameter)
        {
            var items = Build(element, System.Array.Empty<object>(), path, where + "[]", parameter);
            return items == null ? null : new JsonObject { ["type"] = "ARRAY", ["items"] = items };
        }

        private static Type? ElementType(Type type)
        {
            if (type == typeof(string)) return null;
            var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
                ? type
                : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
            if (enumerable == null || typeof(IDictionary).IsAssignableFrom(type)) return null;
            var element = enumerable.GetGenericArguments()[0];
            return element.IsGenericType && element.GetGenericTypeDefinition() == typeof(KeyValuePair<,>) ? null : element;
        }

        private static bool IsDataClass(Type type) =>
            (type.IsClass || (type.IsValueType && !type.IsPrimitive)) && type != typeof(object) && type != typeof(PSObject)
            && !typeof(Delegate).IsAssignableFrom(type) && !typeof(ScriptBlock).IsAssignableFrom(type) && Properties(type).Any();

        // A parameter's class is described only when PowerShell can build it from the model's JSON object (a hashtable):
        // a public parameterless constructor and settable properties. Others (FileInfo, Process) are not data to supply.
        private static bool IsBuildable(Type type) =>
            !type.IsAbstract && (type.IsValueType || type.GetConstructor(Type.EmptyTypes) != null) && Properties(type).Any(p => p.CanWrite);

        private static JsonObject Object(Type type, Stack<Type> path, string where)
        {
            if (path.Contains(type))
                throw new InvalidInputException(PowerShellErrorCodes.RecursiveSchema,
                    $"The type [{type.Name}] contains itself ({string.Join(" -> ", path.Reverse().Select(t => t.Name).Concat(new[] { type.Name }))}); the API's schemas cannot be recursive.",
                    type, "Give the nested property a different (non-recursive) type, or describe the schema with a hashtable.");
            path.Push(type);
            var properties = new JsonObject();
            var required = new JsonArray();
            var ordering = new JsonArray();
            foreach (var property in Properties(type))
            {
                var attributes = property.GetCustomAttributes(true);
                var schema = Build(property.PropertyType, attributes, path, where + "." + property.Name)
                    ?? throw new InvalidInputException(ErrorCodes.InvalidSchema,
                        $"The property {where}.{property.Name} has the type [{property.PropertyType.Name}], which cannot be described as a schema.", type,
                        "Use strings, numbers, booleans, dates, enums, arrays or classes for the properties of a response type.");
                bool allowNull = attributes.Any(a => a is AllowNullAttribute);
                if (allowNull) schema["nullable"] = true;
                properties[property.Name] = schema;
                ordering.Add(property.Name);
                if (!allowNull && Nullable.GetUnderlyingType(property.PropertyType) == null) required.Add(property.Name);
            }
            path.Pop();
            var result = new JsonObject { ["type"] = "OBJECT", ["properties"] = properties };
            if (required.Count > 0) result["required"] = required;
            if (ordering.Count > 1) result["propertyOrdering"] = ordering;
            var description = type.GetCustomAttributes(typeof(DescriptionAttribute), true).OfType<DescriptionAttribute>().FirstOrDefault()?.Description;
            if (!string.IsNullOrEmpty(description)) result["description"] = description;
            return result;
        }

        // Public instance properties with a getter, base class first, each class's in declaration order; PowerShell's hidden ones left out.
        private static IEnumerable<PropertyInfo> Properties(Type type)
        {
            var chain = new Stack<Type>();
            for (var t = type; t != null && t != typeof(object) && t != typeof(ValueType); t = t.BaseType) chain.Push(t);
            foreach (var t in chain)
                foreach (var property in t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).OrderBy(p => p.MetadataToken))
                    if (property.CanRead && property.GetIndexParameters().Length == 0 && !property.GetCustomAttributes(true).Any(a => a is HiddenAttribute))
                        yield return property;
        }

        private static void Decorate(JsonObject schema, object[] attributes)
        {
            foreach (var attribute in attributes)
            {
                switch (attribute)
                {
                    case ValidateSetAttribute set when schema["type"]?.GetValue<string>() == "STRING":
                        schema["enum"] = new JsonArray(set.ValidValues.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
                        schema["format"] = "enum";
                        break;
                    case ValidateSetAttribute set when schema["type"]?.GetValue<string>() == "ARRAY" && schema["items"] is JsonObject items && items["type"]?.GetValue<string>() == "STRING":
                        items["enum"] = new JsonArray(set.ValidValues.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
                        items["format"] = "enum";
                        break;
                    case ValidateRangeAttribute range when range.MinRange != null && range.MaxRange != null:
                        if (TryNumber(range.MinRange, out double min)) schema["minimum"] = min;
                        if (TryNumber(range.MaxRange, out double max)) schema["maximum"] = max;
                        break;
                    case DescriptionAttribute description when !string.IsNullOrEmpty(description.Description):
                        schema["description"] = description.Description;
                        break;
                }
            }
        }

        private static bool TryNumber(object value, out double number)
        {
            try
            {
                number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                return !double.IsInfinity(number) && Math.Abs(number) < 1e15;
            }
            catch (Exception ex) when (ex is InvalidCastException || ex is FormatException || ex is OverflowException)
            {
                number = 0;
                return false;
            }
        }
    }
}
