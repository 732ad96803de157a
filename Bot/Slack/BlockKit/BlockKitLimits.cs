namespace CmBot.Bot.Slack.BlockKit;

/// <summary>Slack's documented Block Kit limits (characters and counts) that CmBot's cards can reach.</summary>
public static class BlockKitLimits
{
    public const int Blocks = 50;
    public const int SectionText = 3000;
    public const int HeaderText = 150;
    public const int ButtonText = 75;
    public const int ButtonValue = 2000;
    public const int FieldsPerSection = 10;
    public const int FieldText = 2000;
    public const int ContextElements = 10;
    public const int InputLabel = 2000;
    public const int InputValue = 3000;
    public const int ActionElements = 25;
    public const int OverflowOptions = 5;
    public const int OptionText = 75;
    public const int OptionValue = 150;

    /// <summary>Buttons shown before the rest move to an overflow menu.</summary>
    public const int VisibleButtons = 5;

    /// <summary>The notification text; Slack allows far more, but notifications show only the start.</summary>
    public const int FallbackText = 3000;
}
