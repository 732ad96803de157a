using CmBot.Bot.Feeds.Sources;
using CmBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CmBot.Bot.Feeds.Polling;

/// <summary>
/// Reports each listening source's state: Degraded while any source is failing (with the source, how many
/// failures in a row and the last error), Healthy otherwise. A failing feed does not make the host unhealthy:
/// restarting CmBot would not fix the feed.
/// </summary>
public sealed class FeedsHealthCheck(FeedSourcesConfiguration configuration, IServiceScopeFactory scopes) : IHealthCheck
{
    public const string Name = "feeds";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var names = configuration.Sources.Where(s => s.Options.Enabled).Select(s => s.Name).Append(ReplayFeed.SourceName).ToList();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
        var rows = await db.SourceCursors.AsNoTracking().Where(c => names.Contains(c.Source)).ToListAsync(cancellationToken);
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var failing = new List<string>();
        foreach (var row in rows.OrderBy(r => r.Source, StringComparer.Ordinal))
        {
            data[row.Source] = new
            {
                healthy = row.ConsecutiveFailures == 0,
                failures = row.ConsecutiveFailures,
                lastSuccessAt = row.LastSuccessAt,
                lastErrorAt = row.LastErrorAt,
                lastError = row.LastError,
            };
            if (row.ConsecutiveFailures > 0)
            {
                failing.Add($"{row.Source} ({row.ConsecutiveFailures} failures in a row: {row.LastError})");
            }
        }

        return failing.Count == 0
            ? HealthCheckResult.Healthy($"{rows.Count} source(s) reporting", data)
            : HealthCheckResult.Degraded($"failing: {string.Join("; ", failing)}", data: data);
    }
}
