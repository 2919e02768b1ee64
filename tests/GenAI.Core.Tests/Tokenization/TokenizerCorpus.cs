using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace GenAI.Core.Tests.Tokenization
{
    /// <summary>Fixed and seeded random test strings for the offline tokenizer (shared with bench/TokenizerBench).</summary>
    public static class TokenizerCorpus
    {
        public const string EnglishProse =
            "The lighthouse keeper had kept the same routine for thirty-one years. Every evening, just before sunset, " +
            "he climbed the ninety-two steps, wiped the salt from the great lens, and checked the oil, the wick and the " +
            "clockwork that turned the beam. Visitors often asked whether he was lonely. He would shrug and point at " +
            "the logbook, where ships' names filled page after page: trawlers, ferries, a tall schooner that passed " +
            "every spring, and once, memorably, a submarine that surfaced at dawn and signalled a polite \"good morning\".\n\n" +
            "When the automation crew finally arrived, they were surprised to find the machinery in better condition " +
            "than the drawings suggested. \"You could have retired years ago,\" the engineer said. The keeper smiled. " +
            "\"I could have,\" he agreed, \"but then who would have counted the ships?\" They installed the new lamp, " +
            "tested the sensors, and left him a tablet that displayed the weather, the tides and the traffic in real " +
            "time. He used it for a week, then put it in a drawer and went back to his pencil and his logbook.\n\n" +
            "Researchers later digitised those logbooks. The handwriting was neat, the abbreviations consistent, and " +
            "the observations remarkably precise: wind direction, sea state, visibility in nautical miles, and short " +
            "notes such as 'fog lifted 06:40' or 'gannets diving, mackerel running'. Climate scientists compared the " +
            "records with satellite data and found that his estimates of wave height were accurate to within half a " +
            "metre, which is better than many instruments of the period.\n";

        public const string CSharpCode =
            "public static async Task<int> CountAsync(IEnumerable<string> lines, CancellationToken ct = default)\n" +
            "{\n    int total = 0;\n    foreach (var line in lines)\n    {\n        ct.ThrowIfCancellationRequested();\n" +
            "        if (string.IsNullOrWhiteSpace(line)) continue; // skip blanks\n        total += line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;\n" +
            "    }\n\n    await Task.Yield();\n    return total >= 0 ? total : throw new InvalidOperationException($\"overflow: {total}\");\n}\n";

        public const string PowerShellCode =
            "function Get-Thing {\n    [CmdletBinding()]\n    param(\n        [Parameter(Mandatory, ValueFromPipeline)]\n        [string[]] $Name,\n" +
            "        [switch] $Force\n    )\n    process {\n        foreach ($n in $Name) {\n            if ($Force -or $n -match '^[a-z]+\\d*$') {\n" +
            "                [pscustomobject]@{ Name = $n; Length = $n.Length } | Write-Output\n            }\n        }\n    }\n}\n" +
            "Get-ChildItem -Path $env:TEMP -Filter *.log | Where-Object { $_.Length -gt 1MB } | Remove-Item -WhatIf\r\n";

        public const string PythonCode =
            "def fib(n: int) -> list[int]:\n\t\"\"\"Return the first n Fibonacci numbers.\"\"\"\n\ta, b = 0, 1\n\tout = []\n\tfor _ in range(n):\n" +
            "\t\tout.append(a)\n\t\ta, b = b, a + b\n\treturn out\n\nif __name__ == \"__main__\":\n    print(fib(10))  # [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]\n";

        public const string Json =
            "{\"id\":\"chatcmpl-123\",\"object\":\"chat.completion\",\"created\":1677652288,\"choices\":[{\"index\":0,\"message\":" +
            "{\"role\":\"assistant\",\"content\":\"Hello there, how may I assist you today?\"},\"finish_reason\":\"stop\"}]," +
            "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":12,\"total_tokens\":21},\"nested\":{\"a\":[1,2.5e-3,true,null,{\"b\":\"\\u00e9\"}]}}";

        public const string JsonPretty =
            "{\n  \"contents\": [\n    {\n      \"role\": \"user\",\n      \"parts\": [ { \"text\": \"Explain how AI works\" } ]\n    }\n  ],\n" +
            "  \"generationConfig\": { \"temperature\": 0.7, \"maxOutputTokens\": 800, \"stopSequences\": [\"Title\"] }\n}\n";

        public const string Markdown =
            "# Results\n\n| Model | Tokens | Time (ms) |\n|-------|-------:|----------:|\n| gemma-3 | 1,024 | 12.5 |\n| gemini-2.5-flash | 2,048 | 7.25 |\n\n" +
            "* **bold** and _italic_ and `code`\n> quote with <b>html</b> and <br/> tags </td><td> &amp; &lt;\n\n```powershell\nGet-Date\n```\n";

        /// <summary>The fixed corpus (no lone surrogates): every category the research notes ask for.</summary>
        public static IReadOnlyList<string> Fixed { get; } = BuildFixed();

        private static IReadOnlyList<string> BuildFixed()
        {
            var list = new List<string>
            {
                string.Empty, " ", "a", "\n", "\t", "\r\n", "Hello, world!",
                EnglishProse, CSharpCode, PowerShellCode, PythonCode, Json, JsonPretty, Markdown,
                // Emoji: plain, skin tones, ZWJ families, flags, keycaps, new (byte fallback) ones.
                "emoji: 🎉🚀😀😂🥲🫩🫎🩵 👍🏽 👨‍👩‍👧‍👦 🏳️‍🌈 🇫🇷🇯🇵🇺🇸 1️⃣ #️⃣ ❤️‍🔥 🧑🏿‍💻",
                "🤔➡️🌱🌎✨➡️🚶‍♂️🚶‍♀️❓➡️🌅🌄🌌➡️💭💡🧠➡️🤝❤️🤗➡️📚📜🏛️", "🗽⃢⃢🗿",
                // CJK including Extension B, kana, Hangul.
                "日本語のテキストとカタカナ、ひらがな。東京は日本の首都です。", "中文文本：我们今天去公园散步，然后吃了饺子。",
                "𠀀𠀁𠜎𠮷𡈽𢌱𣇃𤭢𥳐𦰩𧺯𨳒𩸽𪚲 野家𠮷野家", "한국어 문장입니다. 안녕하세요, 세계!",
                // Right-to-left and Indic scripts, Thai.
                "مرحبا بالعالم! هذه جملة عربية للاختبار، مع أرقام ١٢٣٤٥.", "שלום עולם, זה משפט בעברית.",
                "नमस्ते दुनिया, यह एक हिंदी वाक्य है।", "ધ્રુવ ગુજરાતી લખાણ", "สวัสดีชาวโลก ภาษาไทยไม่มีช่องว่างระหว่างคำ",
                "Ελληνικά κείμενα και Кириллица тоже: Привет, мир!",
                // NFKC-sensitive characters (SentencePiece Gemma uses no normalisation).
                "ﬁnance ﬂow ① ② Ａ Ｂ ｶﾀｶﾅ ㎏ ½ ™ ℃ ｆｕｌｌｗｉｄｔｈ", "e\u0301 é Å Å \u212B ǆ Ǆ",
                // User-defined pieces typed literally, control-token literals, HTML tags.
                "<start_of_turn>user\nWho are you?<end_of_turn>\n<start_of_turn>model", "<unused0><unused10> blah <unused6241>x<unused99",
                "<mask>[multimodal]<start_of_image><end_of_image>", "<bos>Heyllo", "<eos><pad><unk><image_soft_token>",
                "<table><tr><td>1</td><td>2</td></tr></table><div class=\"x\"><span>y</span></div>",
                "<b>bold</b> </i> a> </b x> </ > </", ">▁</ >  </",
                // Literal U+2581 next to spaces (SentencePiece merges it with escaped spaces).
                " ▁▁", "▁", "a▁b ▁ c", "▁▁▁ ▁ ▁▁",
                // Repetitive strings: merge ties.
                "ccooooo", "aaaaa", "zzzzz", "aaaaaaaa", "oooooooooooooooo", "abababababab", "lalalalala", "!!!!!!!!!!!!", "........",
                "----------------------------------------", "================", "😀😀😀😀😀😀", "ааааааа", "啊啊啊啊啊啊啊啊",
                // Numbers, URLs, base64, long unspaced runs.
                "3.14159265358979 1,000,000 0xDEADBEEF 1e-10 2024-11-25T12:34:56Z",
                "https://example.com/path/to/resource?query=value&other=123#fragment",
                "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODk+Lw==",
                "Supercalifragilisticexpialidociousantidisestablishmentarianismpneumonoultramicroscopicsilicovolcanoconiosis",
                // Controls and specials.
                "\0\u0001\u0007\u001b[31mred\u001b[0m\u007f\u0085\u00a0\u2028\u2029\ufeff\ufffd\u200b\u200d\ufe0f",
                "\uE000\uF8FF\U000F0000\U0010FFFD", "\U0001D400\U0001D4B6\U0001F600\U0001FAFF\U0002A6DF\U0003134A",
            };

            // Whitespace runs of 1..80 spaces, tabs and newlines, alone and between words.
            for (int n = 1; n <= 80; n++)
            {
                list.Add(new string(' ', n));
                list.Add("x" + new string(' ', n) + "y");
            }

            for (int n = 1; n <= 40; n++)
            {
                list.Add(new string('\t', n));
                list.Add(new string('\n', n));
                list.Add("a" + new string('\t', n) + "b" + new string('\n', n) + "c");
                list.Add(string.Concat(Enumerable.Repeat("\r\n", n)));
                list.Add(" \t \n " + new string(' ', n) + "\t\n");
                list.Add(new string('o', n));
                list.Add("c" + new string('o', n));
            }

            return list;
        }

        /// <summary>Typical English text of at least <paramref name="minChars"/> characters (for the benchmark).</summary>
        public static string EnglishText(int minChars)
        {
            var sb = new StringBuilder(minChars + EnglishProse.Length);
            while (sb.Length < minChars) sb.Append(EnglishProse);
            return sb.ToString();
        }

        private static readonly string[] Words =
        {
            "the", "of", "and", "to", "in", "is", "you", "that", "it", "he", "was", "for", "on", "are", "as", "with", "his", "they",
            "Hello", "world", "token", "tokenizer", "counting", "offline", "Gemini", "PowerShell", "function", "return", "await",
            "international", "unbelievable", "antidisestablishmentarianism", "don't", "I'm", "can't", "O'Brien", "e-mail",
            "naïve", "café", "façade", "Straße", "garçon", "Ångström", "smörgåsbord", "jalapeño",
            "Привет", "мир", "Ελλάδα", "日本", "東京都", "こんにちは", "カタカナ", "中文", "你好", "世界", "한국어", "안녕하세요",
            "مرحبا", "العالم", "שלום", "नमस्ते", "ગુજરાતી", "สวัสดี", "ภาษาไทย", "Tiếng", "Việt",
            "😀", "🎉", "🚀", "👍🏽", "👨‍👩‍👧", "🇯🇵", "❤️", "🫩", "🫎", "𠮷", "𠜎", "𝔸𝔹",
            "<start_of_turn>", "<end_of_turn>", "<unused42>", "<mask>", "[multimodal]", "<td>", "</td>", "<div>", "</div>", "<br>",
            "<bos>", "<eos>", "<pad>", "<unk>", "<image_soft_token>", "<unused", "<start_of", "▁", "▁▁", "</", "/>", "> </",
            "{", "}", "[", "]", "(", ")", "\"", "'", ":", ";", ",", ".", "!", "?", "...", "—", "–", "-", "_", "/", "\\", "|", "@", "#", "$", "%", "^", "&", "*", "+", "=", "<", ">", "~", "`",
            "0", "1", "42", "2024", "3.14", "1,000", "0x1F", "١٢٣", "①", "ﬁ", "Ａ",
        };

        private static readonly (int Lo, int Hi, int Weight)[] Ranges =
        {
            (0x20, 0x7E, 30), (0x00, 0x1F, 2), (0x7F, 0x9F, 1), (0xA0, 0x24F, 8), (0x300, 0x36F, 3), (0x370, 0x52F, 6),
            (0x590, 0x5FF, 3), (0x600, 0x6FF, 5), (0x900, 0x97F, 4), (0xA80, 0xAFF, 2), (0xE00, 0xE7F, 4), (0x1100, 0x11FF, 2),
            (0x2000, 0x206F, 3), (0x2190, 0x27BF, 3), (0x2580, 0x2582, 2), (0x3000, 0x30FF, 5), (0x3400, 0x4DBF, 2),
            (0x4E00, 0x9FFF, 8), (0xAC00, 0xD7A3, 5), (0xE000, 0xF8FF, 1), (0xF900, 0xFFFD, 3),
            (0x10000, 0x1FFFF, 4), (0x1F300, 0x1FAFF, 8), (0x20000, 0x2FFFF, 4), (0x30000, 0x3134F, 1), (0xE0000, 0xE007F, 1),
            (0xF0000, 0x10FFFF, 1), (0x80, 0xFFFF, 3),
        };

        /// <summary>
        /// <paramref name="count"/> seeded random strings mixing words of many scripts, random code points (BMP and
        /// astral, never lone surrogates), whitespace runs, user-defined and control literals and repetitions.
        /// </summary>
        public static List<string> Generate(int seed, int count)
        {
            var rng = new Random(seed);
            int totalWeight = Ranges.Sum(r => r.Weight);
            var result = new List<string>(count);
            var sb = new StringBuilder();
            for (int s = 0; s < count; s++)
            {
                sb.Clear();
                int items = rng.Next(100) < 3 ? rng.Next(200, 800) : rng.Next(1, 60);
                for (int i = 0; i < items; i++)
                {
                    int kind = rng.Next(100);
                    if (kind < 45)
                    {
                        sb.Append(Words[rng.Next(Words.Length)]);
                    }
                    else if (kind < 65)
                    {
                        int n = rng.Next(1, 6);
                        for (int k = 0; k < n; k++) AppendRandomCodePoint(sb, rng, totalWeight);
                    }
                    else if (kind < 75)
                    {
                        char ws = " \t\n\r\u2581\u00a0\u3000"[rng.Next(7)];
                        sb.Append(ws, rng.Next(100) < 80 ? rng.Next(1, 4) : rng.Next(4, 70));
                    }
                    else if (kind < 82)
                    {
                        // Repetition of one or two characters (merge ties).
                        string unit = rng.Next(2) == 0 ? Words[rng.Next(Words.Length)].Substring(0, 1) : "abcoz"[rng.Next(5)].ToString() + "abcoz"[rng.Next(5)];
                        int n = rng.Next(2, 25);
                        for (int k = 0; k < n; k++) sb.Append(unit);
                    }
                    else if (kind < 86)
                    {
                        sb.Append(rng.Next(0, 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else if (kind < 89)
                    {
                        sb.Append("<unused").Append(rng.Next(0, 6300)).Append('>');
                    }

                    // Separator: mostly a space, sometimes nothing or punctuation.
                    int sep = rng.Next(100);
                    if (sep < 60) sb.Append(' ');
                    else if (sep < 65) sb.Append(", ");
                    else if (sep < 68) sb.Append(". ");
                    else if (sep < 70) sb.Append('\n');
                }

                result.Add(sb.ToString());
            }

            return result;
        }

        private static void AppendRandomCodePoint(StringBuilder sb, Random rng, int totalWeight)
        {
            int pick = rng.Next(totalWeight);
            foreach (var (lo, hi, weight) in Ranges)
            {
                if (pick >= weight)
                {
                    pick -= weight;
                    continue;
                }

                int cp;
                do
                {
                    cp = lo + rng.Next(hi - lo + 1);
                }
                while (cp >= 0xD800 && cp <= 0xDFFF);

                sb.Append(char.ConvertFromUtf32(cp));
                return;
            }
        }
    }
}
