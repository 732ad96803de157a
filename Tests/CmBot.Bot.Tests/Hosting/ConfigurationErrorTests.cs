using CmBot.Bot.Tests.Infrastructure;

namespace CmBot.Bot.Tests.Hosting;

/// <summary>
/// A configuration mistake stops start-up with the key (or file) and the reason, exit code 2 and no stack
/// trace. Runs the real host process, as `dotnet run --project Bot` would.
/// </summary>
public sealed class ConfigurationErrorTests
{
    private static async Task<string> StartFailureAsync(params (string Key, string Value)[] settings)
    {
        var result = await BotProcess.RunUntilExitAsync(
            settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value),
            TimeSpan.FromSeconds(60),
            TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("CmBot cannot start: ", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
        return result.StandardError;
    }

    [Fact]
    public async Task Start_MissingPeopleFile_NamesKeyAndPath()
    {
        var message = await StartFailureAsync(("CmBot:PeopleFile", "samples/nobody.yaml"));

        Assert.Contains("CmBot:PeopleFile", message, StringComparison.Ordinal);
        Assert.Contains("nobody.yaml", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnreadableSilenceMaxDuration_NamesKey()
    {
        var message = await StartFailureAsync(("Silences:MaxDuration", "a month"));

        Assert.Contains("Silences:MaxDuration: 'a month' is not a duration", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnknownLanguage_NamesKey()
    {
        var message = await StartFailureAsync(("CmBot:Language", "de"));

        Assert.Contains("CmBot:Language must be 'fr' or 'en'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PostgresWithoutConnectionString_NamesKey()
    {
        var message = await StartFailureAsync(("Storage:Provider", "Postgres"));

        Assert.Contains("Storage:ConnectionString is required", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnknownSqliteDurability_NamesKey()
    {
        var message = await StartFailureAsync(("Storage:SqliteDurability", "Sometimes"));

        Assert.Contains("Storage:SqliteDurability 'Normal' or 'Full'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ReplayIntervalZero_NamesKey()
    {
        var message = await StartFailureAsync(("Feeds:Replay:IntervalSeconds", "0"));

        Assert.Contains("Feeds:Replay:IntervalSeconds", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NegativeTriggerSweep_NamesKey()
    {
        var message = await StartFailureAsync(("Scheduling:TriggerSweepMinutes", "-5"));

        Assert.Contains("Scheduling:TriggerSweepMinutes must be 0 (off)", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SourceWithoutUrl_NamesSourceKey()
    {
        var message = await StartFailureAsync(("Feeds:Sources:press:Type", "rss"));

        Assert.Contains("Feeds:Sources:press:Url must be an absolute http(s) URL", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnknownRole_NamesFileAndRole()
    {
        var file = Path.Combine(Path.GetTempPath(), $"people-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, "people:\n  - id: zoe\n    name: Zoé\n    roles: [astronaut]\n", TestContext.Current.CancellationToken);
        try
        {
            var message = await StartFailureAsync(("CmBot:PeopleFile", file));

            Assert.Contains("unknown role 'astronaut'", message, StringComparison.Ordinal);
            Assert.Contains(file, message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Start_MalformedRiskYaml_NamesFileAndLine()
    {
        var file = Path.Combine(Path.GetTempPath(), $"risk-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, "risks:\n  - category: safety\n    phrases: [recall\n", TestContext.Current.CancellationToken);
        try
        {
            var message = await StartFailureAsync(("CmBot:RiskFile", file));

            Assert.Contains(file, message, StringComparison.Ordinal);
            Assert.Contains("line", message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
