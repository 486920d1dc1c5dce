using System.Text.Json;
using Accrue.Engine.Incentives;
using Accrue.Engine.Partners;
using Accrue.Engine.Program;
using Accrue.Engine.Time;
using Accrue.Engine.Training;
using YamlDotNet.RepresentationModel;

namespace Accrue.Engine.Tests.Program;

/// <summary>The published JSON Schema and the file the reader reads say the same: the same keys in the same places, the same words.</summary>
public class ProgramSchemaTests
{
    static readonly JsonElement Schema = JsonDocument.Parse(Repository.Read("docs/program.schema.json")).RootElement;

    /// <summary>Every key path of the full example ("tiers[].criteria[].track"); it uses every key the file has.</summary>
    static SortedSet<string> ExampleKeys()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(Repository.Read("docs/examples/program.yaml")));
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        void Walk(YamlNode node, string path)
        {
            if (node is YamlMappingNode map)
                foreach (var (key, value) in map.Children)
                {
                    var at = path.Length == 0 ? ((YamlScalarNode)key).Value! : $"{path}.{((YamlScalarNode)key).Value}";
                    keys.Add(at);
                    Walk(value, at);
                }
            else if (node is YamlSequenceNode list)
                foreach (var item in list.Children) Walk(item, path + "[]");
        }
        Walk(yaml.Documents[0].RootNode, "");
        return keys;
    }

    static SortedSet<string> SchemaKeys()
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        void Walk(JsonElement schema, string path)
        {
            schema = Resolve(schema);
            Assert.True(schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind == JsonValueKind.False,
                $"'{path}' must refuse unknown keys, as the reader does");
            foreach (var property in schema.GetProperty("properties").EnumerateObject())
            {
                var at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                keys.Add(at);
                Assert.True(Resolve(property.Value).TryGetProperty("description", out _), $"'{at}' needs a description");
                var value = Resolve(property.Value);
                if (value.TryGetProperty("properties", out _)) Walk(value, at);
                // Lists of words (eligibility.tiers) hold no keys; lists of mappings (tiers, brackets) do.
                if (value.TryGetProperty("items", out var items) && Resolve(items).TryGetProperty("properties", out _)) Walk(items, at + "[]");
            }
        }
        Walk(Schema, "");
        return keys;
    }

    static JsonElement Resolve(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? Schema.GetProperty("$defs").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    [Fact]
    public void The_schema_and_the_full_example_have_the_same_keys_in_the_same_places() =>
        Assert.Equal(SchemaKeys(), ExampleKeys());

    [Fact]
    public void The_schema_lists_every_metric_track_and_cadence_as_the_file_spells_them()
    {
        var criterion = Schema.GetProperty("$defs").GetProperty("criterion").GetProperty("properties");
        var evaluation = Schema.GetProperty("$defs").GetProperty("evaluation").GetProperty("properties");

        Assert.Equal(Enum.GetValues<Metric>().Select(m => Written(m, null, PeriodUnit.Quarter).Metric), Words(criterion.GetProperty("metric")));
        Assert.Equal(Accrue.Engine.Metrics.MetricNames.All, Words(criterion.GetProperty("metric")));   // the names the metrics engine answers to
        Assert.Equal(Enum.GetValues<CertificationTrack>().Select(t => Written(Metric.CertifiedPeople, t, PeriodUnit.Quarter).Track!), Words(criterion.GetProperty("track")));
        Assert.Equal(Enum.GetValues<PeriodUnit>().Select(u => Written(Metric.WonDeals, null, u).Cadence), Words(evaluation.GetProperty("cadence")));
    }

    [Fact]
    public void The_schema_lists_every_rule_word_as_the_file_spells_them()
    {
        var defs = Schema.GetProperty("$defs");
        var rule = defs.GetProperty("rule").GetProperty("properties");
        var eligibility = defs.GetProperty("eligibility").GetProperty("properties");

        Assert.Equal(FileWords.All<IncentiveKind>(), Words(rule.GetProperty("kind")));
        Assert.Equal(FileWords.All<PeriodUnit>(), Words(rule.GetProperty("period")));
        Assert.Equal(FileWords.All<BracketMode>(), Words(rule.GetProperty("bracket_mode")));
        Assert.Equal(FileWords.All<SpiffEvent>(), Words(rule.GetProperty("event")));
        Assert.Equal(FileWords.All<BudgetMode>(), Words(rule.GetProperty("budget_mode")));
        Assert.Equal(FileWords.All<PartnerType>(), Words(eligibility.GetProperty("partner_types").GetProperty("items")));
        Assert.Equal(FileWords.All<Region>(), Words(eligibility.GetProperty("regions").GetProperty("items")));
        Assert.Equal(FileWords.All<PeriodUnit>(), Words(defs.GetProperty("cash_budget").GetProperty("properties").GetProperty("per")));
    }

    [Fact]
    public void The_reader_knows_exactly_the_rule_keys_the_schema_lists()
    {
        static IEnumerable<string> Keys(JsonElement def) => def.GetProperty("properties").EnumerateObject().Select(p => p.Name);
        var defs = Schema.GetProperty("$defs");

        Assert.Equal(Keys(defs.GetProperty("rule")), ProgramFileReaderKeys("RuleKeys"));
        Assert.Equal(Keys(defs.GetProperty("eligibility")), ProgramFileReaderKeys("EligibilityKeys"));
        Assert.Equal(Keys(defs.GetProperty("bracket")), ProgramFileReaderKeys("BracketKeys"));
        Assert.Equal(Keys(defs.GetProperty("cash_budget")), ProgramFileReaderKeys("CashBudgetKeys"));
    }

    /// <summary>The reader's list of known keys (internal to the engine), read by name.</summary>
    static string[] ProgramFileReaderKeys(string field) =>
        (string[])typeof(ProgramFile).Assembly.GetType("Accrue.Engine.Program.ProgramFileReader")!
            .GetField(field, System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)!.GetValue(null)!;

    static IEnumerable<string> Words(JsonElement property) => property.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!);

    /// <summary>How the writer spells a metric, a track and a cadence, read off the lines it writes.</summary>
    static (string Metric, string? Track, string Cadence) Written(Metric metric, CertificationTrack? track, PeriodUnit cadence)
    {
        var lines = ProgramFile.Write(new ProgramDefinition
        {
            Name = "x",
            Evaluation = new EvaluationPolicy { Cadence = cadence },
            Tiers = [new TierDefinition { Id = "a", Name = "A" }, new TierDefinition { Id = "b", Name = "B", Criteria = [new(metric, 1, new(1, PeriodUnit.Month), track)] }],
        }).Split('\n').Select(l => l.Trim()).ToList();
        string? Value(string key) => lines.FirstOrDefault(l => l.StartsWith(key + ": ", StringComparison.Ordinal))?[(key.Length + 2)..];
        return (Value("- metric")!, Value("track"), Value("cadence")!);
    }
}
