using CmBot.Bot.Cli;
using CmBot.Bot.Hosting;

if (CmBotCli.Handles(args))
{
    return await CmBotCli.RunAsync(args);
}

try
{
    var app = CmBotApp.Build(args);
    app.AnnounceUrls();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ConfigurationErrors.Describe(ex) is { } message)
{
    await Console.Error.WriteLineAsync($"CmBot cannot start: {message}");
    return 2;
}

/// <summary>Entry point; public so host tests can start it with WebApplicationFactory.</summary>
public partial class Program;
