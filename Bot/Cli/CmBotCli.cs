using System.CommandLine;

namespace CmBot.Bot.Cli;

/// <summary>
/// The command-line tools that ship with the host: `dotnet run --project Bot -- &lt;command&gt;`. Without a known
/// command name as the first argument, Program starts the host as usual.
/// </summary>
public static class CmBotCli
{
    /// <summary>One entry per tool; each lives in its own file in this folder.</summary>
    private static readonly Func<Command>[] Commands =
    [
        CheckConfigCommand.Create,
        AuditCommand.Create,
        ReportCommand.Create,
        EvaluateCommand.Create,
        TriageCommand.Create,
        TrainCommand.Create,
        TeamsPackageCommand.Create,
    ];

    private static readonly Lazy<IReadOnlyList<Command>> Built = new(() => [.. Commands.Select(c => c())]);

    private static readonly string[] HelpWords = ["help", "--help", "-h", "-?"];

    public static bool Handles(IReadOnlyList<string> args) =>
        args is [var first, ..]
        && (HelpWords.Contains(first, StringComparer.Ordinal) || Built.Value.Any(c => string.Equals(c.Name, first, StringComparison.Ordinal)));

    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("CmBot command-line tools. Without a command, CmBot starts the host.");
        foreach (var command in Built.Value)
        {
            root.Subcommands.Add(command);
        }

        return root.Parse(args is ["help", .. var rest] ? ["--help", .. rest] : args).InvokeAsync();
    }
}
