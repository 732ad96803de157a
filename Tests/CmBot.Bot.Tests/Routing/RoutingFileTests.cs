using CmBot.Bot.Hosting;
using CmBot.Bot.Routing;
using CmBot.Core.Routing;

namespace CmBot.Bot.Tests.Routing;

public sealed class RoutingFileTests
{
    private static string Sample => Path.Combine(AppContext.BaseDirectory, "samples", "routing.yaml");

    private static string Write(string yaml)
    {
        var file = Path.Combine(Path.GetTempPath(), $"routing-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, yaml);
        return file;
    }

    [Fact]
    public void Load_Sample_ReproducesHistoricalChannels()
    {
        var policy = RoutingFile.Load(Sample);
        var now = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

        string[] Keys(params (string, string)[] labels) => [.. policy.Decide(AlertLabels.Of(labels), now, [], []).ChannelKeys];

        Assert.Equal(["alerts"], Keys(("severity", "P2"), ("topic", "kettle-k2")));
        Assert.Equal(["alerts", "direction"], Keys(("severity", "P1"), ("topic", "kettle-k2")));
        Assert.Equal(["alerts", "legal"], Keys(("severity", "P2"), ("risk", "legal")));
        Assert.Equal(["alerts", "direction", "legal"], Keys(("severity", "P1"), ("risk", "safety"), ("risk", "privacy")));
    }

    [Fact]
    public void Load_Sample_InhibitsLowerSeverityOnTopicWithOpenP1()
    {
        var policy = RoutingFile.Load(Sample);
        var p1 = AlertLabels.Of(("severity", "P1"), ("topic", "kettle-k2"), ("incident", "1"));

        var decision = policy.Decide(AlertLabels.Of(("severity", "P2"), ("topic", "kettle-k2"), ("incident", "2")), DateTimeOffset.UnixEpoch, [], [p1]);

        Assert.Equal(Suppression.Inhibited, decision.Suppression);
    }

    [Fact]
    public void Load_FullFile_ReadsIntervalsSilencesAndInheritedTimings()
    {
        var file = Write("""
            receivers:
              - name: team
                channels: [alerts]
              - name: oncall
                people: [lea]
            route:
              receiver: team
              group_wait: 1m
              routes:
                - matchers: ["source=rss"]
                  receiver: oncall
                  mute_time_intervals: [weekend]
            time_intervals:
              - name: weekend
                location: Europe/Paris
                rules:
                  - weekdays: ["saturday:sunday"]
                  - dates: ["2026-12-25"]
                    times: [{ start: "00:00", end: "24:00" }]
            silences:
              - matchers: ["topic=kettle-k2"]
                ends_at: "2026-12-31T23:00:00Z"
                created_by: lea
                reason: recall announced
            """);

        var policy = RoutingFile.Load(file);
        var friday = new DateTimeOffset(2026, 12, 25, 10, 0, 0, TimeSpan.Zero);
        var monday = new DateTimeOffset(2026, 12, 28, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromMinutes(1), policy.Root.Routes[0].Timings.GroupWait);
        Assert.Equal(Suppression.MutedByTime, policy.Decide(AlertLabels.Of(("severity", "P3"), ("source", "rss")), friday, [], []).Suppression);
        Assert.Equal(["lea"], policy.Decide(AlertLabels.Of(("severity", "P3"), ("source", "rss")), monday, [], []).People);
        var silenced = policy.Decide(AlertLabels.Of(("severity", "P2"), ("topic", "kettle-k2")), monday, [], []);
        Assert.Equal(Suppression.Silenced, silenced.Suppression);
        Assert.Contains("recall announced", silenced.Why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("receivers: []\nroute: { receiver: team }\n", "line 1: declares no receiver")]
    [InlineData("receivers:\n  - name: team\n    channels: [alerts]\nroute:\n  receiver: team\n  routes:\n    - matchers: [\"severity==P1\"]\n", "line 7: matchers:")]
    [InlineData("receivers:\n  - name: team\n    channels: [alerts]\nroute:\n  receiver: team\n  group_wait: soon\n", "line 5: group_wait 'soon' is not a duration")]
    [InlineData("receivers:\n  - name: team\n    channels: [alerts]\nroute:\n  receiver: team\n  active_time_intervals: [office]\n", "line 5: route: unknown time interval 'office'")]
    [InlineData("receivers:\n  - name: team\n    channels: [alerts]\nroute: { receiver: team }\ntime_intervals:\n  - name: office\n    location: Mars/Olympus\n    rules: [{ weekdays: [monday] }]\n", "line 6: time interval 'office': unknown time zone 'Mars/Olympus'")]
    [InlineData("receivers:\n  - name: team\n    channels: [alerts]\nroute: { receiver: team }\ntime_intervals:\n  - name: office\n    rules:\n      - weekdays: [funday]\n", "line 8: 'funday' is not a weekday")]
    [InlineData("receivers:\n  - name: team\n    channels: [alerts]\nroute: { receiver: team }\nsilences:\n  - matchers: [\"topic=x\"]\n", "line 6: a silence needs 'ends_at'")]
    [InlineData("receivers:\n  - name: team\n    chanels: [alerts]\n", "line 3:")]
    public void Load_Mistake_ThrowsWithFileLineAndReason(string yaml, string expected)
    {
        var file = Write(yaml);

        var ex = Assert.Throws<ConfigurationException>(() => RoutingFile.Load(file));

        Assert.StartsWith(file, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    [InlineData("00:01:00", 60)]
    public void TryParseDuration_KnownUnits_ReturnsSeconds(string text, int seconds)
    {
        Assert.True(RoutingFile.TryParseDuration(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }
}
