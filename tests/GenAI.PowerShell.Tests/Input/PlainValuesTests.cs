using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.IO;
using System.Management.Automation;
using GenAI.PowerShell.Input;

namespace GenAI.PowerShell.Tests.Input
{
    public class PlainValuesTests
    {
        [Fact]
        public void A_wrapped_value_becomes_its_base_object()
        {
            var file = new FileInfo(Path.Combine(Path.GetTempPath(), "photo.png"));
            var line = PSObject.AsPSObject("a line of a file");
            line.Properties.Add(new PSNoteProperty("ReadCount", 1));

            Assert.Same(file, PlainValues.Of(PSObject.AsPSObject(file)));
            Assert.Equal("a line of a file", PlainValues.Of(line));
            Assert.Equal(42, PlainValues.Of(PSObject.AsPSObject(42)));
        }

        [Fact]
        public void A_custom_object_becomes_an_ordered_dictionary_of_its_plain_properties()
        {
            var custom = new PSObject();
            custom.Properties.Add(new PSNoteProperty("text", PSObject.AsPSObject("hi")));
            custom.Properties.Add(new PSNoteProperty("role", "user"));

            var plain = Assert.IsType<OrderedDictionary>(PlainValues.Of(custom));

            Assert.Equal(new object[] { "text", "role" }, new ArrayList(plain.Keys).ToArray());
            Assert.Equal("hi", plain["text"]);
        }

        [Fact]
        public void Hashtables_and_lists_are_unwrapped_all_the_way_down()
        {
            var table = new Hashtable { ["parts"] = new object[] { PSObject.AsPSObject("one"), new Hashtable { ["text"] = PSObject.AsPSObject("two") } } };

            var plain = Assert.IsAssignableFrom<IDictionary>(PlainValues.Of(PSObject.AsPSObject(table)));

            var parts = Assert.IsType<object[]>(plain["parts"]);
            Assert.Equal("one", parts[0]);
            Assert.Equal("two", Assert.IsAssignableFrom<IDictionary>(parts[1])["text"]);
            Assert.IsType<PSObject>(((object[])table["parts"]!)[0]);   // the caller's hashtable is left as it was
        }

        [Fact]
        public void Values_with_nothing_wrapped_are_handed_on_as_they_are()
        {
            var table = new Hashtable { ["text"] = "hi" };
            var bytes = new byte[] { 1, 2, 3 };
            var list = new List<object> { "a", table };

            Assert.Same(table, PlainValues.Of(table));
            Assert.Same(bytes, PlainValues.Of(PSObject.AsPSObject(bytes)));
            Assert.Same(list, PlainValues.Of(list));
        }

        [Fact]
        public void A_copy_keeps_the_order_and_whether_the_dictionary_was_ordered()
        {
            var ordered = new OrderedDictionary { ["z"] = PSObject.AsPSObject("last"), ["a"] = "first" };
            var unordered = new Hashtable { ["name"] = PSObject.AsPSObject("string") };

            var orderedCopy = Assert.IsType<OrderedDictionary>(PlainValues.Of(ordered));
            var unorderedCopy = Assert.IsAssignableFrom<IDictionary>(PlainValues.Of(unordered));

            Assert.Equal(new object[] { "z", "a" }, new ArrayList(orderedCopy.Keys).ToArray());
            Assert.False(unorderedCopy is IOrderedDictionary);   // -ResponseSchema adds propertyOrdering only for ordered ones
            Assert.Equal("string", unorderedCopy["name"]);
        }

        [Fact]
        public void A_hashtable_that_contains_itself_is_left_for_the_core_to_refuse()
        {
            var table = new Hashtable { ["text"] = PSObject.AsPSObject("hi") };
            table["self"] = table;

            var plain = Assert.IsAssignableFrom<IDictionary>(PlainValues.Of(table));

            Assert.Equal("hi", plain["text"]);
            Assert.Same(table, plain["self"]);
        }

        [Fact]
        public void Base_takes_off_only_the_outer_wrapper()
        {
            var inner = new object[] { PSObject.AsPSObject("x") };

            Assert.Same(inner, PlainValues.Base(PSObject.AsPSObject(inner)));
            Assert.Equal((byte)7, PlainValues.Base(PSObject.AsPSObject((byte)7)));
            Assert.Null(PlainValues.Base(null));
        }
    }
}
