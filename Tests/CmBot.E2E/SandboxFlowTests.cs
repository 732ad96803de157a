using System.Net;
using CmBot.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CmBot.E2E;

/// <summary>
/// Drives the sandbox page in Chromium against the real host (Kestrel on a loopback port, fresh data folder):
/// the replayed crisis becomes a P1 card, a community manager acknowledges it and drafts a reply, the lawyer
/// signs it off, the community manager publishes it.
/// </summary>
public sealed class SandboxFlowTests
{
    /// <summary>The replay feed runs right after start; the P1 card normally shows within a few seconds.</summary>
    private const float FirstCardTimeout = 60_000;
    // Generous: on a loaded 2-core CI the replay is still being ingested while the first clicks land, and every
    // ingest and outbox commit shares one write gate.
    private const float StepTimeout = 45_000;
    private const string Alerts = "#cm-alerts";

    [Fact]
    public async Task SandboxFlow_CommunityManagerThenLawyer_PublishesApprovedReply()
    {
        await using var host = SandboxHost.Start();
        await using var browser = await Chromium.LaunchAsync();
        await using var context = await NewContextAsync(browser, host);
        var page = await context.NewPageAsync();
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);
        var sandbox = await OpenAsync(page);

        // Camille acknowledges: the card is edited in place and loses its button.
        await sandbox.Alert.Locator("[data-verb='incident.ack']").ClickAsync();
        await ExpectToastAsync(sandbox.Toast, "ok", "incident.ack");
        await Expect(sandbox.Alert.Locator("[data-card-status]")).ToContainTextAsync("Acknowledged by Camille Martin", new() { Timeout = StepTimeout });
        await Expect(sandbox.Alert.Locator("[data-verb='incident.ack']")).ToHaveCountAsync(0, new() { Timeout = StepTimeout });

        // Camille drafts a reply: the draft lands in the incident's thread (and in #legal).
        await sandbox.Alert.Locator("[data-verb='draft.create']").ClickAsync();
        await ExpectToastAsync(sandbox.Toast, "ok", "draft.create");
        await Expect(sandbox.Draft).ToBeVisibleAsync(new() { Timeout = StepTimeout });
        await Expect(sandbox.Draft.Locator("[data-card-status]")).ToContainTextAsync("legal", new() { Timeout = StepTimeout });

        // She edits the text a little and saves it: revision 2.
        var text = sandbox.Draft.Locator("[data-input='draft_text']");
        var edited = Edit(await text.InputValueAsync());
        await text.FillAsync(edited);
        await sandbox.Draft.Locator("[data-verb='draft.edit']").ClickAsync();
        await ExpectToastAsync(sandbox.Toast, "ok", "draft.edit");
        await Expect(sandbox.Draft.Locator(".card-facts dd").First).ToHaveTextAsync("2", new() { Timeout = StepTimeout });
        await Expect(text).ToHaveValueAsync(edited, new() { Timeout = StepTimeout });

        // Camille cannot sign it off herself: the refusal is shown with the server's reason, her text stays.
        await sandbox.Draft.Locator("[data-verb='draft.approve']").ClickAsync();
        await ExpectToastAsync(sandbox.Toast, "refused", "draft.approve");
        await Expect(sandbox.Toast).ToContainTextAsync("Camille Martin", new() { Timeout = StepTimeout });
        await Expect(sandbox.Toast).ToContainTextAsync("legal", new() { Timeout = StepTimeout });
        await Expect(text).ToHaveValueAsync(edited, new() { Timeout = StepTimeout });

        // Inès (legal) finds the same draft in #legal and approves it with a comment.
        await sandbox.ActingAs.SelectOptionAsync("ines");
        await page.Locator("[data-channel='#legal']").ClickAsync();
        await Expect(page.Locator("#view-title")).ToHaveTextAsync("#legal", new() { Timeout = StepTimeout });
        var legalDraft = sandbox.View.Locator("[data-card-title]").Filter(new() { Has = page.Locator("[data-input='draft_text']") });
        await Expect(legalDraft.Locator("[data-input='draft_text']")).ToHaveValueAsync(edited, new() { Timeout = StepTimeout });
        await legalDraft.Locator("[data-input='comment']").FillAsync("Fine for legal: no admission of liability.");
        await legalDraft.Locator("[data-verb='draft.approve']").ClickAsync();
        await ExpectToastAsync(sandbox.Toast, "ok", "draft.approve");
        await Expect(legalDraft.Locator("[data-card-status]")).ToContainTextAsync("Approved by Inès Moreau", new() { Timeout = StepTimeout });
        await Expect(legalDraft.Locator("[data-card-status]")).ToContainTextAsync("comms", new() { Timeout = StepTimeout });

        // A crisis reply needs a second pair of eyes: Paul (comms director) signs it off in #direction.
        await sandbox.ActingAs.SelectOptionAsync("paul");
        await page.Locator("[data-channel='#direction']").ClickAsync();
        await Expect(page.Locator("#view-title")).ToHaveTextAsync("#direction", new() { Timeout = StepTimeout });
        var directionDraft = sandbox.View.Locator("[data-card-title]").Filter(new() { Has = page.Locator("[data-input='draft_text']") });
        await Expect(directionDraft.Locator("[data-input='draft_text']")).ToHaveValueAsync(edited, new() { Timeout = StepTimeout });
        await directionDraft.Locator("[data-verb='draft.approve']").ClickAsync();
        await ExpectToastAsync(sandbox.Toast, "ok", "draft.approve");
        await Expect(directionDraft.Locator("[data-card-status]")).ToContainTextAsync("Approved by Paul Girard", new() { Timeout = StepTimeout });

        // Back in #cm-alerts the thread copy of the draft shows the approval too: that is the screenshot.
        await page.Locator($"[data-channel='{Alerts}']").ClickAsync();
        await Expect(sandbox.Draft.Locator("[data-card-status]")).ToContainTextAsync("Approved by Paul Girard", new() { Timeout = StepTimeout });
        await Expect(sandbox.Alert.Locator("[data-card-status]")).ToContainTextAsync("Acknowledged by Camille Martin", new() { Timeout = StepTimeout });
        await page.ScreenshotAsync(new() { Path = ScreenshotPath(), FullPage = true, Animations = ScreenshotAnimations.Disabled });

        // Camille publishes; the draft card turns into the published text, without inputs or buttons.
        await sandbox.ActingAs.SelectOptionAsync("camille");
        await sandbox.Draft.Locator("[data-verb='draft.publish']").ClickAsync();
        await ExpectToastAsync(sandbox.Toast, "ok", "draft.publish");
        var thread = sandbox.IncidentMessage.Locator("[data-thread]");
        // The thread also holds escalation and progress notes; the draft card is the one that now says it was published.
        await Expect(thread.Locator("[data-card-status]", new() { HasText = "Published by Camille Martin" })).ToHaveCountAsync(1, new() { Timeout = StepTimeout });
        await Expect(thread.Locator("[data-verb]")).ToHaveCountAsync(0, new() { Timeout = StepTimeout });

        // The reply is on the public timeline, exactly as approved.
        await page.Locator("[data-channel='timeline']").ClickAsync();
        var posts = sandbox.View.Locator("[data-post-id]");
        await Expect(posts).ToHaveCountAsync(1, new() { Timeout = StepTimeout });
        await Expect(posts.First.Locator(".post-text")).ToHaveTextAsync(edited, new() { Timeout = StepTimeout });

        Assert.Empty(pageErrors);
    }

    [Fact]
    public async Task SandboxPage_CardsChangeWhileTyping_KeepsTypedTextAndFocus()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var host = SandboxHost.Start();
        await using var browser = await Chromium.LaunchAsync();
        await using var context = await NewContextAsync(browser, host);
        var page = await context.NewPageAsync();
        var sandbox = await OpenAsync(page);

        await sandbox.Alert.Locator("[data-verb='draft.create']").ClickAsync();
        await Expect(sandbox.Draft).ToBeVisibleAsync(new() { Timeout = StepTimeout });
        var text = sandbox.Draft.Locator("[data-input='draft_text']");
        var original = await text.InputValueAsync();
        await text.FocusAsync();
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync(" Merci de votre patience.");
        var typed = await text.InputValueAsync();
        Assert.Equal(original + " Merci de votre patience.", typed);

        // Another message changes: Hugo acknowledges the incident from somewhere else.
        var incidentId = await sandbox.Alert.Locator("[data-verb='incident.ack']").GetAttributeAsync("data-target-id");
        var alertMessageId = await sandbox.IncidentMessage.GetAttributeAsync("data-message-id");
        Assert.NotNull(incidentId);
        Assert.NotNull(alertMessageId);
        var ack = await host.PostActionAsync("hugo", "incident.ack", incidentId, Alerts, alertMessageId, new Dictionary<string, string>(), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, ack);
        await Expect(sandbox.Alert.Locator("[data-card-status]")).ToContainTextAsync("Acknowledged by Hugo Lefèvre", new() { Timeout = StepTimeout });
        await Expect(text).ToHaveValueAsync(typed, new() { Timeout = StepTimeout });
        await Expect(text).ToBeFocusedAsync(new() { Timeout = StepTimeout });

        // The draft card itself changes (Inès rejects it) but not its saved text: what Camille typed stays too.
        var draftId = await sandbox.Draft.Locator("[data-verb='draft.reject']").GetAttributeAsync("data-target-id");
        var draftMessageId = await sandbox.IncidentMessage.Locator("[data-thread] [data-message-id]").First.GetAttributeAsync("data-message-id");
        Assert.NotNull(draftId);
        Assert.NotNull(draftMessageId);
        var inputs = new Dictionary<string, string> { ["draft_text"] = original, ["comment"] = "Too vague about the refund." };
        var reject = await host.PostActionAsync("ines", "draft.reject", draftId, Alerts, draftMessageId, inputs, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, reject);
        await Expect(sandbox.Draft.Locator("[data-card-status]")).ToContainTextAsync("Rejected by Inès Moreau", new() { Timeout = StepTimeout });
        await Expect(text).ToHaveValueAsync(typed, new() { Timeout = StepTimeout });
        await Expect(text).ToBeFocusedAsync(new() { Timeout = StepTimeout });
    }

    [Fact]
    public async Task SandboxPage_ReportButton_ShowsTheDigestWithItsChartsDecodedByTheBrowser()
    {
        await using var host = SandboxHost.Start();
        await using var browser = await Chromium.LaunchAsync();
        await using var context = await NewContextAsync(browser, host);
        var page = await context.NewPageAsync();
        var sandbox = await OpenAsync(page);

        await page.Locator("#report-7d").ClickAsync();

        var digest = sandbox.View.Locator("[data-card-title='CmBot report']");
        await Expect(digest).ToBeVisibleAsync(new() { Timeout = StepTimeout });
        var charts = digest.Locator("img[data-card-image]");
        await Expect(charts).ToHaveCountAsync(3, new() { Timeout = StepTimeout });
        foreach (var chart in await charts.AllAsync())
        {
            // Served by the host for the digest's period, and decoded by Chromium at the chart's full size.
            await chart.ScrollIntoViewIfNeededAsync();
            await Expect(chart).ToHaveJSPropertyAsync("complete", true, new() { Timeout = StepTimeout });
            Assert.Equal(800, await chart.EvaluateAsync<int>("img => img.naturalWidth"));
            Assert.Equal(400, await chart.EvaluateAsync<int>("img => img.naturalHeight"));
        }
    }

    private static Task<IBrowserContext> NewContextAsync(IBrowser browser, SandboxHost host) =>
        browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "Europe/Paris",
        });

    /// <summary>Opens the page as the default person and waits for the replayed P1 incident in #cm-alerts.</summary>
    private static async Task<SandboxPage> OpenAsync(IPage page)
    {
        page.SetDefaultTimeout(StepTimeout);
        await page.GotoAsync("/");
        var sandbox = new SandboxPage(page);
        await Expect(sandbox.ActingAs).ToHaveValueAsync("camille", new() { Timeout = StepTimeout });
        await Expect(page.Locator("#live")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = StepTimeout });
        await page.Locator($"[data-channel='{Alerts}']").ClickAsync();

        // The page learns about the incident live (server-sent events) if it opened before the replay ran.
        await Expect(sandbox.Alert).ToBeVisibleAsync(new() { Timeout = FirstCardTimeout });
        await Expect(sandbox.IncidentMessage).ToHaveCountAsync(1, new() { Timeout = StepTimeout });
        return sandbox;
    }

    private static async Task ExpectToastAsync(ILocator toast, string outcome, string verb)
    {
        await Expect(toast).ToHaveAttributeAsync("data-verb", verb, new() { Timeout = StepTimeout });
        await Expect(toast).ToHaveAttributeAsync("data-outcome", outcome, new() { Timeout = StepTimeout });
        await Expect(toast).ToBeVisibleAsync(new() { Timeout = StepTimeout });
    }

    /// <summary>A small, visible edit: greet the author by handle (falls back to a prefix if the template changes).</summary>
    private static string Edit(string original)
    {
        Assert.False(string.IsNullOrWhiteSpace(original), "The draft came with no text.");
        const string greeting = "Bonjour,";
        return original.StartsWith(greeting, StringComparison.Ordinal)
            ? "Bonjour @amandine_rx," + original[greeting.Length..]
            : "@amandine_rx " + original;
    }

    /// <summary>
    /// <c>docs/sandbox.png</c> in the repository root (the folder holding CmBot.sln) when it is missing or when
    /// CMBOT_UPDATE_SCREENSHOT=1; otherwise the test output folder, so a test run leaves the checkout clean.
    /// </summary>
    private static string ScreenshotPath()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "CmBot.sln")))
        {
            folder = folder.Parent;
        }

        Assert.NotNull(folder);
        var docs = Directory.CreateDirectory(Path.Combine(folder.FullName, "docs"));
        var readme = Path.Combine(docs.FullName, "sandbox.png");
        var update = Environment.GetEnvironmentVariable("CMBOT_UPDATE_SCREENSHOT") == "1";
        return update || !File.Exists(readme) ? readme : Path.Combine(AppContext.BaseDirectory, "sandbox.png");
    }

    /// <summary>The page's stable hooks (data-* attributes), in one place.</summary>
    private sealed class SandboxPage(IPage page)
    {
        public ILocator ActingAs { get; } = page.Locator("#acting-as");

        public ILocator Toast { get; } = page.Locator("#toast");

        public ILocator View { get; } = page.Locator("#view");

        /// <summary>The P1 alert card of incident #1.</summary>
        public ILocator Alert => View.Locator("[data-card-title^='#1 '][data-severity='P1']");

        /// <summary>The root message holding the alert card, and its thread.</summary>
        public ILocator IncidentMessage => View.Locator("[data-message-id]").Filter(new() { Has = page.Locator("[data-card-title^='#1 '][data-severity='P1']") });

        /// <summary>The reply draft (a card with a text input) in the incident's thread.</summary>
        public ILocator Draft => IncidentMessage.Locator("[data-thread] [data-card-title]").Filter(new() { Has = page.Locator("[data-input='draft_text']") });
    }
}
