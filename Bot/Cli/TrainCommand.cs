using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using CmBot.Bot.Triage.Evaluation;
using CmBot.Bot.Triage.Models;
using CmBot.Core.Triage.Evaluation;

namespace CmBot.Bot.Cli;

/// <summary>
/// `train --data FILE --out MODEL.zip [--lang fr|en] [--seed N]`: trains the optional sentiment model from a labelled
/// file (the formats `evaluate` reads, sentiment labels), prints its figures on a stratified 20 % held out, and writes
/// the model zip with its card (MODEL.json). Exit 2 on a bad file: missing, no usable rows, one class, unknown label.
/// </summary>
public static class TrainCommand
{
    /// <summary>Fewer labelled rows than this cannot give a model and a held-out check worth the name.</summary>
    public const int MinimumRows = 10;

    public static Command Create()
    {
        var data = new Option<FileInfo>("--data") { Description = "Labelled CSV or JSONL file (text, label negative/neutral/positive, optional lang).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Model file to write (.zip); its card is written next to it (.json).", Required = true };
        var language = new Option<string?>("--lang") { Description = "Train on this language only (rows without a lang count as it): fr or en." };
        language.AcceptOnlyFromAmong("fr", "en");
        var seed = new Option<int>("--seed") { Description = "Seed of the split and the trainer; the same seed gives the same model.", DefaultValueFactory = _ => 1 };
        var command = new Command("train", "Train the optional sentiment model from a labelled file and print its figures on a held-out 20 %.")
        {
            data,
            output,
            language,
            seed,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(data)!;
            var target = parse.GetValue(output)!;
            var lang = parse.GetValue(language);
            List<(string Text, string Label)> rows;
            HashSet<string> languages;
            int skipped;
            try
            {
                (rows, languages, skipped) = ReadRows(file.FullName, lang);
            }
            catch (Exception ex) when (ex is FormatException or IOException or CsvHelper.CsvHelperException)
            {
                await Console.Error.WriteLineAsync($"train: {ex.Message}");
                return 2;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var trained = SentimentModelTrainer.Train(rows, parse.GetValue(seed));
            try
            {
                Directory.CreateDirectory(target.DirectoryName ?? ".");
                new Microsoft.ML.MLContext().Model.Save(trained.Model, trained.InputSchema, target.FullName);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"train: cannot write {target.FullName}: {ex.Message}");
                return 2;
            }

            var card = new SentimentModelCard(
                trained.Labels,
                [.. languages.Order(StringComparer.Ordinal)],
                trained.TrainingRows,
                trained.HeldOutRows,
                parse.GetValue(seed),
                TimeProvider.System.GetUtcNow(),
                file.Name,
                JsonNode.Parse(EvaluateCommand.ToJson(trained.HeldOut, EvaluationKind.Sentiment))?.AsObject());
            var cardPath = SentimentModelCard.PathFor(target.FullName);
            card.Write(cardPath);

            var invariant = CultureInfo.InvariantCulture;
            await Console.Out.WriteLineAsync(string.Create(invariant, $"trained on {trained.TrainingRows} rows, held out {trained.HeldOutRows} (stratified 20 %, seed {card.Seed}); labels {string.Join(", ", trained.Labels)}; languages {(card.Languages.Count == 0 ? "not stated (all)" : string.Join(", ", card.Languages))}"));
            if (skipped > 0)
            {
                await Console.Out.WriteLineAsync(string.Create(invariant, $"skipped {skipped} rows (empty text{(lang is null ? string.Empty : $" or not in '{lang}'")})"));
            }

            await Console.Out.WriteLineAsync(EvaluateCommand.ToTable(trained.HeldOut, EvaluationKind.Sentiment, $"{file.Name} (held out)"));
            await Console.Out.WriteLineAsync($"model: {target.FullName}");
            await Console.Out.WriteLineAsync($"card:  {cardPath}");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// The usable rows (text, normalised label), the languages they state and how many rows were left out (empty
    /// text, or another language than <paramref name="language"/>). Throws FormatException with the reason:
    /// an unknown or complaint label (with file:line), no usable row, too few rows, a single class.
    /// </summary>
    public static (List<(string Text, string Label)> Rows, HashSet<string> Languages, int Skipped) ReadRows(string path, string? language)
    {
        var rows = new List<(string, string)>();
        var languages = new HashSet<string>(StringComparer.Ordinal);
        var skipped = 0;
        foreach (var row in LabelledFile.Read(path))
        {
            string label;
            try
            {
                label = EvaluationTask.Normalise(row.Label);
            }
            catch (FormatException ex)
            {
                throw new FormatException($"{path}:{row.Line}: {ex.Message}", ex);
            }

            if (!EvaluationTask.SentimentLabels.Contains(label, StringComparer.Ordinal))
            {
                throw new FormatException($"{path}:{row.Line}: label '{row.Label}' is not a sentiment label; train learns negative, neutral, positive.");
            }

            var rowLanguage = row.Language ?? language;
            if ((language is not null && rowLanguage != language) || string.IsNullOrWhiteSpace(row.Text))
            {
                skipped++;
                continue;
            }

            if (rowLanguage is not null)
            {
                languages.Add(rowLanguage);
            }

            rows.Add((row.Text, label));
        }

        if (rows.Count == 0)
        {
            throw new FormatException($"{path}: no usable rows{(language is null ? string.Empty : $" in language '{language}'")}.");
        }

        if (rows.Count < MinimumRows)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{path}: only {rows.Count} usable rows; at least {MinimumRows} are needed."));
        }

        var classes = rows.Select(r => r.Item2).Distinct(StringComparer.Ordinal).ToList();
        if (classes.Count < 2)
        {
            throw new FormatException($"{path}: every row is '{classes[0]}'; a classifier needs at least two classes.");
        }

        return (rows, languages, skipped);
    }
}
