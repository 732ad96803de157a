using System.CommandLine;
using CmBot.Bot.Hosting;

namespace CmBot.Bot.Cli;

/// <summary>
/// `check-config`: reads the same configuration as the host (appsettings, environment, extra `--Key=value`
/// arguments and every file they name), reports the first mistake with the same message the host would stop
/// with, and exits 2; prints a one-line summary and exits 0 when all is well. Starts nothing, opens no database.
/// </summary>
public static class CheckConfigCommand
{
    public static Command Create()
    {
        var command = new Command("check-config", "Check the configuration and every file it names, without starting anything.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                await using var app = CmBotApp.Build([.. parse.UnmatchedTokens]);
                ConfigurationCheck.Validate(app.Services);
                await Console.Out.WriteLineAsync($"Configuration OK ({app.Environment.EnvironmentName}, content root {app.Environment.ContentRootPath}).");
                return 0;
            }
            catch (Exception ex) when (ConfigurationErrors.Describe(ex) is { } message)
            {
                await Console.Error.WriteLineAsync($"CmBot configuration is invalid: {message}");
                return 2;
            }
        });
        return command;
    }
}
