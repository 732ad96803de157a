using CmBot.Bot.Hosting;
using CmBot.Core.Triage;

namespace CmBot.Bot.Cli;

/// <summary>The host's own triager for the `evaluate` and `triage` tools, built from the same configuration as the host.</summary>
internal static class CliTriager
{
    /// <summary>
    /// Builds the configured <see cref="Triager"/> (every configuration file checked as at start-up); on a mistake,
    /// prints it as the host would and returns null (exit code 2).
    /// </summary>
    public static async Task<Triager?> LoadAsync(IEnumerable<string> arguments)
    {
        try
        {
            await using var app = CmBotApp.Build([.. arguments]);
            ConfigurationCheck.Validate(app.Services);
            return app.Services.GetRequiredService<Triager>();
        }
        catch (Exception ex) when (ConfigurationErrors.Describe(ex) is { } message)
        {
            await Console.Error.WriteLineAsync($"CmBot configuration is invalid: {message}");
            return null;
        }
    }
}
