namespace CmBot.Core.Chat.Commands;

public sealed class FrenchCommandTexts : CommandTexts
{
    public override CardLabels Labels => CardLabels.French;

    public override string HelpTitle => "CmBot — ce que /cm sait faire";

    public override IReadOnlyList<(string Usage, string What)> HelpLines { get; } =
    [
        ("/cm statut", "incidents ouverts et pris en charge, les plus récents d'abord"),
        ("/cm ack 12", "prendre en charge l'incident #12"),
        ("/cm draft 12", "rédiger une réponse pour l'incident #12"),
        ("/cm rapport [24h|7j|30j]", "mentions, incidents et délai de prise en charge sur la période (7j par défaut)"),
        ("/cm silence <motif> <durée> [raison]", "mettre en sourdine les alertes sur un mot ou topic=…, risk=…, source=… pendant 30m, 2h, 1j… (sans argument : un formulaire)"),
        ("/cm silences", "les silences actifs"),
        ("/cm unsilence <id>", "lever un silence maintenant"),
        ("/cm aide", "cette liste"),
    ];

    public override string NotUnderstood(CommandProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var word = problem.Word;
        return "Je n'ai pas compris : " + problem.Kind switch
        {
            CommandProblemKind.UnknownCommand => $"commande inconnue « {word} »",
            CommandProblemKind.MissingIncidentNumber => $"{word} demande un numéro d'incident, par exemple /cm {word} 12",
            CommandProblemKind.InvalidIncidentNumber => $"« {word} » n'est pas un numéro d'incident (tapez 12 ou #12)",
            CommandProblemKind.TooManyArguments => $"trop de mots après {word}",
            CommandProblemKind.MissingSilenceArguments => "silence demande un motif et une durée, par exemple /cm silence bouilloire 2h",
            CommandProblemKind.MissingSilenceId => $"{word} demande l'identifiant du silence, par exemple /cm {word} 3f2a9c1b (voir /cm silences)",
            CommandProblemKind.InvalidDuration => $"« {word} » n'est pas une durée (tapez 30m, 2h ou 1j)",
            CommandProblemKind.SilenceTooLong => $"un silence dure au plus {Period(problem.Limit ?? CommandParser.MaxSilence)} (« {word} » dépasse)",
            _ => $"un rapport couvre de {Period(CommandParser.MinReportPeriod)} à {Period(CommandParser.MaxReportPeriod)} (« {word} » est hors limites)",
        } + ".";
    }

    public override string StatusTitle => "Incidents ouverts et pris en charge";

    public override string StatusEmpty => "Aucun incident ouvert.";

    public override string StatusMore(int count) => Invariant($"…et {count} de plus.");

    public override string MentionCount(int count) => count == 1 ? "1 mention" : Invariant($"{count} mentions");

    public override string NoSuchIncident(int number) => Invariant($"Il n'y a pas d'incident #{number}.");

    public override string Refused(string reason) => $"Refusé : {reason}";

    public override string NotInTeam(string chatUserId) =>
        $"Vous n'êtes pas dans l'équipe déclarée à CmBot : vous pouvez consulter, pas agir. Demandez à un admin d'ajouter votre identifiant ({chatUserId}) à people.yaml.";


    public override string ReportTitle(TimeSpan period) => $"Sur {Period(period)}";

    public override string ReportMentions(int total) => Invariant($"Mentions : {total}");

    public override string ReportIncidentsOpened(int count) => Invariant($"Incidents ouverts : {count}");

    public override string ReportAcknowledged(int count) => Invariant($"Pris en charge : {count}");

    public override string ReportMedianTimeToAcknowledge(TimeSpan? median) =>
        median is { } m ? $"Délai médian de prise en charge : {Elapsed(m)}" : "Délai médian de prise en charge : aucune prise en charge sur la période";

    public override string ReportPosting => "Le rapport complet et ses graphiques arrivent dans ce canal.";

    public override string Period(TimeSpan period) => Split(period) switch
    {
        (var amount, PeriodUnit.Day) => Invariant($"{amount} jours"),
        (1, PeriodUnit.Hour) => "1 heure",
        (var amount, PeriodUnit.Hour) => Invariant($"{amount} heures"),
        (1, _) => "1 minute",
        var (amount, _) => Invariant($"{amount} minutes"),
    };

    protected override string DayUnit => "j";
}
