using System.Text.RegularExpressions;
using CmBot.Bot.Storage;
using CmBot.Bot.Teams.Storage;
using CmBot.E2E.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CmBot.E2E.Teams;

// Test names follow Method_Condition_Result.
#pragma warning disable CA1707

/// <summary>
/// Microsoft's Teams client emulator (the M365 Agents Playground) in Chromium, talking to the real CmBot host on
/// loopback with <c>Teams:Auth:AllowUnauthenticatedLoopback</c>: the playground installs the bot in a personal chat,
/// a "status" message gets the status card, and once the replayed crisis opens incident #1 its alert card arrives
/// in the chat; clicking Acknowledge there replaces the card in place.
/// </summary>
[Collection(PlaygroundRunsAlone.Name)]
public sealed partial class TeamsPlaygroundTests
{
    /// <summary>The personal chat the playground opens (and CmBot's alerts conversation).</summary>
    private const string ConversationId = "cmbot-e2e-personal-chat";

    /// <summary>from.aadObjectId of the playground's default user, mapped to Camille in the test's people file.</summary>
    private const string PlaygroundUserAad = "00000000-0000-0000-0000-0000000000020";

    /// <summary>Where the playground's page loads its fonts and icons from (refused in this test).</summary>
    private const string OfficeCdn = "res-1.cdn.office.net";

    private const float StepTimeout = 20_000;
    private const float AlertTimeout = 90_000;

    [Fact]
    public async Task Playground_StatusThenAcknowledge_StatusCardThenAlertUpdatedInPlace()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var replay = string.Empty;
        await using var host = SandboxHost.Start(folder =>
        {
            replay = Path.Combine(folder, "replay.jsonl");
            File.WriteAllText(replay, string.Empty);
            var people = Path.Combine(folder, "people.yaml");
            File.WriteAllText(people, $"""
                people:
                  - id: camille
                    name: Camille Martin
                    roles: [community-manager]
                    teams: "{PlaygroundUserAad}"
                  - id: hugo
                    name: Hugo Lefèvre
                    roles: [lead]
                  - id: ines
                    name: Inès Moreau
                    roles: [legal]
                """);
            // The emulator shows every conversation in one chat: the ladder notes in the alert's thread only, so the
            // on-call direct message (a second copy of the card) does not appear beside the channel's.
            var escalation = Path.Combine(folder, "escalation.yaml");
            File.WriteAllText(escalation, """
                policies:
                  - name: channel-only
                    severity: P1
                    steps:
                      - after: 0m
                        notify: [channel:alerts]
                """);
            return Settings(replay, people).Append(new("CmBot:EscalationFile", escalation));
        });
        await using var playground = await Playground.StartAsync(new Uri(host.BaseAddress, "api/messages"), ConversationId, cancellationToken);
        await using var browser = await Chromium.LaunchAsync();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            Locale = "en-GB",
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(StepTimeout);

        // Tests stay on this machine: the page's requests to other hosts (the Office CDN's fonts and icons) are
        // refused here and listed; the emulator works without them.
        var external = new List<string>();
        await context.RouteAsync("**/*", async route =>
        {
            if (Uri.TryCreate(route.Request.Url, UriKind.Absolute, out var url) && !url.IsLoopback && url.Scheme != "data")
            {
                lock (external)
                {
                    external.Add(route.Request.Url);
                }

                await route.AbortAsync("blockedbyclient");
                return;
            }

            await route.ContinueAsync();
        });
        try
        {
            // Opening the page installs the bot in the personal chat (installationUpdate + conversationUpdate).
            await page.GotoAsync(playground.BaseAddress.AbsoluteUri, new PageGotoOptions { Timeout = StepTimeout });
            await WaitForConversationAsync(host, cancellationToken);

            // A user message gets the status card.
            var input = SendBox(page);
            await input.ClickAsync();
            await page.Keyboard.TypeAsync("status");
            await page.Keyboard.PressAsync("Enter");
            var status = Cards(page).Filter(new() { HasText = "Open incidents" });
            await Expect(status).ToHaveCountAsync(1, new() { Timeout = StepTimeout });
            await Expect(status).ToContainTextAsync("Nothing open.", new() { Timeout = StepTimeout });

            // The crisis is replayed now: incident #1 (P1) is opened and its alert card sent to this chat.
            var staged = replay + ".new";
            File.Copy(Path.Combine(RepositoryRoot(), "Bot", "samples", "replay.jsonl"), staged);
            File.Move(staged, replay, overwrite: true);
            var alert = Cards(page).Filter(new() { Has = page.GetByText(IncidentOneTitle()) });
            await Expect(alert).ToHaveCountAsync(1, new() { Timeout = AlertTimeout });

            // It opens as P2 with the first mention and is raised to P1 as the crisis grows: the card is updated in place.
            await Expect(alert.Locator("p").First).ToHaveTextAsync("P1", new() { Timeout = AlertTimeout });
            var acknowledge = alert.GetByRole(AriaRole.Button, new() { Name = "Acknowledge", Exact = true });
            await Expect(acknowledge).ToHaveCountAsync(1, new() { Timeout = StepTimeout });

            // Acknowledge: the same card changes in place (no second #1 card) and loses its button.
            await acknowledge.ClickAsync();
            await Expect(alert).ToContainTextAsync("Acknowledged by Camille Martin", new() { Timeout = StepTimeout });
            await Expect(alert).ToHaveCountAsync(1, new() { Timeout = StepTimeout });
            await Expect(acknowledge).ToHaveCountAsync(0, new() { Timeout = StepTimeout });
            await Expect(alert.GetByRole(AriaRole.Button, new() { Name = "Draft a reply", Exact = true })).ToHaveCountAsync(1, new() { Timeout = StepTimeout });
            await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "teams-playground.png"), FullPage = true });

            // Offline, the page only misses static assets from the Office CDN; anything else (telemetry...) would show here.
            lock (external)
            {
                Assert.All(external, url => Assert.Equal(OfficeCdn, new Uri(url).Host));
                TestContext.Current.TestOutputHelper?.WriteLine($"{external.Count} request(s) to {OfficeCdn} refused (fonts and icons).");
            }
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
        {
            var dump = Path.Combine(AppContext.BaseDirectory, "playground-failure");
            await page.ScreenshotAsync(new() { Path = dump + ".png", FullPage = true });
            await File.WriteAllTextAsync(dump + ".html", await page.ContentAsync(), CancellationToken.None);
            throw new InvalidOperationException($"{ex.Message}\nPage saved to {dump}.png/.html. Playground output:\n{playground.Output}", ex);
        }
    }

    [GeneratedRegex("^#1 ")]
    private static partial Regex IncidentOneTitle();

    private static IEnumerable<KeyValuePair<string, string?>> Settings(string replay, string people) =>
    [
        new("Teams:Enabled", "true"),
        new("Teams:AppId", "00000000-0000-0000-0000-00000000000011"),
        new("Teams:AppPassword", "unused-with-the-emulator"),
        new("Teams:Auth:AllowUnauthenticatedLoopback", "true"),
        new("Teams:RequireHttpsMetadata", "false"),
        new("Teams:ServiceUrl", "http://127.0.0.1:9/_connector"),
        new("Teams:Channels:Alerts", ConversationId),
        new("CmBot:PeopleFile", people),
        new("Feeds:Replay:File", replay),
        new("Feeds:Replay:IntervalSeconds", "1"),
    ];

    /// <summary>Adaptive Cards as the playground renders them.</summary>
    private static ILocator Cards(IPage page) => page.Locator(".ac-adaptiveCard");

    /// <summary>The compose box (a Lexical rich-text editor).</summary>
    private static ILocator SendBox(IPage page) => page.Locator("[contenteditable='true'][data-lexical-editor='true'][role='textbox']");

    /// <summary>Waits (bounded) until CmBot stored the playground's chat as an installed conversation.</summary>
    private static async Task WaitForConversationAsync(SandboxHost host, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (true)
        {
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
                if (await db.Set<TeamsConversation>().AnyAsync(c => c.ConversationId == ConversationId && c.Active, cancellationToken))
                {
                    return;
                }
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "The playground did not install the bot in its personal chat within 30 s (no conversationUpdate reached CmBot).");
            await Task.Delay(250, cancellationToken);
        }
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "CmBot.sln")))
        {
            folder = folder.Parent;
        }

        Assert.NotNull(folder);
        return folder.FullName;
    }
}

/// <summary>
/// The playground test starts a host, Node and Chromium: it runs on its own, after the other browser tests, so the
/// machine's few cores do not slow every browser test past its step timeouts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PlaygroundRunsAlone
{
    public const string Name = "Teams playground";
}
