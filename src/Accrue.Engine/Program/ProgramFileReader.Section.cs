using System.Globalization;
using Accrue.Engine.Time;
using Accrue.Engine.Training;
using YamlDotNet.RepresentationModel;

namespace Accrue.Engine.Program;

// The typed reads of one mapping of the file: each notes where its value is, and turns a wrong
// value into a problem with its line instead of an exception.
sealed partial class ProgramFileReader
{
    /// <summary>One element of a list, with its path ("tiers[2]").</summary>
    sealed record Item(ProgramFileReader Reader, YamlNode Node, string Path)
    {
        public Section? AsSection(string expected)
        {
            Reader.places[Path] = Node.Start;
            if (Node is YamlMappingNode map) return new Section(Reader, map, Path);
            Reader.Problem(Path, $"expected {expected}, found {Kind(Node)}", Node.Start);
            return null;
        }
    }

    /// <summary>A mapping of the file, read key by key; each read notes where the value is and any problem with it.</summary>
    sealed class Section
    {
        readonly ProgramFileReader reader;
        readonly YamlMappingNode map;
        readonly string path;
        readonly Dictionary<string, (YamlNode Key, YamlNode Value)> entries = new(StringComparer.Ordinal);

        public Section(ProgramFileReader reader, YamlMappingNode map, string path)
        {
            (this.reader, this.map, this.path) = (reader, map, path);
            foreach (var (key, value) in map.Children)
            {
                if (key is YamlScalarNode { Value: { } name }) entries[name] = (key, value);
                else reader.Problem(path, $"expected a plain word as a key, found {Kind(key)}", key.Start);
            }
        }

        public bool Has(string key) => entries.TryGetValue(key, out var entry) && !IsEmpty(entry.Value);

        public void RefuseUnknownKeys(string[] known, Func<string, string?>? hint = null)
        {
            foreach (var (name, (key, _)) in entries)
            {
                if (known.Contains(name)) continue;
                var message = hint?.Invoke(name) ?? $"unknown key '{name}'{FileWords.Suggest(name, known)}";
                reader.Problem(Join(path, name), message, key.Start);
            }
        }

        public void ProblemAt(string key, string message) =>
            reader.Problem(Join(path, key), message, entries.TryGetValue(key, out var entry) ? entry.Value.Start : map.Start);

        public void Missing(string key, string message) =>
            reader.Problem(Join(path, key), $"missing: {message}", entries.TryGetValue(key, out var entry) ? entry.Key.Start : map.Start);

        /// <summary>The value of a key that holds one word or number; null (after noting a problem where there is one) otherwise.</summary>
        public string? Text(string key, bool required = false)
        {
            if (!entries.TryGetValue(key, out var entry) || IsEmpty(entry.Value))
            {
                if (required) Missing(key, $"'{key}' needs a value");
                return null;
            }
            reader.places[Join(path, key)] = entry.Value.Start;
            if (entry.Value is YamlScalarNode scalar) return scalar.Value ?? "";
            ProblemAt(key, $"expected a single value, found {Kind(entry.Value)}");
            return null;
        }

        public decimal? Number(string key, bool required = false)
        {
            if (Text(key, required) is not { } text) return null;
            if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                return number;
            ProblemAt(key, text.Contains(',') && decimal.TryParse(text.Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture, out _)
                ? $"expected a number, found '{text}': write it without thousands separators ({text.Replace(",", "")})"
                : $"expected a number, found '{text}'");
            return null;
        }

        public int? Whole(string key, bool required = false)
        {
            if (Text(key, required) is not { } text) return null;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)) return number;
            ProblemAt(key, $"expected a whole number, found '{text}'");
            return null;
        }

        public bool? Flag(string key)
        {
            switch (Text(key))
            {
                case null: return null;
                case "true": return true;
                case "false": return false;
                case var text:
                    ProblemAt(key, $"expected true or false, found '{text}'");
                    return null;
            }
        }

        public T? Choice<T>(string key, bool required = false) where T : struct, Enum
        {
            if (Text(key, required) is not { } text) return null;
            if (FileWords.TryParse<T>(text, out var value)) return value;
            ProblemAt(key, $"unknown {What(key)} '{text}'{FileWords.Suggest(text, FileWords.All<T>())}");
            return null;
        }

        /// <summary>"unknown cadence", "unknown bracket mode", "unknown period" (for a cash budget's per:).</summary>
        static string What(string key) => key == "per" ? "period" : key.Replace('_', ' ');

        /// <summary>The words of a list of single values ([a, b] or one '- a' per line); each word's place is noted at "key[i]".</summary>
        public IReadOnlyList<string>? Words(string key) => Scalars(key)?.Select(w => w.Word ?? "").ToList();

        /// <summary>A list of the file's words for an enum: each unknown one is a problem at its item, with the nearest known word.</summary>
        public IReadOnlyList<T>? Choices<T>(string key) where T : struct, Enum
        {
            if (Scalars(key) is not { } words) return null;
            var values = new List<T>(words.Count);
            foreach (var (word, item) in words)
            {
                if (word is null) continue;
                if (FileWords.TryParse<T>(word, out var value)) values.Add(value);
                else reader.Problem(item.Path, $"unknown {What(key).TrimEnd('s')} '{word}'{FileWords.Suggest(word, FileWords.All<T>())}", item.Node.Start);
            }
            return values;
        }

        /// <summary>Each item's word, or null (after noting a problem) for an item that is not a single value.</summary>
        List<(string? Word, Item Item)>? Scalars(string key)
        {
            if (List(key) is not { } items) return null;
            var words = new List<(string?, Item)>(items.Count);
            foreach (var item in items)
            {
                reader.places[item.Path] = item.Node.Start;
                if (item.Node is YamlScalarNode { Value: { } word } && !IsEmpty(item.Node)) words.Add((word, item));
                else
                {
                    reader.Problem(item.Path, $"expected a single word, found {(IsEmpty(item.Node) ? "nothing" : Kind(item.Node))}", item.Node.Start);
                    words.Add((null, item));
                }
            }
            return words;
        }

        public Section? Map(string key)
        {
            if (!entries.TryGetValue(key, out var entry) || IsEmpty(entry.Value)) return null;
            reader.places[Join(path, key)] = entry.Value.Start;
            if (entry.Value is YamlMappingNode inner) return new Section(reader, inner, Join(path, key));
            ProblemAt(key, $"expected indented key: value lines under '{key}:', found {Kind(entry.Value)}");
            return null;
        }

        public IReadOnlyList<Item>? List(string key, bool required = false)
        {
            if (!entries.TryGetValue(key, out var entry) || IsEmpty(entry.Value))
            {
                if (required) Missing(key, $"'{key}' needs a list of items, each starting with '- '");
                return null;
            }
            reader.places[Join(path, key)] = entry.Value.Start;
            if (entry.Value is YamlSequenceNode list)
                return list.Children.Select((node, i) => new Item(reader, node, $"{Join(path, key)}[{i}]")).ToList();
            ProblemAt(key, $"expected a list of items, each starting with '- ', found {Kind(entry.Value)}");
            return null;
        }
    }
}
