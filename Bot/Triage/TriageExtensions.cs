using CmBot.Bot.Hosting;
using CmBot.Bot.Triage.Grading;
using CmBot.Bot.Triage.Models;
using CmBot.Bot.Triage.Spikes;
using CmBot.Core.Triage;
using CmBot.Core.Triage.Spikes;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Triage;

public static class TriageExtensions
{
    /// <summary>
    /// Loads lexicons, risk rules and the severity grade (with VIP authors and spike options) once and registers the
    /// triager, the spike detector and its persisted baseline.
    /// </summary>
    public static IHostApplicationBuilder AddTriage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var root = builder.Environment.ContentRootPath;
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CmBotOptions>>().Value;
            return RiskFile.Load(CmBotOptions.Resolve(root, options.RiskFile));
        });
        builder.Services.AddSingleton(sp => sp.GetRequiredService<RiskConfiguration>().Topics);
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CmBotOptions>>().Value;
            return SeverityFile.Load(CmBotOptions.Resolve(root, options.SeverityFile));
        });
        builder.Services.AddSingleton(sp => new SpikeDetector(sp.GetRequiredService<SeverityConfiguration>().Spikes, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<SpikeBaselineStore>();
        builder.Services.AddHostedService<SpikeBaselineFlush>();
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CmBotOptions>>().Value;
            var rules = sp.GetRequiredService<RiskConfiguration>();
            var lexicons = new Dictionary<string, SentimentLexicon>(StringComparer.Ordinal);
            foreach (var (language, files) in options.Lexicons)
            {
                lexicons[language] = LoadLexicon(root, language, files);
            }

            var severity = sp.GetRequiredService<SeverityConfiguration>();
            var blend = SentimentModelSetup.Load(root, options.Triage, sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SentimentModelSetup)));
            return new Triager(new SentimentScorer(lexicons), rules.Risks, rules.Topics, severity.Policy, grader: severity.Grader, blend: blend);
        });
        return builder;
    }

    /// <summary>
    /// Reads the lexicon files of one language (several separated by ';', the first that lists a term wins) and
    /// merges them. A missing or malformed file stops start-up with the key and the file.
    /// </summary>
    public static SentimentLexicon LoadLexicon(string root, string language, string files)
    {
        var parts = new List<SentimentLexicon>();
        foreach (var file in files.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var path = CmBotOptions.Resolve(root, file);
            if (!File.Exists(path))
            {
                throw new ConfigurationException($"CmBot:Lexicons:{language}: '{path}' does not exist.");
            }

            try
            {
                parts.Add(SentimentLexicon.Parse(File.ReadAllText(path), path));
            }
            catch (FormatException ex)
            {
                throw new ConfigurationException($"CmBot:Lexicons:{language}: {ex.Message}", ex);
            }
        }

        if (parts.Count == 0)
        {
            throw new ConfigurationException($"CmBot:Lexicons:{language}: no lexicon file named.");
        }

        return SentimentLexicon.Merge(parts);
    }
}
