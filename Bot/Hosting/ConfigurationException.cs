namespace CmBot.Bot.Hosting;

/// <summary>A configuration mistake found at start-up: names the key or file and says what is wrong.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException()
    {
    }

    public ConfigurationException(string message)
        : base(message)
    {
    }

    public ConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
