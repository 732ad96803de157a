using CmBot.Bot.Hosting;
using CmBot.Bot.Triage.Grading;
using CmBot.Core.Incidents;
using CmBot.Core.Triage;
using CmBot.Core.Triage.Grading;
using CmBot.Core.Triage.Spikes;

namespace CmBot.Bot.Tests.Triage;

public sealed class SeverityFileTests
{
    private static string SampleFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Bot", "samples", "severity.yaml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("Bot/samples/severity.yaml not found above " + AppContext.BaseDirectory);
    }

    private static string Error(string yaml) =>
        Assert.Throws<ConfigurationException>(() => SeverityFile.Parse(yaml, "severity.yaml")).Message;

    [Fact]
    public void Load_ShippedSample_ReproducesTheBuiltInGrade()
    {
        var loaded = SeverityFile.Load(SampleFile());
        var model = loaded.Grader.Model;
        var d = SeverityModel.Default;

        Assert.Equal(
            (d.CriticalRisk, d.OtherRisk, d.VeryNegative, d.Negative, d.Complaint, d.Spike, d.VeryNegativeBelow, d.NegativeBelow, d.ReachNeedsRisk, d.Combination, d.P1From, d.P2From, d.P3From),
            (model.CriticalRisk, model.OtherRisk, model.VeryNegative, model.Negative, model.Complaint, model.Spike, model.VeryNegativeBelow, model.NegativeBelow, model.ReachNeedsRisk, model.Combination, model.P1From, model.P2From, model.P3From));
        Assert.Equal(d.Reach, model.Reach);
        Assert.Equal(SpikeOptions.Default, loaded.Spikes);
        Assert.Equal(TimeSpan.FromMinutes(1), loaded.BaselineSaveEvery);
        Assert.Equal(new TriagePolicy(), loaded.Policy);
        Assert.Equal(3, loaded.Grader.Vips.Count);
        Assert.Equal("VIP: journalist (Le Monde)", loaded.Grader.Vips.Find("mastodon", "@JANE@press.social")?.Describe());
        Assert.Equal(2, loaded.Grader.Vips.Find("news", "@dgccrf_officiel")?.Weight);
    }

    [Fact]
    public void Parse_EmptyFile_Defaults()
    {
        var loaded = SeverityFile.Parse("", "severity.yaml");

        Assert.Equal(SpikeOptions.Default, loaded.Spikes);
        Assert.Equal(0, loaded.Grader.Vips.Count);
        Assert.Equal(new TriagePolicy(), loaded.Policy);
    }

    [Fact]
    public void Parse_NoBurstSection_KeepsTodaysRule()
    {
        var loaded = SeverityFile.Parse("weights: { spike: 3 }\n", "severity.yaml");

        Assert.Equal((15, TimeSpan.FromHours(1), Severity.P1), (loaded.Policy.BurstCount, loaded.Policy.BurstWindow, loaded.Policy.BurstSeverity));
    }

    [Fact]
    public void Parse_BurstSection_IsUsed()
    {
        var loaded = SeverityFile.Parse("burst:\n  count: 4\n  window: 10m\n  severity: p2\n", "severity.yaml");

        Assert.Equal(new TriagePolicy { BurstCount = 4, BurstWindow = TimeSpan.FromMinutes(10), BurstSeverity = Severity.P2 }, loaded.Policy);
    }

    [Fact]
    public void Parse_PartialBurstSection_KeepsOtherDefaults()
    {
        var loaded = SeverityFile.Parse("burst: { count: 6 }\n", "severity.yaml");

        Assert.Equal(new TriagePolicy { BurstCount = 6 }, loaded.Policy);
    }

    [Fact]
    public void Parse_CustomValues_AreUsed()
    {
        var loaded = SeverityFile.Parse(
            """
            weights: { other_risk: 2, spike: 1 }
            combine: sum
            reach:
              only_with_risk: false
              tiers: [{ from: 5000, weight: 0.5 }, { from: 100000, weight: 2 }]
            vips:
              - kind: influencer
                handles: { x: ["@a", "@b"] }
            spikes: { window: 10m, minimum_count: 4, ratio: 2.5, cooldown: 30m, cold_start: 2, smoothing: 0.5, save_every: 30s }
            """,
            "severity.yaml");

        Assert.Equal(2, loaded.Grader.Model.OtherRisk);
        Assert.Equal(SignalCombination.Sum, loaded.Grader.Model.Combination);
        Assert.False(loaded.Grader.Model.ReachNeedsRisk);
        Assert.Equal(2, loaded.Grader.Model.ReachWeight(250_000));
        Assert.Equal(0.5, loaded.Grader.Model.ReachWeight(6_000));
        Assert.NotNull(loaded.Grader.Vips.Find("twitter", "b"));
        Assert.Equal(new SpikeOptions(TimeSpan.FromMinutes(10), 4, 2.5, TimeSpan.FromMinutes(30), 2, 0.5), loaded.Spikes);
        Assert.Equal(TimeSpan.FromSeconds(30), loaded.BaselineSaveEvery);
    }

    [Theory]
    [InlineData("thresholds:\n  p1: 1\n  p2: 2\n", "severity.yaml line 2: thresholds: p1")]
    [InlineData("weights:\n  spike: -1\n", "severity.yaml line 2: weights.spike")]
    [InlineData("reach:\n  tiers:\n    - { from: 100, weight: 1 }\n    - { from: 50, weight: 1 }\n", "severity.yaml line 2: reach[1].from")]
    [InlineData("reach:\n  tiers:\n    - { weight: 1 }\n", "severity.yaml line 3: a reach tier needs 'from'")]
    [InlineData("combine: average\n", "combine is 'strongest' or 'sum'")]
    [InlineData("vips:\n  - label: Le Monde\n    handles: { x: '@a' }\n", "severity.yaml line 2: a VIP needs a 'kind'")]
    [InlineData("vips:\n  - kind: journalist\n", "severity.yaml line 2: VIP 'journalist' lists no handles")]
    [InlineData("vips:\n  - kind: journalist\n    handles: { x: '@' }\n", "severity.yaml line 2: VIP 'journalist' has an empty or malformed handle for 'x'")]
    [InlineData("spikes:\n  window: soon\n", "severity.yaml line 2: spikes.window 'soon' is not a duration")]
    [InlineData("spikes:\n  ratio: 1\n", "severity.yaml line 2: Ratio")]
    [InlineData("spikes:\n  window: 2h\n", "severity.yaml line 2: The spike window is between 1 second and 1 hour")]
    [InlineData("spikes:\n  save_every: 0s\n", "severity.yaml line 2: spikes.save_every")]
    [InlineData("weights:\n  spike: [1\n", "severity.yaml line ")]
    [InlineData("burst:\n  window: soon\n", "severity.yaml line 2: burst.window 'soon' is not a duration")]
    [InlineData("burst:\n  window: 30s\n", "severity.yaml line 2: burst.window (30s) is between 1m and 24h")]
    [InlineData("burst:\n  window: 2d\n", "severity.yaml line 2: burst.window (2d) is between 1m and 24h")]
    [InlineData("burst:\n  count: 1\n", "severity.yaml line 2: burst.count (1) is at least 2")]
    [InlineData("burst:\n  count: -3\n", "severity.yaml line 2: burst.count (-3) is at least 2")]
    [InlineData("burst:\n  count: many\n", "severity.yaml line ")]
    [InlineData("burst:\n  severity: P4\n", "severity.yaml line 2: burst.severity is P1, P2 or P3, not 'P4'")]
    [InlineData("burst:\n  severity: urgent\n", "severity.yaml line 2: burst.severity is P1, P2 or P3, not 'urgent'")]
    [InlineData("weights: { spike: 3 }\nburst:\n  count: 1\n", "severity.yaml line 3: burst.count")]
    [InlineData("burst:\n  size: 3\n", "severity.yaml line 2")]
    [InlineData("weights:\n  unknown_weight: 1\n", "severity.yaml line 2")]
    public void Parse_Mistake_NamesLineAndReason(string yaml, string expected)
    {
        Assert.Contains(expected, Error(yaml), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_NamesKey()
    {
        var error = Assert.Throws<ConfigurationException>(() => SeverityFile.Load("/nonexistent/severity.yaml"));

        Assert.StartsWith("CmBot:SeverityFile: '/nonexistent/severity.yaml' does not exist", error.Message, StringComparison.Ordinal);
    }
}
