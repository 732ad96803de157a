using CmBot.Bot.Actions;
using CmBot.Bot.Publishing;
using CmBot.Bot.Storage;

namespace CmBot.Bot.Chat;

public static class ChatExtensions
{
    /// <summary>The chat port: the action dispatcher, card routing and the outbox that sends to every platform.</summary>
    public static IHostApplicationBuilder AddChat(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<CardOutbox>();
        builder.Services.AddScoped<CardPublisher>();
        builder.Services.AddScoped<ImageOutbox>();
        builder.Services.AddScoped<IActionHandler, IncidentActionHandler>();
        builder.Services.AddScoped<IActionHandler, DraftActionHandler>();
        builder.Services.AddScoped<IActionHandler, IncidentLifecycleHandler>();
        builder.Services.AddScoped<IOutboxHandler, CardSyncHandler>();
        builder.Services.AddScoped<IOutboxHandler, ReplyPublishHandler>();
        builder.Services.AddScoped<IOutboxHandler, ImageUploadHandler>();
        builder.Services.AddSingleton<ActionDispatcher>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxLanes>();
        builder.Services.AddSingleton<OutboxHandoff>();
        builder.Services.AddHostedService<OutboxDispatcher>();
        return builder;
    }
}
