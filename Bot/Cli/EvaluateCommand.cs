using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CmBot.Bot.Triage.Evaluation;
using CmBot.Bot.Triage.Models;
using CmBot.Core.Mentions;
using CmBot.Core.Triage;
using CmBot.Core.Triage.Evaluation;

namespace CmBot.Bot.Cli;

/// <summary>
/// `evaluate --data FILE [--json]`: runs the configured triage over a labelled file (CSV with `text`,`label`
/// [,`lang`] or JSONL) and prints accuracy, macro-F1 and the alert class's precision/recall/F1 (negative, or
/// complaint for complaint/not_complaint labels). `--model MODEL.zip [--model-weight W]` scores sentiment with a
/// model trained by `train` blended with the lexicon (as CmBot:Triage:SentimentModel would), to compare with and
/// without. Exit 2 on a bad file or configuration.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "Labelled CSV or JSONL file.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the figures as one JSON object." };
        var threshold = new Option<double?>("--negative-threshold") { Description = "Score at or below which a text is negative (default: the product's threshold); for tuning on a training split." };
        var errors = new Option<int>("--show-errors") { Description = "Print up to N misclassified texts (gold -> predicted) to stderr, for error analysis on a training split." };
        var model = new Option<FileInfo?>("--model") { Description = "A sentiment model trained by `train`, blended with the lexicon (sets CmBot:Triage:SentimentModel for this run)." };
        var weight = new Option<double?>("--model-weight") { Description = "The model's share in the blend, 0..1 (sets CmBot:Triage:SentimentModelWeight; 1 = model alone)." };
        var predictions = new Option<FileInfo?>("--predictions") { Description = "Also write one CSV row per text (line, gold, predicted, sentiment score), e.g. for a paired comparison with another tool." };
        var command = new Command("evaluate", "Run triage over a labelled file and print accuracy, macro-F1 and negative/complaint precision, recall and F1.")
        {
            data,
            json,
            threshold,
            errors,
            model,
            weight,
            predictions,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(data)!;
            IReadOnlyList<LabelledText> rows;
            EvaluationKind kind;
            List<string> gold;
            try
            {
                rows = LabelledFile.Read(file.FullName);
                gold = [.. rows.Select(r => Normalise(file.FullName, r))];
                kind = EvaluationTask.KindOf(gold);
            }
            catch (Exception ex) when (ex is FormatException or IOException or CsvHelper.CsvHelperException)
            {
                await Console.Error.WriteLineAsync($"evaluate: {ex.Message}");
                return 2;
            }

            if (await CliTriager.LoadAsync([.. parse.UnmatchedTokens, .. ModelArguments(parse.GetValue(model), parse.GetValue(weight))]) is not { } triager)
            {
                return 2;
            }

            var pairs = new List<(string, string)>(rows.Count);
            var scores = new List<double>(rows.Count);
            var shown = 0;
            for (var i = 0; i < rows.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var row = rows[i];
                var mention = new MentionInput("evaluate", row.Line.ToString(CultureInfo.InvariantCulture), "about:blank", "evaluate", 0, row.Text, row.Language, DateTimeOffset.UnixEpoch);
                var result = triager.Assess(mention);
                var predicted = EvaluationTask.Predict(result, kind, parse.GetValue(threshold) ?? TriagePolicy.NegativeThreshold);
                pairs.Add((gold[i], predicted));
                scores.Add(result.Sentiment);
                if (predicted != gold[i] && shown++ < parse.GetValue(errors))
                {
                    await Console.Error.WriteLineAsync($"{gold[i]} -> {predicted} ({result.Sentiment:0.00}): {row.Text}");
                }
            }

            if (parse.GetValue(predictions) is { } predictionFile)
            {
                try
                {
                    await File.WriteAllTextAsync(predictionFile.FullName, PredictionsCsv(rows, pairs, scores), cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    await Console.Error.WriteLineAsync($"evaluate: cannot write {predictionFile.FullName}: {ex.Message}");
                    return 2;
                }
            }

            var report = EvaluationReport.Compute(pairs, EvaluationTask.Labels(kind));
            await Console.Out.WriteLineAsync(parse.GetValue(json) ? ToJson(report, kind) : ToTable(report, kind, file.Name));
            return 0;
        });
        return command;
    }

    /// <summary>Configuration arguments that put the given model (and weight) into the host for this run.</summary>
    private static IEnumerable<string> ModelArguments(FileInfo? model, double? weight)
    {
        // Stdout carries the figures (`--json` is parsed by scripts): the host's console logs go to stderr.
        yield return "--Logging:Console:LogToStandardErrorThreshold=Trace";
        if (model is not null)
        {
            yield return $"--{SentimentModelSetup.ModelKey}={model.FullName}";
        }

        if (weight is { } w)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"--{SentimentModelSetup.WeightKey}={w}");
        }
    }

    /// <summary>One row per text, in the file's order: its line in the file, the gold and predicted labels, the sentiment score.</summary>
    internal static string PredictionsCsv(IReadOnlyList<LabelledText> rows, IReadOnlyList<(string Gold, string Predicted)> pairs, IReadOnlyList<double> scores)
    {
        var csv = new StringBuilder("line,gold,predicted,sentiment\n");
        for (var i = 0; i < rows.Count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{rows[i].Line},{pairs[i].Gold},{pairs[i].Predicted},{scores[i]:0.####}\n");
        }

        return csv.ToString();
    }

    private static string Normalise(string path, LabelledText row)
    {
        try
        {
            return EvaluationTask.Normalise(row.Label);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"{path}:{row.Line}: {ex.Message}", ex);
        }
    }

    internal static string ToJson(EvaluationReport report, EvaluationKind kind)
    {
        var alert = report.For(EvaluationTask.AlertLabel(kind));
        var payload = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["task"] = kind == EvaluationKind.Sentiment ? "sentiment" : "complaint",
            ["count"] = report.Count,
            ["accuracy"] = Round(report.Accuracy),
            ["macro_f1"] = Round(report.MacroF1),
            // For complaint files the alert class is the complaint: "negative" then carries the same figures.
            ["negative"] = Figures(alert),
        };
        if (kind == EvaluationKind.Complaint)
        {
            payload["complaint"] = Figures(alert);
        }

        payload["classes"] = report.Classes.ToDictionary(c => c.Label, c => (object)Figures(c), StringComparer.Ordinal);
        return JsonSerializer.Serialize(payload);
    }

    private static Dictionary<string, object> Figures(ClassMetrics c) => new(StringComparer.Ordinal)
    {
        ["precision"] = Round(c.Precision),
        ["recall"] = Round(c.Recall),
        ["f1"] = Round(c.F1),
        ["support"] = c.Support,
    };

    private static double Round(double value) => Math.Round(value, 4);

    internal static string ToTable(EvaluationReport report, EvaluationKind kind, string name)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"{name}: {report.Count} texts, {(kind == EvaluationKind.Sentiment ? "sentiment" : "complaint")} labels");
        text.AppendLine(invariant, $"accuracy  {report.Accuracy:0.000}");
        text.AppendLine(invariant, $"macro-F1  {report.MacroF1:0.000}");
        text.AppendLine();
        text.AppendLine(invariant, $"{"class",-14} {"precision",9} {"recall",7} {"F1",6} {"support",8}");
        foreach (var c in report.Classes)
        {
            var marker = c.Label == EvaluationTask.AlertLabel(kind) ? " <- alert" : string.Empty;
            text.AppendLine(invariant, $"{c.Label,-14} {c.Precision,9:0.000} {c.Recall,7:0.000} {c.F1,6:0.000} {c.Support,8}{marker}");
        }

        return text.ToString().TrimEnd();
    }
}
