using System.Globalization;
using CmBot.Bot.Chat;
using CmBot.Bot.Sandbox;
using CmBot.Bot.Storage;
using CmBot.Core.Audit;
using CmBot.Core.Chat;
using CmBot.Core.Chat.Commands;
using CmBot.Core.People;
using CmBot.Core.Reporting;
using Microsoft.AspNetCore.Mvc;

namespace CmBot.Bot.Reporting;

/// <summary>
/// The sandbox's "Report" button: posts the digest card of the last period into #cm-alerts with its charts inline
/// (pictures drawn on request by this host for that exact period). Sandbox only, like the rest of /sandbox/api:
/// a local demo channel with no login.
/// </summary>
public static partial class SandboxReportEndpoints
{
    public const string ChartsPath = "/sandbox/api/report/charts/";

    /// <summary>Where the host serves one chart of a digest for its exact period (UTC ticks, so the URL is stable).</summary>
    public static string ChartUrl(string fileName, ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return string.Create(CultureInfo.InvariantCulture, $"{ChartsPath}{Uri.EscapeDataString(fileName)}?from={period.From.UtcTicks}&to={period.To.UtcTicks}");
    }

    public static IEndpointRouteBuilder MapSandboxReports(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ServiceProvider.GetService<SandboxHub>() is null)
        {
            return app;
        }

        var api = app.MapGroup("/sandbox/api/report");
        api.MapPost("/", PostReportAsync);
        api.MapGet("/charts/{name}", GetChartAsync);
        return app;
    }

    public sealed record ReportRequest(string? PersonId, string? Period);

    internal static async Task<IResult> PostReportAsync(
        [FromBody] ReportRequest? request,
        PeopleDirectory people,
        ReportService reports,
        CardOutbox outbox,
        IEnumerable<IChatPlatform> platforms,
        AuditLog audit,
        WriteGate gate,
        CmBotDbContext db,
        OutboxSignal signal,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("CmBot.Reporting");
        var periodText = request?.Period ?? "7d";
        if (request?.PersonId is not { } personId || people.FindById(personId) is not { } person)
        {
            LogRejected(logger, "unknown person");
            return Results.Problem(statusCode: 400, title: "Bad report request", detail: "A known personId is required.");
        }

        if (!CommandDuration.TryParse(periodText, out var length) || length > CommandParser.MaxReportPeriod || length < CommandParser.MinReportPeriod)
        {
            LogRejected(logger, $"bad period '{periodText}'");
            return Results.Problem(statusCode: 400, title: "Bad report request", detail: "period must be between 1h and 90d, like 24h or 7d.");
        }

        var sandbox = platforms.First(p => p.Name == SandboxChatPlatform.PlatformName);
        var report = await reports.BuildAsync(length, cancellationToken);
        var key = string.Create(CultureInfo.InvariantCulture, $"{periodText}:{report.Kpis.Period.To.UtcTicks}");
        var card = report.Card with { Images = SandboxReportChartCards.Images(report) };
        using (await gate.EnterAsync(cancellationToken))
        {
            await outbox.EnqueueAsync(sandbox, sandbox.Channels.Alerts, "report", key, 1, card, priority: 9, cancellationToken: cancellationToken);
            await audit.AppendAsync(person.Id, AuditActions.ReportRequested, "report", key, new { period = periodText, platform = SandboxChatPlatform.PlatformName }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        signal.Notify();
        return Results.Ok(new { posted = true, mentions = report.Kpis.MentionCount });
    }

    /// <summary>One chart, for a fixed period (<c>from</c>/<c>to</c> in UTC ticks) or the last <c>period</c> (7d by default).</summary>
    internal static async Task<IResult> GetChartAsync(string name, string? period, long? from, long? to, ReportService reports, CancellationToken cancellationToken)
    {
        if (!ReportCharts.Names.Contains(name, StringComparer.Ordinal))
        {
            return Results.NotFound();
        }

        RenderedReport report;
        if (from is { } start && to is { } end)
        {
            if (start < DateTimeOffset.MinValue.UtcTicks || end > DateTimeOffset.MaxValue.UtcTicks || end <= start
                || TimeSpan.FromTicks(end - start) > CommandParser.MaxReportPeriod)
            {
                return Results.Problem(statusCode: 400, title: "Bad chart request", detail: "from and to are UTC ticks, to after from, at most 90 days apart.");
            }

            report = await reports.BuildAsync(new ReportPeriod(new DateTimeOffset(start, TimeSpan.Zero), new DateTimeOffset(end, TimeSpan.Zero)), cancellationToken);
        }
        else if (CommandDuration.TryParse(period ?? "7d", out var length) && length <= CommandParser.MaxReportPeriod)
        {
            report = await reports.BuildAsync(length, cancellationToken);
        }
        else
        {
            return Results.NotFound();
        }

        return Results.File(report.Charts.Single(c => c.FileName == name).Png, "image/png");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox report request rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
