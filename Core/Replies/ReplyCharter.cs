using CmBot.Core.Incidents;

namespace CmBot.Core.Replies;

/// <summary>One template of the brand charter: for a language, a risk category (or any) and a tone.</summary>
public sealed record CharterTemplate(string Language, string? Category, string Tone, string Text);

/// <summary>
/// The brand charter's first drafts: the template for the reply's language and the incident's first risk
/// category that has one (else the general one), in the requested tone (else the charter's default tone).
/// Placeholders: {first_name} (the author, replies are signed: it calms conversations), {brand}, {number}.
/// </summary>
public sealed class ReplyCharter
{
    public ReplyCharter(IReadOnlyList<CharterTemplate> templates, string defaultTone = "calm")
    {
        ArgumentNullException.ThrowIfNull(templates);
        Templates = templates;
        DefaultTone = defaultTone;
    }

    public IReadOnlyList<CharterTemplate> Templates { get; }
    public string DefaultTone { get; }

    /// <summary>The built-in charter, the same as Bot/samples/charter.yaml.</summary>
    public static ReplyCharter Default { get; } = new(
    [
        new("fr", "safety", "calm",
            "Bonjour, merci de nous avoir alertés. La sécurité de nos clients passe avant tout : nos équipes examinent la situation dès maintenant. " +
            "Pouvez-vous nous écrire en message privé avec votre numéro de commande ? Nous revenons vers vous très vite. {first_name}, {brand}"),
        new("fr", null, "calm",
            "Bonjour, merci pour votre message. Nous regardons cela de près et revenons vers vous en message privé. {first_name}, {brand}"),
        new("en", "safety", "calm",
            "Hello, thank you for telling us. Our customers' safety comes first and our teams are looking into this right now. " +
            "Could you send us a private message with your order number? We will get back to you shortly. {first_name}, {brand}"),
        new("en", null, "calm",
            "Hello, thanks for your message. We are looking into it and will get back to you by private message. {first_name}, {brand}"),
    ]);

    public string Draft(string language, Incident incident, string authorFirstName, string brand, string? tone = null)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var categories = incident.RiskCategories.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var wanted = tone ?? DefaultTone;
        var candidates = Templates.Where(t => t.Language == language).ToList();
        if (candidates.Count == 0)
        {
            candidates = [.. Templates.Where(t => t.Language == "en")];
        }

        var template =
            Pick(candidates.Where(t => t.Tone == wanted), categories)
            ?? Pick(candidates.Where(t => t.Tone == DefaultTone), categories)
            ?? Pick(candidates, categories)
            ?? throw new InvalidOperationException($"The charter has no template for '{language}'.");
        return template.Text
            .Replace("{first_name}", authorFirstName, StringComparison.Ordinal)
            .Replace("{brand}", brand, StringComparison.Ordinal)
            .Replace("{number}", incident.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static CharterTemplate? Pick(IEnumerable<CharterTemplate> templates, IReadOnlyList<string> categories)
    {
        var list = templates.ToList();
        return categories.Select(c => list.FirstOrDefault(t => t.Category == c)).FirstOrDefault(t => t is not null)
            ?? list.FirstOrDefault(t => t.Category is null);
    }
}
