using System.Text.Json;
using CmBot.Bot.Escalation;
using CmBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Tests.Escalation;

/// <summary>Short escalation ladders (seconds, not minutes) and small replay feeds that open one incident per risk category.</summary>
public static class EscalationKit
{
    /// <summary>One critical mention per line, each in another risk category, so each opens its own incident.</summary>
    public static readonly string[] CrisisTexts =
    [
        "My Lumio K2 kettle caught fire and burned my hand, this needs a recall now",
        "I have called my lawyer, we will sue Lumio over the broken warranty, lawsuit coming",
        "Lumio data leak: my account was hacked and my address is public, where is the GDPR notice",
        "Lumio fake site scam stole my card details, this is fraud and phishing",
    ];

    public static string WriteReplay(string folder, int incidents)
    {
        var lines = CrisisTexts.Take(incidents).Select((text, i) => JsonSerializer.Serialize(new
        {
            id = $"esc-{i}",
            source = "mastodon",
            url = $"https://mastodon.example/@user{i}/{1000 + i}",
            author = $"@user{i}",
            reach = 5000,
            lang = "en",
            text,
            offsetMinutes = 0,
        }));
        var path = Path.Combine(folder, "escalation-replay.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>
    /// The same ladder for every severity. <paramref name="steps"/> are "delay=targets" pairs ("0s=channel:alerts");
    /// <paramref name="extra"/> are further policy lines ("remindEvery: 2s").
    /// </summary>
    public static string WriteLadder(string folder, IEnumerable<string> steps, params string[] extra)
    {
        var yaml = new System.Text.StringBuilder("policies:\n");
        foreach (var severity in new[] { "P1", "P2", "P3", "P4" })
        {
            yaml.Append("  - name: quick-").Append(severity.ToLowerInvariant()).Append('\n');
            yaml.Append("    severity: ").Append(severity).Append('\n');
            yaml.Append("    steps:\n");
            foreach (var step in steps)
            {
                var (after, notify) = (step.Split('=')[0], step.Split('=')[1]);
                yaml.Append("      - after: ").Append(after).Append('\n');
                yaml.Append("        notify: [").Append(notify).Append("]\n");
            }

            foreach (var line in extra)
            {
                yaml.Append("    ").Append(line).Append('\n');
            }
        }

        var path = Path.Combine(folder, "escalation.yaml");
        File.WriteAllText(path, yaml.ToString());
        return path;
    }

    /// <summary>Channel at once, then the lead, legal and the CEO three seconds apart.</summary>
    public static readonly string[] FourSteps = ["0s=channel:alerts", "3s=role:lead", "6s=channel:legal", "9s=role:ceo"];

    public static Task<List<EscalationFired>> FiredAsync(CmBotDbContext db, CancellationToken cancellationToken) =>
        db.Set<EscalationFired>().AsNoTracking().OrderBy(f => f.FiredAt).ToListAsync(cancellationToken);
}
