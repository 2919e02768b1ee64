using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;
using System.Runtime.CompilerServices;

namespace GenAI.PowerShell.Input
{
    /// <summary>
    /// Where PowerShell values enter: takes off PowerShell's wrappers, all the way down, so that the core
    /// sees plain .NET values only. A PSObject becomes its base object (a Get-Content line its string, a
    /// Get-ChildItem item its FileInfo) and a PSCustomObject an ordered dictionary of its properties;
    /// hashtables and lists are walked, and copied only where something in them was wrapped (a copy keeps
    /// their order and whether they were ordered). Values nested deeper than the core accepts, and cycles,
    /// are left as they are for the core to refuse.
    /// </summary>
    internal static class PlainValues
    {
        // Beyond every depth the core accepts, so that the core is the one to refuse deeper values.
        private const int MaxDepth = 128;

        public static object? Of(object? value) => new Walk().Plain(value, 0);

        /// <summary>Only the outer wrapper taken off, to tell what a value is (a model, a session, a byte) without walking into it.</summary>
        public static object? Base(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        /// <summary>Each item unwrapped (null stays null).</summary>
        public static object?[]? OfEach(object?[]? items)
        {
            if (items == null) return null;
            var walk = new Walk();
            var plain = new object?[items.Length];
            for (int i = 0; i < items.Length; i++) plain[i] = walk.Plain(items[i], 0);
            return plain;
        }

        private sealed class Walk
        {
            private readonly Dictionary<object, object?> _done = new Dictionary<object, object?>(ReferenceComparer.Instance);
            private readonly HashSet<object> _open = new HashSet<object>(ReferenceComparer.Instance);

            public object? Plain(object? value, int depth)
            {
                if (value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject)) value = wrapped.BaseObject;
                if (depth >= MaxDepth || value == null || !MayHoldWrappers(value)) return value;
                if (_done.TryGetValue(value, out var known)) return known;
                if (!_open.Add(value)) return value;
                object plain = value switch
                {
                    PSObject custom => Properties(custom, depth),
                    IDictionary dictionary => Dictionary(dictionary, depth),
                    _ => List((IList)value, depth),
                };
                _open.Remove(value);
                _done[value] = plain;
                return plain;
            }

            private OrderedDictionary Properties(PSObject custom, int depth)
            {
                var dictionary = new OrderedDictionary();
                foreach (var property in custom.Properties)
                    dictionary[property.Name] = Plain(property.Value, depth + 1);
                return dictionary;
            }

            private IDictionary Dictionary(IDictionary dictionary, int depth)
            {
                var entries = new List<DictionaryEntry>(dictionary.Count);
                bool changed = false;
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = Plain(entry.Key, depth + 1)!;
                    var value = Plain(entry.Value, depth + 1);
                    changed |= !ReferenceEquals(key, entry.Key) || !ReferenceEquals(value, entry.Value);
                    entries.Add(new DictionaryEntry(key, value));
                }
                if (!changed) return dictionary;
                // The core reads keys case-insensitively, in enumeration order, as DictionaryEntry; -ResponseSchema tells ordered
                // dictionaries from others. ListDictionary keeps the order without being an IOrderedDictionary.
                IDictionary copy = dictionary is IOrderedDictionary ? new OrderedDictionary(entries.Count) : new ListDictionary();
                foreach (var entry in entries) copy[entry.Key] = entry.Value;
                return copy;
            }

            private IList List(IList list, int depth)
            {
                var items = new object?[list.Count];
                bool changed = false;
                for (int i = 0; i < items.Length; i++)
                {
                    object? item = list[i];
                    items[i] = Plain(item, depth + 1);
                    changed |= !ReferenceEquals(items[i], item);
                }
                return changed ? items : list;
            }

            // A PSCustomObject, a dictionary, or a list that can hold objects (byte[], string[], List<int> cannot hold a PSObject).
            private static bool MayHoldWrappers(object value)
            {
                if (value is PSObject || value is IDictionary) return true;
                if (!(value is IList)) return false;
                var type = value.GetType();
                var element = type.IsArray ? type.GetElementType() : type.IsGenericType && type.GetGenericArguments().Length == 1 ? type.GetGenericArguments()[0] : null;
                return element == null || (!element.IsValueType && element != typeof(string));
            }
        }

        private sealed class ReferenceComparer : IEqualityComparer<object>
        {
            public static readonly ReferenceComparer Instance = new ReferenceComparer();

            public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

            public int GetHashCode(object obj) => RuntimeHelpers.GetHashCode(obj);
        }
    }
}
