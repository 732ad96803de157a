using CmBot.Bot.Tests.Infrastructure;

namespace CmBot.Bot.Tests.Cli;

/// <summary>`check-config` reads what the host reads and reports the same mistakes, without starting anything.</summary>
public sealed class CheckConfigCommandTests
{
    private static Task<BotProcess.Result> CheckAsync(string dataFolder, params string[] extra) =>
        BotProcess.RunUntilExitAsync(
            new Dictionary<string, string> { ["CmBot__DataFolder"] = dataFolder },
            TimeSpan.FromSeconds(60),
            ["check-config", .. extra],
            TestContext.Current.CancellationToken);

    private static string NewFolder() => Path.Combine(Path.GetTempPath(), "cmbot-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task CheckConfig_DefaultConfiguration_ExitsZeroAndOpensNoDatabase()
    {
        var folder = NewFolder();

        var result = await CheckAsync(folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Configuration OK", result.StandardOutput, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.db").Any(), "check-config must not create the database.");
    }

    [Fact]
    public async Task CheckConfig_BadOptionOnCommandLine_ExitsTwoWithKeyAndReason()
    {
        var result = await CheckAsync(NewFolder(), "--CmBot:Language=de");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("CmBot:Language must be 'fr' or 'en'", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_MissingPeopleFile_NamesKeyAndPath_LikeTheHost()
    {
        var result = await CheckAsync(NewFolder(), "--CmBot:PeopleFile=samples/nobody.yaml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("CmBot:PeopleFile", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("nobody.yaml", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_ApprovalsFileWithUnknownRole_NamesFileRuleAndRole()
    {
        var file = Path.Combine(Path.GetTempPath(), $"approvals-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, "rules:\n  - name: crisis\n    when: { severity: [P1] }\n    require: [[lawyer]]\n", TestContext.Current.CancellationToken);

        var result = await CheckAsync(NewFolder(), $"--CmBot:ApprovalsFile={file}");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(file, result.StandardError, StringComparison.Ordinal);
        Assert.Contains("rule 'crisis': unknown role 'lawyer'", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_RoutingFileWithUnknownReceiver_NamesFileLineAndReceiver()
    {
        var file = Path.Combine(Path.GetTempPath(), $"routing-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(
            file,
            "receivers:\n  - name: team\n    channels: [alerts]\nroute:\n  receiver: team\n  routes:\n    - matchers: [\"severity=P1\"]\n      receiver: crisis\n",
            TestContext.Current.CancellationToken);

        var result = await CheckAsync(NewFolder(), $"--CmBot:RoutingFile={file}");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{file} line 7: route.routes[0]: unknown receiver 'crisis'", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckConfig_SeverityFileWithBadBurstRule_NamesFileLineAndKey()
    {
        var file = Path.Combine(Path.GetTempPath(), $"severity-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, "weights: { spike: 3 }\nburst:\n  count: 1\n  window: 10m\n", TestContext.Current.CancellationToken);
        try
        {
            var result = await CheckAsync(NewFolder(), $"--CmBot:SeverityFile={file}");

            Assert.Equal(2, result.ExitCode);
            Assert.Contains($"{file} line 3: burst.count (1) is at least 2", result.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
