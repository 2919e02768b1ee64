using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenAI.Core.Protocol
{
    /// <summary>
    /// Base of every wire type: fields this version does not know survive a read/write round trip, and
    /// after reading, a type may tidy what the wire allows but its accessors should not meet (null list entries).
    /// </summary>
    public abstract class JsonExtensible : IJsonOnDeserialized
    {
        [JsonExtensionData]
        public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

        /// <summary>A member-wise copy: nested objects are shared.</summary>
        internal T ShallowCopy<T>() where T : JsonExtensible => (T)MemberwiseClone();

        void IJsonOnDeserialized.OnDeserialized() => OnRead();

        /// <summary>Called once a value has been read from JSON.</summary>
        protected virtual void OnRead()
        {
        }

        /// <summary><paramref name="list"/> without null entries (JSON <c>[null]</c>); null stays null.</summary>
        protected static List<T>? WithoutNulls<T>(List<T>? list) where T : class
        {
            list?.RemoveAll(item => item == null);
            return list;
        }
    }
}
