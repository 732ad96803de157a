using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CmBot.Bot.Tests.Infrastructure;
using CmBot.Core.Audit;
using CmBot.Core.Incidents;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Tests.Triage;

/// <summary>The burst rule of severity.yaml reaches the ingestion path: a custom rule makes a real incident climb.</summary>
public sealed class BurstRuleHostTests
{
    private const string Token = "burst-token";

    private static async Task<Incident> IngestThreeAsync(string severityYaml, CancellationToken ct)
    {
        var file = Path.Combine(Path.GetTempPath(), $"severity-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, severityYaml, ct);
        try
        {
            using var store = await TestStore.CreateAsync(TestStore.Sqlite, ct);
            await using var host = new CmBotHost(store, new Dictionary<string, string?>
            {
                ["Feeds:Replay:Enabled"] = "false",
                ["Feeds:Sources:hook:Type"] = "webhook",
                ["Feeds:Sources:hook:Token"] = Token,
                ["CmBot:SeverityFile"] = file,
            });
            using var client = host.CreateClient();

            // Three different safety complaints about the same kettle, ten minutes apart: one incident, P2 each.
            string[] texts =
            [
                "Ma bouilloire Lumio K2 a pris feu ce matin, la cuisine est pleine de fumée.",
                "My Lumio K2 kettle caught fire on the counter, luckily nobody was hurt.",
                "Encore une K2 qui fond et brûle la main de ma fille, c'est dangereux !",
            ];
            for (var i = 0; i < texts.Length; i++)
            {
                var body = JsonSerializer.Serialize(new { mentions = new[] { new { id = $"b{i}", text = texts[i], published = $"2026-11-26T15:{10 * i:00}:00Z" } } });
                using var request = new HttpRequestMessage(HttpMethod.Post, "/ingest/hook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
                using var response = await client.SendAsync(request, ct);
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            }

            await Eventually.TrueAsync(
                () => host.QueryAsync(db => db.Mentions.CountAsync(m => m.IncidentId != null, ct)), n => n == 3, TimeSpan.FromSeconds(60), "3 routed mentions", ct);
            var incidents = await host.QueryAsync(db => db.Incidents.AsNoTracking().ToListAsync(ct));
            var incident = Assert.Single(incidents);
            var raised = await host.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AuditActions.IncidentEscalatedSeverity && e.SubjectId == incident.Id.ToString(), ct));
            Assert.Equal(incident.Severity == Severity.P1 ? 1 : 0, raised);
            return incident;
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Ingest_ThreeMentionsWithCustomBurstOfThree_IncidentClimbsToP1AndSaysWhy()
    {
        var incident = await IngestThreeAsync("burst:\n  count: 3\n  window: 30m\n  severity: P1\n", TestContext.Current.CancellationToken);

        Assert.Equal(Severity.P1, incident.Severity);
        Assert.Equal(3, incident.MentionCount);
        Assert.EndsWith("+ 3 mentions in 30 min (threshold 3)", incident.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_ThreeMentionsWithDefaultBurstRule_IncidentStaysP2()
    {
        var incident = await IngestThreeAsync("weights: { spike: 3 }\n", TestContext.Current.CancellationToken);

        Assert.Equal(Severity.P2, incident.Severity);
        Assert.Equal(3, incident.MentionCount);
    }
}
