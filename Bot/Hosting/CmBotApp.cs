using CmBot.Bot.Routing;
using CmBot.Bot.Chat;
using CmBot.Bot.Escalation;
using CmBot.Bot.Feeds;
using CmBot.Bot.Feeds.Webhook;
using CmBot.Bot.Jobs;
using CmBot.Bot.Publishing;
using CmBot.Bot.Replies;
using CmBot.Bot.Reporting;
using CmBot.Bot.Sandbox;
using CmBot.Bot.Silences;
using CmBot.Bot.Slack;
using CmBot.Bot.Storage;
using CmBot.Bot.Teams;
using CmBot.Bot.Triage;

namespace CmBot.Bot.Hosting;

/// <summary>
/// Builds the whole product (services and endpoints) from the command line and configuration. The host and the
/// command-line tools (check-config, ...) share it, so they read exactly the same configuration.
/// </summary>
public static class CmBotApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddCmBotHost();
        builder.AddObservability();
        builder.AddStorage();
        builder.AddTriage();
        builder.AddReplies();
        builder.AddPublishing();
        builder.AddRouting();
        builder.AddSilences();
        builder.AddEscalation();
        builder.AddChat();
        builder.AddSandbox();
        builder.AddSlack();
        builder.AddTeams();
        builder.AddFeeds();
        builder.AddJobs();
        builder.AddReporting();

        var app = builder.Build();
        app.UseSandboxPage();
        app.MapCmBotHost();
        app.MapSandbox();
        app.MapSlack();
        app.MapTeams();
        app.MapReporting();
        app.MapFeeds();
        return app;
    }
}
