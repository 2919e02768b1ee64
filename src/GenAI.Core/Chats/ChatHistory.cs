using System;
using System.Collections;
using System.Collections.Generic;
using System.ComponentModel;
using GenAI.Core.Protocol;

namespace GenAI.Core.Chats
{
    /// <summary>
    /// A copy of a chat session's committed contents, oldest first. It is read-only, so an edit that could
    /// not reach the session fails loudly instead of being lost: the history is changed by assigning a
    /// whole list to <see cref="ChatSession.History"/> (the seed's <c>chat.history = [...]</c>).
    /// </summary>
    [TypeConverter(typeof(ChatHistoryTypeConverter))]
    public sealed class ChatHistory : IList<Content>, IReadOnlyList<Content>, IList
    {
        /// <summary>What to do instead of editing the copy in place.</summary>
        public const string HowToChange =
            "The chat history is a read-only copy, so an edit to it would be lost. Change the history by assigning a whole list: " +
            "$h = @($chat.History); $h[-1] = $edited; $chat.History = $h (or undo the last turn to take it back).";

        private readonly List<Content> _items;

        /// <summary>A read-only list of <paramref name="contents"/> (not copied: the session copies on assignment).</summary>
        public ChatHistory(IEnumerable<Content> contents)
        {
            _items = new List<Content>(contents ?? throw new ArgumentNullException(nameof(contents)));
        }

        public int Count => _items.Count;

        public bool IsReadOnly => true;

        bool IList.IsFixedSize => true;

        bool ICollection.IsSynchronized => false;

        object ICollection.SyncRoot => ((ICollection)_items).SyncRoot;

        public Content this[int index]
        {
            get => _items[index];
            set => throw ReadOnly();
        }

        object? IList.this[int index]
        {
            get => _items[index];
            set => throw ReadOnly();
        }

        public bool Contains(Content item) => _items.Contains(item);

        public int IndexOf(Content item) => _items.IndexOf(item);

        public void CopyTo(Content[] array, int arrayIndex) => _items.CopyTo(array, arrayIndex);

        public IEnumerator<Content> GetEnumerator() => _items.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

        bool IList.Contains(object? value) => value is Content content && _items.Contains(content);

        int IList.IndexOf(object? value) => value is Content content ? _items.IndexOf(content) : -1;

        void ICollection.CopyTo(Array array, int index) => ((ICollection)_items).CopyTo(array, index);

        // Public, so that PowerShell finds them ($chat.History.Add(...)) and reports why they fail.
        public void Add(Content item) => throw ReadOnly();
        public void Clear() => throw ReadOnly();
        public bool Remove(Content item) => throw ReadOnly();
        public void Insert(int index, Content item) => throw ReadOnly();
        public void RemoveAt(int index) => throw ReadOnly();
        int IList.Add(object? value) => throw ReadOnly();
        void IList.Clear() => throw ReadOnly();
        void IList.Insert(int index, object? value) => throw ReadOnly();
        void IList.Remove(object? value) => throw ReadOnly();
        void IList.RemoveAt(int index) => throw ReadOnly();

        private static NotSupportedException ReadOnly() => new NotSupportedException(HowToChange);

        public override string ToString() => $"{Count} content(s)";
    }
}
