using CmBot.Bot.Chat;
using CmBot.Bot.Feeds;
using CmBot.Bot.Hosting;
using CmBot.Bot.Jobs;
using CmBot.Bot.Sandbox;
using CmBot.Bot.Slack;
using CmBot.Bot.Storage;
using CmBot.Bot.Teams;
using CmBot.Bot.Triage;

var builder = WebApplication.CreateBuilder(args);
try
{
    builder.AddCmBotHost();
    builder.AddObservability();
    builder.AddStorage();
    builder.AddTriage();
    builder.AddChat();
    builder.AddSandbox();
    builder.AddSlack();
    builder.AddTeams();
    builder.AddFeeds();
    builder.AddJobs();

    var app = builder.Build();
    app.UseSandboxPage();
    app.MapCmBotHost();
    app.MapSandbox();
    app.MapSlack();
    app.MapTeams();
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
