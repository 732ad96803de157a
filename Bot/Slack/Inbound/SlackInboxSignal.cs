using CmBot.Bot.Hosting;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>Wakes the inbox processor as soon as a batch with work is committed.</summary>
public sealed class SlackInboxSignal : WakeSignal;
