using System.Collections;
using System.Collections.Specialized;
using GenAI.Core.Errors;
using GenAI.Core.Input;

namespace GenAI.Core.Tests.Input
{
    public class SchemaConverterTests
    {
        private static string Convert(object value) => new SchemaConverter().Convert(value).GetRawText();

        [Fact]
        public void Keywords_and_type_names_are_normalised()
        {
            string json = Convert(new Hashtable
            {
                ["Type"] = "array",
                ["max_items"] = 3,
                ["Items"] = new Hashtable { ["type"] = "string", ["enum"] = new[] { "a", "b" } },
            });
            Assert.Contains("\"type\":\"ARRAY\"", json);
            Assert.Contains("\"maxItems\":3", json);
            Assert.Contains("\"items\":{", json);
            Assert.Contains("\"enum\":[\"a\",\"b\"]", json);
        }

        [Fact]
        public void Property_names_are_kept_and_bare_type_names_are_schemas()
        {
            string json = Convert(new Hashtable { ["properties"] = new Hashtable { ["first_name"] = "str" }, ["required"] = "first_name" });
            Assert.Equal("{\"type\":\"OBJECT\",\"properties\":{\"first_name\":{\"type\":\"STRING\"}},\"required\":[\"first_name\"]}", json);
        }

        [Fact]
        public void Ordered_properties_get_a_property_ordering()
        {
            string json = Convert(new Hashtable { ["type"] = "object", ["properties"] = new OrderedDictionary { ["b"] = "string", ["a"] = "number" } });
            Assert.Contains("\"propertyOrdering\":[\"b\",\"a\"]", json);
        }

        [Fact]
        public void Json_text_is_checked_like_a_hashtable()
        {
            Assert.Equal("{\"type\":\"OBJECT\",\"properties\":{\"x\":{\"type\":\"INTEGER\"}}}", Convert("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"integer\"}}}"));
            var error = Assert.Throws<InvalidInputException>(() => Convert("{\"type\":\"object\",\"additionalProperties\":false}"));
            Assert.Contains("additionalProperties", error.Message);
            Assert.Contains("responseJsonSchema", error.RecommendedAction);
        }

        [Theory]
        [InlineData("colour")]
        public void Unknown_types_are_refused(string type)
        {
            var error = Assert.Throws<InvalidInputException>(() => Convert(new Hashtable { ["type"] = type }));
            Assert.Equal("InvalidSchema", error.ErrorCode);
            Assert.Contains("'colour'", error.Message);
        }

        [Fact]
        public void Required_must_name_properties_and_arrays_need_items()
        {
            Assert.Throws<InvalidInputException>(() => Convert(new Hashtable { ["properties"] = new Hashtable { ["a"] = "string" }, ["required"] = "b" }));
            Assert.Throws<InvalidInputException>(() => Convert(new Hashtable { ["type"] = "array" }));
        }

        [Fact]
        public void Host_types_go_through_the_hook()
        {
            var converter = new SchemaConverter(typeHook: v => v is System.Type ? new SchemaConverter().Convert(new Hashtable { ["type"] = "string" }) : (System.Text.Json.JsonElement?)null);
            Assert.Equal("{\"type\":\"STRING\"}", converter.Convert(typeof(string)).GetRawText());
        }
    }
}
