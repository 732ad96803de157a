namespace CmBot.Bot.Slack.Inbound;

/// <summary>One request's entry to store, or one bulk change from the processor, waiting for a group commit.</summary>
public sealed class SlackInboxPending
{
    private SlackInboxPending(SlackInboxEntry? entry, SlackInboxChange? change)
    {
        Entry = entry;
        Change = change;
    }

    public SlackInboxEntry? Entry { get; }

    public SlackInboxChange? Change { get; }

    public SlackInboxWriteResult Outcome { get; set; }

    public int Changed { get; set; }

    public Exception? Failure { get; set; }

    /// <summary>
    /// Completed with <see cref="SlackInboxTurn.Done"/> once a leader committed this, or <see cref="SlackInboxTurn.Lead"/>
    /// when it is this request's turn to commit. Completed off the committing thread, so the continuation may run inline.
    /// </summary>
    public TaskCompletionSource<SlackInboxTurn> Turn { get; } = new();

    public static SlackInboxPending Store(SlackInboxEntry entry) => new(entry, null);

    public static SlackInboxPending Apply(SlackInboxChange change) => new(null, change);
}

public enum SlackInboxTurn
{
    Done,
    Lead,
}
