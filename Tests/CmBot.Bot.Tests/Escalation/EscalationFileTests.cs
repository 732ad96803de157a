using CmBot.Bot.Escalation;
using CmBot.Bot.Hosting;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Escalation;
using CmBot.Core.Incidents;
using CmBot.Core.People;

namespace CmBot.Bot.Tests.Escalation;

public sealed class EscalationFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "cmbot-tests", Guid.NewGuid().ToString("N"));

    private static PeopleDirectory People() =>
        new(PeopleFile.Load(Path.Combine(SampleFeed.RepoRoot(), "Bot", "samples", "people.yaml")));

    private string Write(string yaml)
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "escalation.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void Load_ShippedSample_P1LadderOfTheBrief()
    {
        var set = EscalationFile.Load(Path.Combine(SampleFeed.RepoRoot(), "Bot", "samples", "escalation.yaml"), People());

        var p1 = set.For(Severity.P1, DateTimeOffset.UnixEpoch)!;

        Assert.Equal([0, 10, 20, 30], p1.Steps.Select(s => (int)s.After.TotalMinutes));
        Assert.Contains(new EscalationTarget(TargetKind.OnCall, "cm"), p1.Steps[0].Notify);
        Assert.Equal(new EscalationTarget(TargetKind.Role, "ceo"), p1.Steps[3].Notify.Single());
        Assert.Equal("cm", p1.Rotations.Single().Name);
        Assert.NotNull(set.BusinessHours);
    }

    [Fact]
    public void Load_UnknownPerson_NamesFileLineAndPerson()
    {
        var path = Write("""
            policies:
              - name: p1
                severity: P1
                steps:
                  - after: 0m
                    notify: [person:nobody]
            """);

        var ex = Assert.Throws<ConfigurationException>(() => EscalationFile.Load(path, People()));

        Assert.Contains($"{path} line 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unknown person 'nobody'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notify: [channel:marketing]", "unknown channel 'marketing'")]
    [InlineData("notify: [oncall:night]", "unknown rotation 'night'")]
    [InlineData("notify: [lead]", "is not a target")]
    [InlineData("notify: []", "notifies nobody")]
    public void Load_BadTarget_SaysWhy(string notify, string expected)
    {
        var path = Write($"""
            policies:
              - name: p1
                severity: P1
                steps:
                  - after: 0m
                    {notify}
            """);

        var ex = Assert.Throws<ConfigurationException>(() => EscalationFile.Load(path, People()));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadDuration_SaysHowToWriteIt()
    {
        var path = Write("""
            policies:
              - name: p1
                severity: P1
                steps:
                  - after: ten minutes
                    notify: [channel:alerts]
            """);

        var ex = Assert.Throws<ConfigurationException>(() => EscalationFile.Load(path, People()));

        Assert.Contains("30s, 10m, 2h or 1d", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadYaml_NamesLine()
    {
        var path = Write("policies:\n  - name: p1\n    severity: [P1\n");

        var ex = Assert.Throws<ConfigurationException>(() => EscalationFile.Load(path, People()));

        Assert.Contains("line", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SecondsDelays_ForFastRuns()
    {
        var path = Write("""
            policies:
              - name: fast
                severity: P2
                steps:
                  - after: 0s
                    notify: [channel:alerts]
                  - after: 2s
                    notify: [role:lead]
            """);

        var policy = EscalationFile.Load(path, People()).For(Severity.P2, DateTimeOffset.UnixEpoch)!;

        Assert.Equal(TimeSpan.FromSeconds(2), policy.Steps[1].After);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
