using CmBot.Core.Replies;
using CmBot.Core.Replies.Guardrails;

namespace CmBot.Core.Tests.Replies;

public sealed class DraftLinterTests
{
    private static readonly DraftLinter Linter = new();

    private static IReadOnlyList<GuardrailFinding> Of(GuardrailKind kind, string text, int? max = null, string? signature = null) =>
        [.. Linter.Lint(text, max, signature).Where(f => f.Kind == kind)];

    [Theory]
    [InlineData("We're so sorry, this is our fault and we take full responsibility.", "our fault")]
    [InlineData("Bonjour, c'est entièrement notre faute, désolés.", "notre faute")]
    [InlineData("Nous reconnaissons notre responsabilité dans cet incident.", "Nous reconnaissons notre responsabilité")]
    [InlineData("Il s'agit d'un défaut de fabrication.", "défaut de fabrication")]
    public void Lint_LiabilityAdmission_QuotesTheWordsAsWritten(string text, string expected)
    {
        var finding = Assert.Single(Of(GuardrailKind.LiabilityAdmission, text).Take(1));

        Assert.Equal(expected, finding.Evidence);
        Assert.Equal(GuardrailLevel.Review, finding.Level);
        Assert.Equal(expected, text.Substring(finding.Start, finding.Length));
    }

    [Theory]
    [InlineData("We will refund your order right away.", "refund")]
    [InlineData("Nous allons vous rembourser intégralement.", "rembourser")]
    [InlineData("Un geste commercial vous sera proposé.", "geste commercial")]
    [InlineData("You'll get a free replacement.", "free replacement")]
    public void Lint_CompensationPromise_IsFound(string text, string expected)
    {
        Assert.Equal(expected, Assert.Single(Of(GuardrailKind.CompensationPromise, text)).Evidence);
    }

    [Theory]
    [InlineData("Rest assured, the kettle is perfectly safe to use.", "perfectly safe")]
    [InlineData("Ce produit est sans danger pour vos enfants.", "sans danger")]
    [InlineData("Il n'y a aucun risque.", "aucun risque")]
    public void Lint_SafetyClaim_IsFound(string text, string expected)
    {
        Assert.Equal(expected, Assert.Single(Of(GuardrailKind.SafetyClaim, text)).Evidence);
    }

    [Theory]
    [InlineData("We are not liable for misuse.", "liable")]
    [InlineData("Sans reconnaissance de responsabilité, nous vous proposons un échange.", "Sans reconnaissance de responsabilité")]
    [InlineData("Votre avocat peut nous écrire.", "avocat")]
    public void Lint_LegalVocabulary_IsFound(string text, string expected)
    {
        Assert.Contains(Of(GuardrailKind.LegalVocabulary, text), f => f.Evidence == expected);
    }

    [Theory]
    [InlineData("Write to camille.martin@lumio.example and we'll help.", "camille.martin@lumio.example")]
    [InlineData("Appelez le 06 12 34 56 78 dès que possible.", "06 12 34 56 78")]
    [InlineData("Call +33 6 12 34 56 78 today.", "+33 6 12 34 56 78")]
    [InlineData("Call us at (415) 555-0132.", "(415) 555-0132")]
    [InlineData("Your order #A123456 has shipped.", "order #A123456")]
    [InlineData("Votre commande n° 2024-55671 est en route.", "commande n° 2024-55671")]
    [InlineData("Ticket #882145 is open.", "Ticket #882145")]
    [InlineData("IBAN FR76 3000 6000 0112 3456 7890 189 noted.", "FR76 3000 6000 0112 3456 7890 189")]
    public void Lint_PersonalData_BlocksPublishing(string text, string expected)
    {
        var finding = Assert.Single(Of(GuardrailKind.PersonalData, text));

        Assert.Equal(expected, finding.Evidence);
        Assert.Equal(GuardrailLevel.Block, finding.Level);
    }

    [Theory]
    [InlineData("Hello @lucie, thanks for your patience. Camille")]
    [InlineData("Bonjour, nous regardons votre commande et revenons vers vous en MP. Camille")]
    [InlineData("We're sorry about your K2 kettle. Could you DM us? Camille")]
    [InlineData("Merci pour votre retour, notre SAV vous contacte en privé. Camille")]
    public void Lint_CarefulReply_HasNoFindings(string text)
    {
        Assert.Empty(Linter.Lint(text, 500, "Camille"));
    }

    [Fact]
    public void Lint_MixedFrenchAndEnglish_FindsBoth()
    {
        var kinds = Linter.Lint("Désolés, we will refund you. Ce n'est pas notre faute.").Select(f => f.Kind).ToList();

        Assert.Contains(GuardrailKind.CompensationPromise, kinds);
        Assert.Contains(GuardrailKind.LiabilityAdmission, kinds);
    }

    [Fact]
    public void Lint_OverPlatformLimit_BlocksAndPointsAtTheCut()
    {
        var text = new string('a', 290);

        var finding = Assert.Single(Of(GuardrailKind.TooLong, text, max: 280));

        Assert.Equal("290/280", finding.Evidence);
        Assert.Equal(280, finding.Start);
        Assert.Equal(GuardrailLevel.Block, finding.Level);
    }

    [Fact]
    public void Lint_LimitCountsEmojiAsOneCharacter()
    {
        var text = string.Concat(Enumerable.Repeat("👍", 280));

        Assert.Empty(Of(GuardrailKind.TooLong, text, max: 280));
    }

    [Fact]
    public void Lint_ShoutingAndBlame_AreNotices()
    {
        var findings = Of(GuardrailKind.Tone, "PLEASE READ THE MANUAL!! It was user error.");

        Assert.All(findings, f => Assert.Equal(GuardrailLevel.Notice, f.Level));
        Assert.Contains(findings, f => f.Evidence == "PLEASE");
        Assert.Contains(findings, f => f.Evidence == "!!");
        Assert.Contains(findings, f => f.Evidence == "user error");
    }

    [Fact]
    public void Lint_MissingSignature_IsANotice()
    {
        Assert.Single(Of(GuardrailKind.MissingSignature, "Bonjour, nous regardons cela.", signature: "Camille"));
        Assert.Empty(Of(GuardrailKind.MissingSignature, "Bonjour, nous regardons cela. Camille", signature: "Camille"));
        Assert.Empty(Of(GuardrailKind.MissingSignature, "Bonjour, nous regardons cela. — Camille, Lumio", signature: "Camille"));
    }

    [Fact]
    public void Lint_CustomRules_ExtendTheDefaults()
    {
        var rules = GuardrailRules.Default with { Compensation = [.. GuardrailRules.Default.Compensation, "bon de réduction"] };

        var findings = new DraftLinter(rules).Lint("Voici un bon de réduction.");

        Assert.Equal("bon de réduction", Assert.Single(findings).Evidence);
    }

    [Theory]
    [InlineData("https://x.com/lucie/status/1", 280)]
    [InlineData("https://twitter.com/lucie/status/1", 280)]
    [InlineData("https://bsky.app/profile/lucie.bsky.social/post/3k", 300)]
    [InlineData("https://mastodon.social/@lucie/1123", 500)]
    [InlineData("https://www.instagram.com/p/abc", 2200)]
    public void PlatformLimits_KnownTargets(string target, int expected)
    {
        Assert.Equal(expected, PlatformLimits.ForTarget(target));
    }

    [Theory]
    [InlineData("incident:12")]
    [InlineData("https://blog.example/post/1")]
    [InlineData("")]
    public void PlatformLimits_UnknownTargets_HaveNoLimit(string target)
    {
        Assert.Null(PlatformLimits.ForTarget(target));
    }
}
