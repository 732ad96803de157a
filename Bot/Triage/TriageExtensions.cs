using CmBot.Bot.Hosting;
using CmBot.Core.Triage;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Triage;

public static class TriageExtensions
{
    /// <summary>Loads lexicons and risk rules once and registers the triager.</summary>
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
            var rules = sp.GetRequiredService<RiskConfiguration>();
            var lexicons = new Dictionary<string, SentimentLexicon>(StringComparer.Ordinal);
            foreach (var (language, file) in options.Lexicons)
            {
                var path = CmBotOptions.Resolve(root, file);
                if (!File.Exists(path))
                {
                    throw new ConfigurationException($"CmBot:Lexicons:{language}: '{path}' does not exist.");
                }

                try
                {
                    lexicons[language] = SentimentLexicon.ParseAfinn(File.ReadAllText(path));
                }
                catch (FormatException ex)
                {
                    throw new ConfigurationException($"CmBot:Lexicons:{language}: {path}: {ex.Message}", ex);
                }
            }

            return new Triager(new SentimentScorer(lexicons), rules.Risks, rules.Topics, new TriagePolicy());
        });
        return builder;
    }
}
