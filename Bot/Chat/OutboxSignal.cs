using CmBot.Bot.Hosting;

namespace CmBot.Bot.Chat;

/// <summary>Wakes the outbox dispatcher as soon as work is committed.</summary>
public sealed class OutboxSignal : WakeSignal;
