using System;
using System.Linq;
using System.Reflection;
using System.Text.Json.Serialization;
using GenAI.Transport.Grpc.Mapping;

namespace GenAI.Transport.Grpc.Tests.Mapping
{
    public class ExtraFieldsTests
    {
        // ContentMapper reads these two through the extras and moves them into Part.VideoMetadata / Part.PartMetadata.
        private static readonly string[] s_movedOutOfExtras =
        {
            "google.ai.generativelanguage.v1beta.Part.video_metadata",
            "google.ai.generativelanguage.v1beta.Part.part_metadata",
        };

        /// <summary>
        /// A proto field the mappers leave to AdditionalProperties must not be one the core types on REST: over gRPC
        /// it would land in AdditionalProperties while REST fills the typed property (the JSON looks the same, so the
        /// identity tests cannot tell).
        /// </summary>
        [Fact]
        public void No_field_left_to_AdditionalProperties_has_a_typed_core_property()
        {
            var mapperAssembly = typeof(ExtraFields).Assembly;
            var coreAssembly = typeof(GenAI.Core.Protocol.Part).Assembly;
            var sets = mapperAssembly.GetTypes()
                .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public))
                .Where(f => f.FieldType == typeof(ExtraFields))
                .Select(f => (Owner: f.DeclaringType!.Name + "." + f.Name, Extras: (ExtraFields)f.GetValue(null)!))
                .ToList();
            Assert.True(sets.Count > 20, "the mappers' ExtraFields sets were not found");

            var typed = (from set in sets
                         from field in set.Extras.Fields
                         where !s_movedOutOfExtras.Contains(field.FullName)
                         let core = coreAssembly.GetType("GenAI.Core.Protocol." + field.ContainingType.Name)
                         where core != null
                         from property in core.GetProperties()
                         where property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name == field.JsonName
                         select $"{set.Owner}: {field.ContainingType.FullName}.{field.Name} is {core.Name}.{property.Name}").ToList();
            Assert.Empty(typed);
        }
    }
}
