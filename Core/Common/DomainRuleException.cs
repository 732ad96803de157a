namespace CmBot.Core.Common;

/// <summary>
/// A rule said no (a role may not approve, a published draft cannot be edited). <see cref="Code"/> is stable
/// for programs; the message is for the person who clicked.
/// </summary>
public sealed class DomainRuleException : Exception
{
    public DomainRuleException()
    {
        Code = "rule";
    }

    public DomainRuleException(string message)
        : base(message)
    {
        Code = "rule";
    }

    public DomainRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "rule";
    }

    public DomainRuleException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public string Code { get; }
}
