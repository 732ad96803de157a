using CmBot.Bot.Slack;
using CmBot.Bot.Slack.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CmBot.Bot.Tests.Slack.Web;

/// <summary>The Slack Web API services exactly as the host registers them (AddSlackWebApi), pointed at a fake Slack.</summary>
public sealed class SlackApiHarness : IAsyncDisposable
{
    private readonly IHost _host;

    private SlackApiHarness(IHost host, FakeSlackServer slack)
    {
        _host = host;
        Slack = slack;
    }

    public FakeSlackServer Slack { get; }
    public IServiceProvider Services => _host.Services;
    public ISlackApi Api => Services.GetRequiredService<ISlackApi>();

    public static async Task<SlackApiHarness> StartAsync(IEnumerable<KeyValuePair<string, string?>>? settings = null, double channelRate = 0)
    {
        var slack = await FakeSlackServer.StartAsync(channelRate);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:Enabled"] = "true",
            ["Slack:BotToken"] = FakeSlackServer.BotToken,
            ["Slack:AppToken"] = FakeSlackServer.AppToken,
            ["Slack:SigningSecret"] = "test",
            ["Slack:ApiBaseUrl"] = slack.ApiBaseUrl.AbsoluteUri,
            ["Slack:Channels:Alerts"] = "C0ALERTS01",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<SlackOptions>().Bind(builder.Configuration.GetSection(SlackOptions.Section));
        builder.AddSlackWebApi();
        var host = builder.Build();
        await host.StartAsync();
        return new SlackApiHarness(host, slack);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await Slack.DisposeAsync();
    }
}
