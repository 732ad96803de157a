using System.Text.Json;
using CmBot.Bot.Tests.Infrastructure;

namespace CmBot.Bot.Tests.Cli;

/// <summary>`triage` runs the configured rules on texts given on the command line and explains the verdict.</summary>
public sealed class TriageCommandTests
{
    private static Task<BotProcess.Result> TriageAsync(params string[] arguments) =>
        BotProcess.RunUntilExitAsync(new Dictionary<string, string>(), TimeSpan.FromSeconds(90), ["triage", .. arguments], TestContext.Current.CancellationToken);

    [Fact]
    public async Task Triage_SafetyComplaintJson_AlertingSeverityRiskWordsAndNegativeTone()
    {
        var result = await TriageAsync("My Lumio K2 kettle overheated and melted, the handle burned my hand", "--reach", "5000", "--json");

        Assert.True(result.ExitCode == 0, result.StandardError);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var root = json.RootElement;
        Assert.True(root.GetProperty("severity").GetString() is "P1" or "P2", root.GetProperty("reason").GetString());
        Assert.StartsWith(root.GetProperty("severity").GetString()!, root.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.True(root.GetProperty("sentiment").GetDouble() < 0, "overheated, melted, burned read negative");
        Assert.Equal("en", root.GetProperty("language").GetString());
        var risk = Assert.Single(root.GetProperty("risks").EnumerateArray(), r => r.GetProperty("critical").GetBoolean());
        Assert.Contains("melted", risk.GetProperty("words").EnumerateArray().Select(w => w.GetString()));
    }

    [Fact]
    public async Task Triage_SeveralTexts_OneBlockEachWithReasonAndComplaintCues()
    {
        var result = await TriageAsync("Love the new kettle, great design", "L'appli ne se lance plus depuis la mise à jour, remboursez-moi");

        Assert.True(result.ExitCode == 0, result.StandardError);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Count(l => l.StartsWith("reason", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("P4  Love the new kettle", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("complaint  yes: ne se lance plus", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("sentiment  -", StringComparison.Ordinal) && l.EndsWith("language fr", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Triage_UnknownLanguage_ExitsTwoNamingTheOption()
    {
        var result = await TriageAsync("hello", "--lang", "de");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--lang must be fr or en", result.StandardError, StringComparison.Ordinal);
    }
}
