using CmBot.Bot.Hosting;
using CmBot.Core.Replies.Guardrails;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Replies;

public static class RepliesExtensions
{
    /// <summary>The guardrail linter and the approval policy (approvals.yaml) that drafts go through.</summary>
    public static IHostApplicationBuilder AddReplies(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var root = builder.Environment.ContentRootPath;
        builder.Services.AddSingleton(new DraftLinter());
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CmBotOptions>>().Value;
            return ApprovalsFile.Load(CmBotOptions.Resolve(root, options.ApprovalsFile));
        });
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CmBotOptions>>().Value;
            return CharterFile.Load(CmBotOptions.Resolve(root, options.CharterFile));
        });
        builder.Services.AddSingleton<DraftReview>();
        return builder;
    }
}
