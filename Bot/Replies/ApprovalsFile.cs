using CmBot.Bot.Hosting;
using CmBot.Core.Approvals;
using CmBot.Core.Incidents;
using CmBot.Core.People;
using CmBot.Core.Reporting;
using CmBot.Core.Replies.Guardrails;

namespace CmBot.Bot.Replies;

/// <summary>Reads approvals.yaml: who signs a reply off, by severity, risk category and linter findings.</summary>
public static class ApprovalsFile
{
    public const string Key = "CmBot:ApprovalsFile";

    public static ApprovalPolicySet Load(string path)
    {
        var document = YamlFiles.Load<ApprovalsDocument>(path, Key);
        var rules = new List<ApprovalRule>();
        var position = 0;
        foreach (var entry in document.Rules)
        {
            position++;
            var name = string.IsNullOrWhiteSpace(entry.Name) ? $"#{position}" : entry.Name;
            string Where(string what) => $"{path}: rule '{name}': {what}";
            if (entry.Require.Count == 0 || entry.Require.Any(step => step.Count == 0))
            {
                throw new ConfigurationException(Where("'require' needs at least one step, each with at least one role, e.g. require: [[legal], [comms]]."));
            }

            var when = entry.When ?? new WhenEntry();
            rules.Add(new ApprovalRule(
                name,
                when.Severity.Select(s => Parse<Severity>(s, Where, "severity", "P1, P2, P3, P4")).ToHashSet(),
                when.Risk.Select(r => r.Trim()).ToHashSet(StringComparer.Ordinal),
                when.Findings.Select(f => Parse<GuardrailKind>(f, Where, "finding", string.Join(", ", Enum.GetNames<GuardrailKind>()))).ToHashSet(),
                [.. entry.Require.Select(step => new ApprovalStep([.. step.Select(r => ParseRole(r, Where))]))]));
        }

        return new ApprovalPolicySet(rules);
    }

    /// <summary>
    /// The <c>deadlines</c> of approvals.yaml, by severity: <c>P1: { within: 15m, remindAt: 0.5, deputy: paul }</c>
    /// (deputy: a person id or a role; <c>hours: business</c> counts the time in <paramref name="businessHours"/> only,
    /// <c>hours: always</c>, the default, around the clock). None configured: no deadline.
    /// </summary>
    public static ApprovalDeadlines LoadDeadlines(string path, BusinessHours? businessHours = null)
    {
        var document = YamlFiles.Load<ApprovalsDocument>(path, Key);
        var deadlines = new Dictionary<Severity, ApprovalDeadline>();
        foreach (var (key, entry) in document.Deadlines)
        {
            string Where(string what) => $"{path}: deadlines.{key}: {what}";
            var severity = Parse<Severity>(key, Where, "severity", "P1, P2, P3, P4");
            // Same duration syntax as escalation.yaml (30s, 15m, 2h, 1d).
            var within = entry.Within is null ? TimeSpan.Zero : Escalation.EscalationFile.ParseDuration(entry.Within, Where, "within");
            if (within <= TimeSpan.Zero)
            {
                throw new ConfigurationException(Where($"'within' must be a duration such as 15m or 2h (got '{entry.Within}')."));
            }

            if (entry.RemindAt is <= 0 or >= 1)
            {
                throw new ConfigurationException(Where($"'remindAt' is the fraction of the time when approvers are reminded, between 0 and 1 (got {entry.RemindAt})."));
            }

            if (string.IsNullOrWhiteSpace(entry.Deputy))
            {
                throw new ConfigurationException(Where("'deputy' (a person id from people.yaml or a role) is required: who may sign when the step is late."));
            }

            var hours = entry.Hours?.Trim().ToLowerInvariant() switch
            {
                null or "" or "always" => null,
                "business" => businessHours ?? throw new ConfigurationException(Where("'hours: business' needs the business hours (Reporting:BusinessDays, :BusinessStart, :BusinessEnd).")),
                _ => throw new ConfigurationException(Where($"'hours' is 'always' (around the clock, the default) or 'business' (got '{entry.Hours}').")),
            };
            deadlines[severity] = new ApprovalDeadline(within, entry.RemindAt, entry.Deputy.Trim(), hours);
        }

        return new ApprovalDeadlines(deadlines);
    }

    private static T Parse<T>(string value, Func<string, string> where, string what, string known)
        where T : struct, Enum =>
        Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new ConfigurationException(where($"unknown {what} '{value}' (known: {known})."));

    private static Role ParseRole(string value, Func<string, string> where)
    {
        var normalised = value.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        return Enum.TryParse<Role>(normalised, ignoreCase: true, out var role) && Enum.IsDefined(role)
            ? role
            : throw new ConfigurationException(where($"unknown role '{value}' (known: {string.Join(", ", Enum.GetValues<Role>().Select(RoleNames.Key))})."));
    }

    private sealed class ApprovalsDocument
    {
        public List<RuleEntry> Rules { get; set; } = [];
        public Dictionary<string, DeadlineEntry> Deadlines { get; set; } = [];
    }

    private sealed class DeadlineEntry
    {
        public string? Within { get; set; }
        public double RemindAt { get; set; } = 0.5;
        public string? Deputy { get; set; }
        public string? Hours { get; set; }
    }

    private sealed class RuleEntry
    {
        public string? Name { get; set; }
        public WhenEntry? When { get; set; }
        public List<List<string>> Require { get; set; } = [];
    }

    private sealed class WhenEntry
    {
        public List<string> Severity { get; set; } = [];
        public List<string> Risk { get; set; } = [];
        public List<string> Findings { get; set; } = [];
    }
}
