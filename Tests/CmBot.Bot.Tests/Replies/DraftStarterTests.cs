using System.Net;
using System.Net.Sockets;
using System.Text;
using CmBot.Bot.Replies;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Approvals;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using CmBot.Core.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Tests.Replies;

/// <summary>First drafts: from an approved reply to a similar mention, else the optional model, else the charter; failures fall back.</summary>
public sealed class DraftStarterTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;
    private static readonly Person Camille = new("camille", "Camille Martin", [Role.CommunityManager]);
    private static readonly Person Hugo = new("hugo", "Hugo Petit", [Role.Lead]);
    private static readonly Person Ines = new("ines", "Inès Moreau", [Role.Legal]);

    private sealed class ScriptedChatClient(Func<IEnumerable<ChatMessage>, CancellationToken, Task<string>> answer) : IChatClient
    {
        public List<ChatMessage> Received { get; } = [];

        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Received.AddRange(messages);
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, await answer(messages, cancellationToken)));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private static RepliesOptions Settings(bool suggestions, bool llm) => new()
    {
        Suggestions = new SuggestionOptions { Enabled = suggestions, MinScore = 0.5 },
        Llm = new LlmOptions { Enabled = llm, Model = "fake", TimeoutSeconds = 1 },
    };

    private static async Task<DraftStart> StartAsync(CmBotHost host, RepliesOptions settings, IChatClient? model, Incident incident, string mentionText)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var starter = model is null
            ? ActivatorUtilities.CreateInstance<DraftStarter>(scope.ServiceProvider, Options.Create(settings))
            : ActivatorUtilities.CreateInstance<DraftStarter>(scope.ServiceProvider, Options.Create(settings), model);
        return await starter.StartAsync(incident, Hugo, "fr", mentionText, "https://mastodon.example/@client/1", "Lumio", Ct);
    }

    private static Incident OtherIncident(Incident like) =>
        Incident.Open(Guid.NewGuid(), 99, "topic:other", like.Title, new Core.Triage.TriageResult("fr", -0.5, [], null, like.Severity, "test"), 10, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Start_ModelAnswers_OrFailsOrTimesOut_FallsBackToTemplate()
    {
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        await using var host = new CmBotHost(store);
        await host.WaitForReplayAsync(Ct);
        var incident = await host.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(Ct));
        var template = ReplyCharter.Default.Draft("fr", incident, "Hugo", "Lumio");

        var model = new ScriptedChatClient((_, _) => Task.FromResult("\"Bonjour, nous regardons cela. Hugo, Lumio\""));
        var answered = await StartAsync(host, Settings(suggestions: false, llm: true), model, incident, "Ma bouilloire fuit");
        Assert.Equal(new DraftStart("Bonjour, nous regardons cela. Hugo, Lumio", DraftOrigin.Model), answered);
        Assert.Contains("calm", model.Received[0].Text, StringComparison.Ordinal);
        Assert.Contains("under 500 characters", model.Received[0].Text, StringComparison.Ordinal);
        Assert.Contains("Ma bouilloire fuit", model.Received[1].Text, StringComparison.Ordinal);

        var failing = new ScriptedChatClient((_, _) => throw new HttpRequestException("connection refused"));
        Assert.Equal(DraftOrigin.Template, (await StartAsync(host, Settings(false, true), failing, incident, "x")).Origin);

        var slow = new ScriptedChatClient(async (_, token) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), token);
            return "late";
        });
        var timedOut = await StartAsync(host, Settings(false, true), slow, incident, "x");
        Assert.Equal(new DraftStart(template, DraftOrigin.Template), timedOut);

        var tooLong = new ScriptedChatClient((_, _) => Task.FromResult(new string('a', 600)));
        Assert.Equal(DraftOrigin.Template, (await StartAsync(host, Settings(false, true), tooLong, incident, "x")).Origin);

        // Off by default: the model is never asked.
        var unused = new ScriptedChatClient((_, _) => Task.FromResult("never"));
        Assert.Equal(DraftOrigin.Template, (await StartAsync(host, Settings(false, false), unused, incident, "x")).Origin);
        Assert.Empty(unused.Received);
    }

    [Fact]
    public async Task Start_SimilarMentionApprovedBefore_StartsFromItResignedSameLanguageOnly()
    {
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        await using var host = new CmBotHost(store);
        await host.WaitForReplayAsync(Ct);
        var incident = await host.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(Ct));
        var mention = await host.QueryAsync(db => db.Mentions.AsNoTracking().Where(m => m.IncidentId == incident.Id).OrderBy(m => m.PublishedAt).FirstAsync(Ct));
        var legal = new ApprovalRequirement([new ApprovalStep([Role.Legal])], "legal");

        // Nothing approved yet: the charter.
        Assert.Equal(DraftOrigin.Template, (await StartAsync(host, Settings(true, false), null, OtherIncident(incident), mention.Text)).Origin);

        // An approved English reply and a French one only edited (not approved) are never offered for French.
        var english = Draft.Create(Guid.NewGuid(), incident.Id, "Hello, we are on it. Camille", "t", "en", Camille, legal, DateTimeOffset.UnixEpoch);
        english.Approve(Guid.NewGuid(), Ines, null, DateTimeOffset.UnixEpoch);
        var pending = Draft.Create(Guid.NewGuid(), incident.Id, "Bonjour, brouillon. Camille", "t", "fr", Camille, legal, DateTimeOffset.UnixEpoch);
        await host.QueryAsync(async db =>
        {
            db.Drafts.AddRange(english, pending);
            return await db.SaveChangesAsync(Ct);
        });
        Assert.Equal(DraftOrigin.Template, (await StartAsync(host, Settings(true, false), null, OtherIncident(incident), mention.Text)).Origin);

        var approved = Draft.Create(Guid.NewGuid(), incident.Id, "Bonjour, merci de votre patience, Camille y travaille. Camille, Lumio", "t", "fr", Camille, legal, DateTimeOffset.UnixEpoch);
        approved.Approve(Guid.NewGuid(), Ines, null, DateTimeOffset.UnixEpoch);
        await host.QueryAsync(async db =>
        {
            db.Drafts.Add(approved);
            return await db.SaveChangesAsync(Ct);
        });

        var start = await StartAsync(host, Settings(true, false), null, OtherIncident(incident), mention.Text);
        Assert.Equal(DraftOrigin.Suggestion, start.Origin);
        Assert.Equal(approved.Id, start.SuggestedFrom);
        Assert.Equal(1.0, start.Score!.Value, 6);
        Assert.Equal("Bonjour, merci de votre patience, Camille y travaille. Hugo, Lumio", start.Text);

        // The incident's own replies are not suggestions for it.
        Assert.Equal(DraftOrigin.Template, (await StartAsync(host, Settings(true, false), null, incident, mention.Text)).Origin);
    }

    [Fact]
    public async Task Start_SuggestionIndex_BuiltOnceThenRebuiltOnlyWhenAReplyIsApproved()
    {
        using var store = await TestStore.CreateAsync(TestStore.Sqlite, Ct);
        await using var host = new CmBotHost(store);
        await host.WaitForReplayAsync(Ct);
        var incident = await host.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(Ct));
        var mention = await host.QueryAsync(db => db.Mentions.AsNoTracking().Where(m => m.IncidentId == incident.Id).OrderBy(m => m.PublishedAt).FirstAsync(Ct));
        var legal = new ApprovalRequirement([new ApprovalStep([Role.Legal])], "legal");
        var cache = host.Services.GetRequiredService<SuggestionIndexCache>();
        var approved = Draft.Create(Guid.NewGuid(), incident.Id, "Bonjour, merci de votre patience. Camille, Lumio", "t", "fr", Camille, legal, DateTimeOffset.UnixEpoch);
        approved.Approve(Guid.NewGuid(), Ines, null, DateTimeOffset.UnixEpoch);
        await host.QueryAsync(async db =>
        {
            db.Drafts.Add(approved);
            return await db.SaveChangesAsync(Ct);
        });
        var before = cache.Builds;

        var first = await StartAsync(host, Settings(true, false), null, OtherIncident(incident), mention.Text);
        var second = await StartAsync(host, Settings(true, false), null, OtherIncident(incident), mention.Text);
        var afterRepeats = cache.Builds;

        // A second reply approved (another instance could have done it): the fingerprint changes, the index is rebuilt.
        var another = Draft.Create(Guid.NewGuid(), incident.Id, "Bonjour, nous regardons. Camille, Lumio", "t", "fr", Camille, legal, DateTimeOffset.UnixEpoch);
        await host.QueryAsync(async db =>
        {
            db.Drafts.Add(another);
            await db.SaveChangesAsync(Ct);
            another.Approve(Guid.NewGuid(), Ines, null, DateTimeOffset.UnixEpoch.AddMinutes(1));
            db.Approvals.Add(another.Approvals[0]);
            return await db.SaveChangesAsync(Ct);
        });
        await StartAsync(host, Settings(true, false), null, OtherIncident(incident), mention.Text);

        Assert.Equal((DraftOrigin.Suggestion, approved.Id), (first.Origin, first.SuggestedFrom));
        Assert.Equal((DraftOrigin.Suggestion, approved.Id), (second.Origin, second.SuggestedFrom));
        Assert.Equal(before + 1, afterRepeats);
        Assert.Equal(before + 2, cache.Builds);
    }

    [Fact]
    public async Task CreateChatClient_FakeOpenAiServerOnLoopback_ReturnsItsAnswer()
    {
        var body = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "OpenAI", "chat_completion.json"), Ct);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var received = new StringBuilder();
        var server = Task.Run(async () =>
        {
            using var client = await listener.AcceptTcpClientAsync(Ct);
            await using var stream = client.GetStream();
            var buffer = new byte[65536];
            var text = string.Empty;
            while (!text.Contains("\r\n\r\n", StringComparison.Ordinal) || text.Length < text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4 + ContentLength(text))
            {
                var read = await stream.ReadAsync(buffer, Ct);
                if (read == 0)
                {
                    break;
                }

                text += Encoding.UTF8.GetString(buffer, 0, read);
            }

            received.Append(text);
            var payload = Encoding.UTF8.GetBytes(body);
            var head = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);
            await stream.WriteAsync(payload, Ct);
        }, Ct);

        using var chat = RepliesExtensions.CreateChatClient(new LlmOptions { Enabled = true, Endpoint = new Uri($"http://127.0.0.1:{port}/v1"), Model = "gpt-4o", ApiKey = "sk-test", TimeoutSeconds = 5 });
        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.System, "rules"), new ChatMessage(ChatRole.User, "Ma bouilloire fuit")], cancellationToken: Ct);
        await server.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.StartsWith("Bonjour, merci de nous avoir prévenus.", response.Text, StringComparison.Ordinal);
        var request = received.ToString();
        Assert.StartsWith("POST /v1/chat/completions ", request, StringComparison.Ordinal);
        Assert.Contains("Bearer sk-test", request, StringComparison.Ordinal);
        Assert.Contains("\"model\":\"gpt-4o\"", request, StringComparison.Ordinal);
        Assert.Contains("Ma bouilloire fuit", request, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Model")]
    [InlineData("ftp://127.0.0.1/v1", "Endpoint")]
    public void CreateChatClient_Incomplete_ConfigurationErrorNamesTheKey(string? endpoint, string key)
    {
        var options = new LlmOptions { Enabled = true, Endpoint = endpoint is null ? new Uri("http://127.0.0.1/v1") : new Uri(endpoint), Model = endpoint is null ? "" : "m" };

        var ex = Assert.Throws<CmBot.Bot.Hosting.ConfigurationException>(() => RepliesExtensions.CreateChatClient(options));

        Assert.Contains($"Replies:Llm:{key}", ex.Message, StringComparison.Ordinal);
    }

    private static int ContentLength(string head)
    {
        foreach (var line in head.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                return int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
