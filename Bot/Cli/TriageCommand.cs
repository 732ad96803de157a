using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CmBot.Core.Mentions;
using CmBot.Core.Triage;

namespace CmBot.Bot.Cli;

/// <summary>
/// `triage TEXT... [--lang fr|en] [--reach N] [--author NAME] [--json]`: triages texts with the configured rules
/// (risk.yaml, severity.yaml, lexicons, VIP authors) exactly as an ingested mention would be, and prints the
/// severity with its reason, the sentiment, the risk words, the complaint cues and the topic. For a community manager
/// tuning the rules ("why is this P2?"). Stores nothing; `-` reads one text per line from standard input.
/// </summary>
public static class TriageCommand
{
    public static Command Create()
    {
        var texts = new Argument<string[]>("text") { Description = "Texts to triage (quote each one; '-' reads one per line from standard input).", Arity = ArgumentArity.OneOrMore };
        var lang = new Option<string?>("--lang") { Description = "Language of the texts, fr or en (default: guessed per text)." };
        var reach = new Option<int>("--reach") { Description = "The author's audience (followers), as a source would report it.", DefaultValueFactory = _ => 0 };
        var author = new Option<string>("--author") { Description = "The author's handle (VIP authors in severity.yaml are matched on it).", DefaultValueFactory = _ => "cli" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per text." };
        var command = new Command("triage", "Triage texts with the configured rules and print severity, reason, sentiment, risks and complaint cues.")
        {
            texts,
            lang,
            reach,
            author,
            json,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var language = parse.GetValue(lang)?.Trim().ToLowerInvariant();
            if (language is not (null or "fr" or "en"))
            {
                await Console.Error.WriteLineAsync($"triage: --lang must be fr or en (got '{language}').");
                return 2;
            }

            if (await CliTriager.LoadAsync(parse.UnmatchedTokens) is not { } triager)
            {
                return 2;
            }

            var inputs = parse.GetValue(texts)!;
            IReadOnlyList<string> all = inputs is ["-"] ? await ReadLinesAsync(Console.In, cancellationToken) : inputs;
            var number = 0;
            foreach (var text in all.Where(t => !string.IsNullOrWhiteSpace(t)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                number++;
                var mention = new MentionInput("cli", number.ToString(CultureInfo.InvariantCulture), null, parse.GetValue(author)!, parse.GetValue(reach), text, language, DateTimeOffset.UnixEpoch);
                var result = triager.Assess(mention);
                await Console.Out.WriteLineAsync(parse.GetValue(json) ? ToJson(text, result) : ToText(text, result));
            }

            return 0;
        });
        return command;
    }

    private static async Task<List<string>> ReadLinesAsync(TextReader reader, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    internal static string ToText(string text, TriageResult result)
    {
        var lines = new List<string>
        {
            $"{result.Severity}  {text}",
            $"  reason     {result.Reason}",
            $"  sentiment  {result.Sentiment.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture)} ({(result.IsNegative ? "negative" : result.Sentiment >= TriagePolicy.PositiveThreshold ? "positive" : "neutral")}), language {result.Language}",
        };
        lines.AddRange(result.Risks.Select(r => $"  risk       {r.Label}{(r.Critical ? " (critical)" : string.Empty)}: {string.Join(", ", r.Words)}"));
        if (result.IsComplaint || result.ComplaintCues is { Count: > 0 })
        {
            lines.Add($"  complaint  {(result.IsComplaint ? "yes" : "no")}: {string.Join(", ", result.ComplaintCues ?? [])}");
        }

        if (result.TopicKey is { } topic)
        {
            lines.Add($"  topic      {topic}");
        }

        return string.Join(Environment.NewLine, lines);
    }

    internal static string ToJson(string text, TriageResult result) => JsonSerializer.Serialize(new
    {
        text,
        severity = result.Severity.ToString(),
        reason = result.Reason,
        sentiment = Math.Round(result.Sentiment, 4),
        language = result.Language,
        complaint = result.IsComplaint,
        complaint_cues = result.ComplaintCues ?? [],
        risks = result.Risks.Select(r => new { category = r.Category, label = r.Label, critical = r.Critical, words = r.Words }),
        topic = result.TopicKey,
    });
}
