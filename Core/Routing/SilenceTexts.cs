using System.Globalization;

namespace CmBot.Core.Routing;

/// <summary>What people read about silences (answers, card line, form), in the configured language. Plain text: each platform escapes it.</summary>
public abstract class SilenceTexts
{
    public static readonly SilenceTexts English = new EnglishSilenceTexts();
    public static readonly SilenceTexts French = new FrenchSilenceTexts();

    public static SilenceTexts For(string language) => language == "fr" ? French : English;

    public abstract string MayNotSilence(string name);

    public abstract string TooLong(TimeSpan max);

    public abstract string BadMatch(string reason);

    public abstract string BadDuration(string typed);

    public abstract string Created(Silence silence);

    public abstract string Ended(Silence silence);

    public abstract string NotFound(string typed);

    public abstract string ListTitle { get; }

    public abstract string ListEmpty { get; }

    public abstract string ListLine(Silence silence, string createdByName);

    /// <summary>The alert card's line while its topic is muted.</summary>
    public abstract string TopicMuted(DateTimeOffset until, string byName);

    public abstract string MuteTopic { get; }

    public abstract string MutedFromIncident(int number);

    public abstract string FormTitle { get; }

    public abstract string MatchLabel { get; }

    public abstract string MatchHint { get; }

    public abstract string DurationLabel { get; }

    public abstract string ReasonLabel { get; }

    public abstract string Create { get; }

    public abstract string Cancel { get; }

    /// <summary>A moment as cards show it: UTC, to the minute.</summary>
    public static string When(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A duration as typed: "30m", "2h", "1d", "1d12h".</summary>
    public static string Typed(TimeSpan duration)
    {
        var parts = new List<string>();
        if (duration.Days > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{duration.Days}d"));
        }

        if (duration.Hours > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{duration.Hours}h"));
        }

        if (duration.Minutes > 0 || parts.Count == 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{duration.Minutes}m"));
        }

        return string.Concat(parts);
    }

    private sealed class EnglishSilenceTexts : SilenceTexts
    {
        public override string MayNotSilence(string name) => $"{name} may not create or end silences (community managers, leads, comms, the CEO and admins may).";

        public override string TooLong(TimeSpan max) => $"A silence lasts at most {Typed(max)}.";

        public override string BadMatch(string reason) => $"Cannot read what to mute: {reason}";

        public override string BadDuration(string typed) => $"'{typed}' is not a duration (30m, 2h, 1d).";

        public override string Created(Silence silence) =>
            $"Silence {silence.ShortId} created: alerts matching {silence.Describe()} are muted until {When(silence.EndsAt)}.";

        public override string Ended(Silence silence) => $"Silence {silence.ShortId} ended: alerts matching {silence.Describe()} flow again.";

        public override string NotFound(string typed) => $"No active silence has the id '{typed}' (see /cm silences).";

        public override string ListTitle => "Active silences";

        public override string ListEmpty => "No active silence.";

        public override string ListLine(Silence silence, string createdByName) =>
            $"{silence.ShortId} — {silence.Describe()} — until {When(silence.EndsAt)} — by {createdByName}{(silence.Reason.Length > 0 ? $" — {silence.Reason}" : string.Empty)}";

        public override string TopicMuted(DateTimeOffset until, string byName) => $"Topic muted until {When(until)} by {byName}";

        public override string MuteTopic => "Mute topic";

        public override string MutedFromIncident(int number) => string.Create(CultureInfo.InvariantCulture, $"Muted from incident #{number}");

        public override string FormTitle => "New silence";

        public override string MatchLabel => "What to mute";

        public override string MatchHint => "A word (kettle) or matchers: topic=recall, risk=legal, source=reddit";

        public override string DurationLabel => "For";

        public override string ReasonLabel => "Reason";

        public override string Create => "Mute";

        public override string Cancel => "Cancel";
    }

    private sealed class FrenchSilenceTexts : SilenceTexts
    {
        public override string MayNotSilence(string name) => $"{name} ne peut pas créer ni lever de silence (community managers, leads, comms, CEO et admins le peuvent).";

        public override string TooLong(TimeSpan max) => $"Un silence dure au plus {Typed(max)}.";

        public override string BadMatch(string reason) => $"Impossible de lire ce qu'il faut mettre en sourdine : {reason}";

        public override string BadDuration(string typed) => $"« {typed} » n'est pas une durée (30m, 2h, 1j).";

        public override string Created(Silence silence) =>
            $"Silence {silence.ShortId} créé : les alertes sur {silence.Describe()} sont en sourdine jusqu'au {When(silence.EndsAt)}.";

        public override string Ended(Silence silence) => $"Silence {silence.ShortId} levé : les alertes sur {silence.Describe()} reprennent.";

        public override string NotFound(string typed) => $"Aucun silence actif n'a l'identifiant « {typed} » (voir /cm silences).";

        public override string ListTitle => "Silences actifs";

        public override string ListEmpty => "Aucun silence actif.";

        public override string ListLine(Silence silence, string createdByName) =>
            $"{silence.ShortId} — {silence.Describe()} — jusqu'au {When(silence.EndsAt)} — par {createdByName}{(silence.Reason.Length > 0 ? $" — {silence.Reason}" : string.Empty)}";

        public override string TopicMuted(DateTimeOffset until, string byName) => $"Sujet en sourdine jusqu'au {When(until)} par {byName}";

        public override string MuteTopic => "Mettre le sujet en sourdine";

        public override string MutedFromIncident(int number) => string.Create(CultureInfo.InvariantCulture, $"Mis en sourdine depuis l'incident #{number}");

        public override string FormTitle => "Nouveau silence";

        public override string MatchLabel => "Quoi mettre en sourdine";

        public override string MatchHint => "Un mot (bouilloire) ou des critères : topic=rappel, risk=legal, source=reddit";

        public override string DurationLabel => "Pendant";

        public override string ReasonLabel => "Raison";

        public override string Create => "Mettre en sourdine";

        public override string Cancel => "Annuler";
    }
}
