using CmBot.Bot.Hosting;
using CmBot.Core.Triage.Models;

namespace CmBot.Bot.Triage.Models;

/// <summary>Loads the configured sentiment model at start; a mistake stops start-up with the key and the reason.</summary>
public static partial class SentimentModelSetup
{
    public const string ModelKey = "CmBot:Triage:SentimentModel";
    public const string WeightKey = "CmBot:Triage:SentimentModelWeight";

    /// <summary>The blend to give the triager, or null when no model is configured (the lexicon path, unchanged).</summary>
    public static SentimentBlend? Load(string contentRoot, TriageOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (string.IsNullOrWhiteSpace(options.SentimentModel))
        {
            return null;
        }

        if (double.IsNaN(options.SentimentModelWeight) || options.SentimentModelWeight < 0 || options.SentimentModelWeight > 1)
        {
            throw new ConfigurationException($"{WeightKey}: {options.SentimentModelWeight} is not between 0 and 1.");
        }

        var path = CmBotOptions.Resolve(contentRoot, options.SentimentModel.Trim());
        MlSentimentModel model;
        try
        {
            model = MlSentimentModel.Load(path);
        }
        catch (Exception ex) when (ex is FormatException or FileNotFoundException)
        {
            throw new ConfigurationException($"{ModelKey}: {ex.Message}", ex);
        }

        var languages = model.Languages.Count == 0 ? "all" : string.Join(',', model.Languages);
        var labels = string.Join(',', model.Labels);
        LogLoaded(logger, path, labels, languages, options.SentimentModelWeight);
        return new SentimentBlend(model, options.SentimentModelWeight);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sentiment model {Path} loaded: labels {Labels}, languages {Languages}, weight {Weight}")]
    private static partial void LogLoaded(ILogger logger, string path, string labels, string languages, double weight);
}
