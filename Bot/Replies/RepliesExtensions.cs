using CmBot.Bot.Hosting;
using CmBot.Bot.Jobs;
using CmBot.Core.Replies.Guardrails;
using Microsoft.Extensions.AI;
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
            // "hours: business" counts in the same business hours as the SLA clocks (Reporting:Business*).
            return ApprovalsFile.LoadDeadlines(CmBotOptions.Resolve(root, options.ApprovalsFile), sp.GetRequiredService<Reporting.ReportingSettings>().Hours);
        });
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CmBotOptions>>().Value;
            return CharterFile.Load(CmBotOptions.Resolve(root, options.CharterFile));
        });
        builder.Services.AddSingleton<DraftReview>();
        builder.Services.AddOptions<RepliesOptions>()
            .Bind(builder.Configuration.GetSection(RepliesOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<SuggestionIndexCache>();
        builder.Services.AddScoped<DraftStarter>();
        builder.Services.AddScoped<Deadlines.ApprovalDeadlineScheduler>();
        builder.Services.AddScoped<Deadlines.ApprovalDeadlineEngine>();
        builder.Services.AddTriggerReplanner<Deadlines.ApprovalDeadlineRecovery>();
        var llm = builder.Configuration.GetSection(RepliesOptions.Section).Get<RepliesOptions>()?.Llm ?? new LlmOptions();
        if (llm.Enabled)
        {
            builder.Services.AddSingleton(CreateChatClient(llm));
        }

        return builder;
    }

    /// <summary>The OpenAI-compatible chat client for Replies:Llm; a missing endpoint or model stops start-up with the key.</summary>
    public static IChatClient CreateChatClient(LlmOptions llm)
    {
        ArgumentNullException.ThrowIfNull(llm);
        if (llm.Endpoint is not { IsAbsoluteUri: true } endpoint || endpoint.Scheme is not ("http" or "https"))
        {
            throw new ConfigurationException($"{RepliesOptions.Section}:Llm:Endpoint: an http or https address is required when Replies:Llm:Enabled is true.");
        }

        if (string.IsNullOrWhiteSpace(llm.Model))
        {
            throw new ConfigurationException($"{RepliesOptions.Section}:Llm:Model: the model name is required when Replies:Llm:Enabled is true.");
        }

        var client = new OpenAI.Chat.ChatClient(
            llm.Model,
            new System.ClientModel.ApiKeyCredential(string.IsNullOrEmpty(llm.ApiKey) ? "unused" : llm.ApiKey),
            new OpenAI.OpenAIClientOptions { Endpoint = endpoint, NetworkTimeout = TimeSpan.FromSeconds(llm.TimeoutSeconds), RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(0) });
        return client.AsIChatClient();
    }
}
