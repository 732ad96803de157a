using System.Collections.Concurrent;
using System.Text.Json;
using CmBot.Bot.Chat;
using CmBot.Bot.Publishing;
using CmBot.Core.Approvals;
using CmBot.Core.People;
using CmBot.Core.Replies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Tests.Publishing;

/// <summary>The signed reply webhook against a receiver on 127.0.0.1 that checks the signature as a customer would.</summary>
public sealed class WebhookConnectorTests
{
    private const string Secret = "a-shared-secret-of-32-characters";
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    private sealed record Received(string Body, string Signature, string Timestamp, string IdempotencyKey);

    private static async Task<(WebApplication App, Uri Url, ConcurrentQueue<Received> Calls)> ReceiverAsync(int status = 200)
    {
        var calls = new ConcurrentQueue<Received>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/replies", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            calls.Enqueue(new Received(body, context.Request.Headers[WebhookConnector.SignatureHeader].ToString(),
                context.Request.Headers[WebhookConnector.TimestampHeader].ToString(), context.Request.Headers["Idempotency-Key"].ToString()));
            return status == 200 ? Results.Json(new { id = "cms-42", url = "https://cms.example/replies/42" }) : Results.StatusCode(status);
        });
        await app.StartAsync(Ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address + "/replies"), calls);
    }

    private static WebhookConnector Connector(Uri url)
    {
        var services = new ServiceCollection();
        services.AddHttpClient(WebhookConnector.HttpClientName);
        var options = Options.Create(new PublishingOptions { Webhook = new WebhookPublishingOptions { Enabled = true, Url = url.ToString(), Secret = Secret } });
        return new WebhookConnector(services.BuildServiceProvider().GetRequiredService<IHttpClientFactory>(), options, TimeProvider.System);
    }

    private static Draft Draft() =>
        Core.Replies.Draft.Create(Guid.NewGuid(), Guid.NewGuid(), "Hello Sam, sorry about this. Camille", "https://forum.example/t/77", "en",
            new Person("camille", "Camille Martin", [Role.CommunityManager]), ApprovalRequirement.None, DateTimeOffset.UtcNow);

    [Fact]
    public async Task Publish_SendsSignedJsonWithTheIdempotencyKey()
    {
        var (app, url, calls) = await ReceiverAsync();
        await using var _ = app;
        var draft = Draft();

        var published = await Connector(url).PublishAsync(draft, "Lumio", "publish:abc", Ct);

        var call = Assert.Single(calls);
        Assert.Equal(WebhookConnector.Sign(Secret, call.Timestamp, call.Body), call.Signature);
        Assert.Equal("publish:abc", call.IdempotencyKey);
        using var json = JsonDocument.Parse(call.Body);
        Assert.Equal(draft.Text, json.RootElement.GetProperty("text").GetString());
        Assert.Equal(draft.TextSha256, json.RootElement.GetProperty("sha256").GetString());
        Assert.Equal(("cms-42", "https://cms.example/replies/42"), (published.PostId, published.Url));
    }

    [Theory]
    [InlineData(503, false)]
    [InlineData(429, false)]
    [InlineData(400, true)]
    [InlineData(403, true)]
    public async Task Publish_ReceiverRefuses_RetriedOnlyWhenTransient(int status, bool permanent)
    {
        var (app, url, _) = await ReceiverAsync(status);
        await using var __ = app;

        var ex = await Assert.ThrowsAsync<ChatDeliveryException>(() => Connector(url).PublishAsync(Draft(), "Lumio", "k", Ct));

        Assert.Equal(permanent, ex.Permanent);
        Assert.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_KnownVector() =>
        Assert.Equal(
            "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("k"u8.ToArray(), "1.{}"u8.ToArray())),
            WebhookConnector.Sign("k", "1", "{}"));
}
