using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GenAI.Core.Protocol
{
    /// <summary>
    /// Base of every wire type: fields this version does not know survive a read/write round trip.
    /// </summary>
    public abstract class JsonExtensible
    {
        [JsonExtensionData]
        public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

        /// <summary>A member-wise copy: nested objects are shared.</summary>
        internal T ShallowCopy<T>() where T : JsonExtensible => (T)MemberwiseClone();
    }
}
