namespace CmBot.Core.Replies;

/// <summary>How a reply went out.</summary>
public enum PublishMode
{
    /// <summary>After every signature its approval path required.</summary>
    Approved,

    /// <summary>The CEO answered directly: no approval, shown to legal and comms afterwards.</summary>
    CeoDirect,

    /// <summary>A senior person published without approval, with a written justification reviewed afterwards.</summary>
    BreakGlass,
}
