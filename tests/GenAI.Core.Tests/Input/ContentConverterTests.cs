using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using GenAI.Core.Errors;
using GenAI.Core.Input;
using GenAI.Core.Protocol;

namespace GenAI.Core.Tests.Input
{
    public class ContentConverterTests
    {
        private readonly ContentConverter _converter = new ContentConverter();

        [Fact]
        public void A_list_of_strings_is_one_message_with_one_part_each()
        {
            var contents = _converter.ToContents(new object[] { "a", "b" });
            var content = Assert.Single(contents);
            Assert.Null(content.Role);
            Assert.Equal(new[] { "a", "b" }, content.Parts.ConvertAll(p => p.Text));
        }

        public static IEnumerable<object[]> RawInlineData()
        {
            byte[] png = { 0x89, 0x50, 0x4E, 0x47 };
            yield return new object[] { new Hashtable { ["inline_data"] = new Hashtable { ["mime_type"] = "image/png", ["data"] = png } } };
            yield return new object[] { new Hashtable { ["inlineData"] = new Hashtable { ["mimeType"] = "image/png", ["data"] = new System.IO.MemoryStream(png) } } };
            yield return new object[] { new Hashtable { ["mime_type"] = "image/png", ["data"] = png } };
            yield return new object[] { new Hashtable { ["role"] = "user", ["parts"] = new object[] { new Hashtable { ["inline_data"] = new Hashtable { ["mime_type"] = "image/png", ["data"] = png } } } } };
        }

        [Theory]
        [MemberData(nameof(RawInlineData))]
        public void Bytes_and_streams_inside_inline_data_are_sent_as_base64(object value)
        {
            var part = Assert.Single(Assert.Single(_converter.ToContents(new[] { value })).Parts);
            Assert.Equal("image/png", part.InlineData!.MimeType);
            Assert.Equal("iVBORw==", part.InlineData.Data);
            Assert.Contains("\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"iVBORw==\"}", System.Text.Json.JsonSerializer.Serialize(part, GenAIJsonContext.Default.Part));
        }

        [Fact]
        public void A_file_as_inline_data_is_read_as_bytes_even_when_it_is_text()
        {
            string path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), System.Guid.NewGuid().ToString("N") + ".txt");
            System.IO.File.WriteAllText(path, "hi");
            try
            {
                var file = new System.IO.FileInfo(path);
                var bare = _converter.ToPart(new Hashtable { ["inline_data"] = file });
                Assert.Equal("text/plain", bare.InlineData!.MimeType);
                Assert.Equal("aGk=", bare.InlineData.Data);
                var typed = _converter.ToPart(new Hashtable { ["inline_data"] = new Hashtable { ["mime_type"] = "application/octet-stream", ["data"] = file } });
                Assert.Equal("application/octet-stream", typed.InlineData!.MimeType);
            }
            finally
            {
                System.IO.File.Delete(path);
            }
        }

        [Fact]
        public void Bytes_as_inline_data_without_a_type_ask_for_one()
        {
            var error = Assert.Throws<InvalidInputException>(() => _converter.ToPart(new Hashtable { ["inline_data"] = new byte[] { 1 } }));
            Assert.Equal("MimeTypeRequired", error.ErrorCode);
            Assert.Contains("mime_type", error.RecommendedAction!);
            Assert.Equal("AQ==", new ContentConverter(mimeType: "image/png").ToPart(new Hashtable { ["inline_data"] = new byte[] { 1 } }).InlineData!.Data);
        }

        [Fact]
        public void A_list_of_contents_is_a_conversation()
        {
            var contents = _converter.ToContents(new object[]
            {
                new Hashtable { ["role"] = "user", ["parts"] = new object[] { "hi" } },
                new Hashtable { ["role"] = "model", ["parts"] = "hello" },
                Content.FromText("how are you?"),
            });
            Assert.Equal(3, contents.Count);
            Assert.Equal(new[] { "user", "model", "user" }, contents.ConvertAll(c => c.Role));
            Assert.Equal("hello", contents[1].Parts[0].Text);
        }

        [Fact]
        public void Mixing_contents_and_loose_parts_is_refused_clearly()
        {
            var error = Assert.Throws<InvalidInputException>(() =>
                _converter.ToContents(new object[] { new Hashtable { ["parts"] = "x" }, "loose" }));
            Assert.Equal("AmbiguousPrompt", error.ErrorCode);
        }

        [Fact]
        public void Hashtable_parts_accept_camel_snake_and_pascal_case()
        {
            var part = _converter.ToPart(new Hashtable { ["inline_data"] = new Hashtable { ["mime_type"] = "image/png", ["data"] = "AAEC" } });
            Assert.Equal("image/png", part.InlineData!.MimeType);
            Assert.Equal("AAEC", part.InlineData.Data);
            Assert.Equal("hi", _converter.ToPart(new Hashtable { ["Text"] = "hi" }).Text);
            var file = _converter.ToPart(new Hashtable { ["fileData"] = new Hashtable { ["fileUri"] = "https://x/files/1", ["mimeType"] = "video/mp4" } });
            Assert.Equal("https://x/files/1", file.FileData!.FileUri);
        }

        [Fact]
        public void Function_arguments_keep_their_own_names()
        {
            var args = new OrderedDictionary { ["city_name"] = "Paris", ["days"] = 3 };
            var part = _converter.ToPart(new Hashtable { ["functionCall"] = new Hashtable { ["name"] = "get_weather", ["args"] = args } });
            Assert.Equal("Paris", part.FunctionCall!.Args!.Value.GetProperty("city_name").GetString());
            Assert.Equal(3, part.FunctionCall.Args.Value.GetProperty("days").GetInt32());
        }

        [Fact]
        public void Unknown_shapes_and_types_are_named_in_the_error()
        {
            var shape = Assert.Throws<InvalidInputException>(() => _converter.ToPart(new Hashtable { ["foo"] = 1 }));
            Assert.Equal("UnrecognizedPart", shape.ErrorCode);
            Assert.Contains("foo", shape.Message);
            var type = Assert.Throws<InvalidInputException>(() => _converter.ToPart(new System.Uri("http://x")));
            Assert.Equal("UnsupportedInputType", type.ErrorCode);
            Assert.Contains("System.Uri", type.Message);
            var bytes = Assert.Throws<InvalidInputException>(() => _converter.ToPart(new byte[] { 1 }));
            Assert.Equal("MimeTypeRequired", bytes.ErrorCode);
        }

        [Fact]
        public void An_uploaded_file_becomes_file_data()
        {
            var part = _converter.ToPart(new GenAIFile { Name = "files/a", Uri = "https://x/v1beta/files/a", MimeType = "application/pdf" });
            Assert.Equal("https://x/v1beta/files/a", part.FileData!.FileUri);
            Assert.Equal("application/pdf", part.FileData.MimeType);
        }

        [Fact]
        public void A_generic_dictionary_part_with_inline_bytes_keeps_its_other_fields()
        {
            var part = _converter.ToPart(new Dictionary<string, object>
            {
                ["inline_data"] = new Hashtable { ["mime_type"] = "image/png", ["data"] = new byte[] { 1 } },
                ["thought"] = true,
            });

            Assert.Equal("AQ==", part.InlineData!.Data);
            Assert.True(part.Thought);
        }
    }
}