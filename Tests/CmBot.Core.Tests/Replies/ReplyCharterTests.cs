using CmBot.Core.Incidents;
using CmBot.Core.Replies;
using CmBot.Core.Triage;

namespace CmBot.Core.Tests.Replies;

public sealed class ReplyCharterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 15, 0, 0, TimeSpan.Zero);

    private static Incident IncidentWith(params string[] categories) =>
        Incident.Open(Guid.NewGuid(), 7, "k2", "Lumio K2 kettle",
            new TriageResult("fr", -3, [.. categories.Select(c => new RiskHit(c, c, true, [c]))], "k2", Severity.P2, "P2"), 10, Now);

    private static readonly ReplyCharter Charter = new(
    [
        new("fr", "safety", "calm", "Sécurité d'abord. {first_name}, {brand}"),
        new("fr", null, "calm", "Merci pour votre message (#{number}). {first_name}, {brand}"),
        new("fr", null, "warm", "Merci infiniment ! {first_name}"),
        new("en", null, "calm", "Thanks for your message. {first_name}, {brand}"),
    ]);

    [Fact]
    public void Draft_CategoryTemplate_FilledAndSigned() =>
        Assert.Equal("Sécurité d'abord. Camille, Lumio", Charter.Draft("fr", IncidentWith("media", "safety"), "Camille", "Lumio"));

    [Fact]
    public void Draft_NoCategoryTemplate_FallsBackToGeneral() =>
        Assert.Equal("Merci pour votre message (#7). Camille, Lumio", Charter.Draft("fr", IncidentWith("media"), "Camille", "Lumio"));

    [Fact]
    public void Draft_RequestedTone_UsedWhenThere() =>
        Assert.Equal("Merci infiniment ! Camille", Charter.Draft("fr", IncidentWith(), "Camille", "Lumio", tone: "warm"));

    [Fact]
    public void Draft_UnknownLanguage_UsesEnglish() =>
        Assert.Equal("Thanks for your message. Camille, Lumio", Charter.Draft("de", IncidentWith(), "Camille", "Lumio"));

    [Fact]
    public void Default_SafetyInFrench_AsksForAPrivateMessage() =>
        Assert.Contains("message privé", ReplyCharter.Default.Draft("fr", IncidentWith("safety"), "Camille", "Lumio"), StringComparison.Ordinal);
}
