using Microsoft.Extensions.Options;

namespace CmBot.Bot.Hosting;

/// <summary>Turns a start-up failure caused by configuration into one readable sentence (key and reason).</summary>
public static class ConfigurationErrors
{
    public static string? Describe(Exception exception) => exception switch
    {
        ConfigurationException c => c.Message,
        OptionsValidationException o => string.Join(" ", o.Failures),
        AggregateException { InnerExceptions.Count: 1 } a => Describe(a.InnerException!),
        _ => null,
    };
}
