using System.Text.Json;
using CmBot.Bot.Feeds.Sources;

namespace CmBot.Bot.Feeds.Webhook;

/// <summary>
/// <c>POST /ingest/{source}</c>: listening tools push mentions as JSON (one object, an array, or
/// <c>{"mentions": [...]}</c>, fields as in <see cref="MentionRecord"/>). 404 for an unknown source, 401 on bad
/// authentication, 400 with the reason on malformed JSON or when no item is usable; otherwise the usable items
/// are stored (triaged, de-duplicated) before 202 answers with what was accepted and rejected.
/// </summary>
public static partial class IngestEndpoint
{
    public const string Route = "/ingest/{source}";

    public static IEndpointRouteBuilder MapFeeds(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(Route, HandleAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> HandleAsync(
        string source, HttpRequest request, FeedSourcesConfiguration configuration, MentionIngestor ingestor,
        TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(IngestEndpoint).FullName!);
        if (configuration.Find(source) is not { Options: { Enabled: true, Type: SourceTypes.Webhook } } configured)
        {
            return Results.NotFound(new { error = $"no webhook source named '{source}'" });
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.ToArray();
        if (!WebhookAuthenticator.IsAuthorized(configured.Options, request.Headers.Authorization, request.Headers[WebhookAuthenticator.SignatureHeader], body))
        {
            LogUnauthorized(logger, source, request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "?");
            return Results.Json(new { error = "bad or missing credentials" }, statusCode: StatusCodes.Status401Unauthorized);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            LogMalformed(logger, source, ex.Message);
            return Results.BadRequest(new { error = $"malformed JSON: {ex.Message}" });
        }

        using (document)
        {
            var root = document.RootElement;
            IEnumerable<JsonElement>? elements = root.ValueKind switch
            {
                JsonValueKind.Array => root.EnumerateArray(),
                JsonValueKind.Object when root.TryGetProperty("mentions", out var list) && list.ValueKind == JsonValueKind.Array => list.EnumerateArray(),
                JsonValueKind.Object => [root],
                _ => null,
            };
            if (elements is null)
            {
                return Results.BadRequest(new { error = "expected a mention object, an array of them, or {\"mentions\": [...]}" });
            }

            var now = time.GetUtcNow();
            var items = new List<SourceItem>();
            var rejected = new List<object>();
            var index = 0;
            foreach (var element in elements)
            {
                var reason = MentionRecord.TryRead(source, element, configured.Options.Language, now, out var mention);
                if (reason is null)
                {
                    items.Add(new SourceItem(mention!, mention!.ExternalId));
                }
                else
                {
                    rejected.Add(new { index, reason });
                    LogRejected(logger, source, index, reason);
                }

                index++;
            }

            if (items.Count == 0)
            {
                return Results.BadRequest(new { error = "no usable mention", rejected });
            }

            var stored = await ingestor.IngestAsync(source, items, cancellationToken);
            return Results.Json(new { accepted = items.Count, stored, rejected }, statusCode: StatusCodes.Status202Accepted);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Source}: refused a call from {Remote} with bad or missing credentials")]
    private static partial void LogUnauthorized(ILogger logger, string source, string remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Source}: malformed JSON refused ({Reason})")]
    private static partial void LogMalformed(ILogger logger, string source, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Source}: item {Index} rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string source, int index, string reason);
}
