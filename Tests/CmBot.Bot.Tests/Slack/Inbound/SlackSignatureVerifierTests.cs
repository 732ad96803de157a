using System.Text;
using System.Text.Json;
using CmBot.Bot.Slack.Inbound;
using Microsoft.Extensions.Time.Testing;

namespace CmBot.Bot.Tests.Slack.Inbound;

public sealed class SlackSignatureVerifierTests
{
    private static readonly JsonSerializerOptions SnakeCase = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    private static readonly Vector Documented = JsonSerializer.Deserialize<Vector>(SlackFixtures.Text("signing-vector.json"), SnakeCase)!;

    [Fact]
    public void Verify_DocumentedVector_Valid()
    {
        var verifier = VerifierAt(Documented.Timestamp, 0);

        var check = verifier.Verify(Documented.Timestamp, Documented.ExpectedSignature, Encoding.UTF8.GetBytes(Documented.Body));

        Assert.Equal(SlackSignatureCheck.Valid, check);
    }

    [Fact]
    public void Sign_DocumentedVector_ReproducesSlacksSignature()
    {
        var signature = SlackSignatureVerifier.Sign(Documented.Secret, Documented.Timestamp, Encoding.UTF8.GetBytes(Documented.Body));

        Assert.Equal(Documented.ExpectedSignature, signature);
    }

    [Theory]
    [InlineData(300, SlackSignatureCheck.Valid)]
    [InlineData(301, SlackSignatureCheck.Stale)]
    [InlineData(-300, SlackSignatureCheck.Valid)]
    [InlineData(-301, SlackSignatureCheck.Future)]
    public void Verify_ClockOffsetFromTimestamp_RefusedBeyondFiveMinutesEitherWay(int secondsAfterTimestamp, SlackSignatureCheck expected)
    {
        var verifier = VerifierAt(Documented.Timestamp, secondsAfterTimestamp);

        var check = verifier.Verify(Documented.Timestamp, Documented.ExpectedSignature, Encoding.UTF8.GetBytes(Documented.Body));

        Assert.Equal(expected, check);
    }

    [Fact]
    public void Verify_BodyAlteredByOneByte_Mismatch()
    {
        var body = Encoding.UTF8.GetBytes(Documented.Body);
        body[^1] ^= 1;

        var check = VerifierAt(Documented.Timestamp, 0).Verify(Documented.Timestamp, Documented.ExpectedSignature, body);

        Assert.Equal(SlackSignatureCheck.Mismatch, check);
    }

    [Fact]
    public void Verify_SignedWithAnotherSecret_Mismatch()
    {
        var body = Encoding.UTF8.GetBytes(Documented.Body);
        var forged = SlackSignatureVerifier.Sign("not-the-secret", Documented.Timestamp, body);

        var check = VerifierAt(Documented.Timestamp, 0).Verify(Documented.Timestamp, forged, body);

        Assert.Equal(SlackSignatureCheck.Mismatch, check);
    }

    [Fact]
    public void Verify_LargeBodySignedBySlacksScheme_Valid()
    {
        // Above the stack buffer: the pooled path must sign exactly the same bytes.
        var body = Encoding.UTF8.GetBytes("payload=" + new string('x', 100_000));
        var signature = SlackSignatureVerifier.Sign(Documented.Secret, Documented.Timestamp, body);

        Assert.Equal(SlackSignatureCheck.Valid, VerifierAt(Documented.Timestamp, 0).Verify(Documented.Timestamp, signature, body));
    }

    [Theory]
    [InlineData(null, "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SlackSignatureCheck.MissingHeaders)]
    [InlineData("1531420618", null, SlackSignatureCheck.MissingHeaders)]
    [InlineData("", "", SlackSignatureCheck.MissingHeaders)]
    [InlineData("15314206l8", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SlackSignatureCheck.MalformedTimestamp)]
    [InlineData("-1531420618", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SlackSignatureCheck.MalformedTimestamp)]
    [InlineData("1531420618", "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SlackSignatureCheck.MalformedSignature)]
    [InlineData("1531420618", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b5", SlackSignatureCheck.MalformedSignature)]
    [InlineData("1531420618", "v0=z2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SlackSignatureCheck.MalformedSignature)]
    public void Verify_MissingOrMalformedHeaders_Refused(string? timestamp, string? signature, SlackSignatureCheck expected)
    {
        var check = VerifierAt(Documented.Timestamp, 0).Verify(timestamp, signature, Encoding.UTF8.GetBytes(Documented.Body));

        Assert.Equal(expected, check);
    }

    [Fact]
    public void Verify_NoSecretConfigured_NeverValid()
    {
        var verifier = new SlackSignatureVerifier(string.Empty, TimeSpan.FromMinutes(5), Clock(Documented.Timestamp, 0));

        var check = verifier.Verify(Documented.Timestamp, Documented.ExpectedSignature, Encoding.UTF8.GetBytes(Documented.Body));

        Assert.NotEqual(SlackSignatureCheck.Valid, check);
    }

    private static SlackSignatureVerifier VerifierAt(string timestamp, int secondsLater) =>
        new(Documented.Secret, TimeSpan.FromSeconds(300), Clock(timestamp, secondsLater));

    private static FakeTimeProvider Clock(string timestamp, int secondsLater) =>
        new(DateTimeOffset.FromUnixTimeSeconds(long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture) + secondsLater));

    private sealed record Vector(string Secret, string Timestamp, string Body, string ExpectedSignature);
}
