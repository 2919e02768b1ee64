using System.Collections;
using System.Collections.Generic;

namespace GenAI.Core.Input
{
    internal static class DictionaryEntries
    {
        /// <summary>
        /// The entries of any dictionary. <c>Cast&lt;DictionaryEntry&gt;()</c> is not enough: a generic
        /// Dictionary enumerates KeyValuePairs; only its IDictionary enumerator gives DictionaryEntry.
        /// </summary>
        public static IEnumerable<DictionaryEntry> Of(IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary) yield return entry;
        }
    }
}
