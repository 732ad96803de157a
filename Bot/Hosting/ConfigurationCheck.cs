using CmBot.Core.Routing;
using CmBot.Core.Approvals;
using CmBot.Core.People;
using CmBot.Core.Triage;
using Microsoft.Extensions.Options;

namespace CmBot.Bot.Hosting;

/// <summary>
/// Loads every configuration file at start so a mistake stops start-up with its key and reason, instead of
/// surfacing at the first mention or click. `check-config` runs the same validation without starting anything.
/// </summary>
public sealed class ConfigurationCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        Validate(services);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Validates options marked ValidateOnStart and builds every service that reads a configuration file.
    /// Add a line here when a new file (routing, escalation, charter...) is read.
    /// </summary>
    public static void Validate(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.GetService<IStartupValidator>()?.Validate();
        services.GetRequiredService<PeopleDirectory>();
        services.GetRequiredService<Triager>();
        services.GetRequiredService<Triage.Grading.SeverityConfiguration>();
        services.GetRequiredService<CmBot.Core.Triage.Spikes.SpikeDetector>();
        services.GetRequiredService<ApprovalPolicySet>();
        services.GetRequiredService<ApprovalDeadlines>();
        services.GetRequiredService<CmBot.Core.Replies.ReplyCharter>();
        _ = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Replies.RepliesOptions>>().Value;
        services.GetRequiredService<Reporting.ReportingSettings>();
        services.GetRequiredService<Feeds.Sources.FeedSourcesConfiguration>();
        services.GetRequiredService<RoutingPolicy>();
        services.GetRequiredService<Silences.SilenceSettings>();
        services.GetRequiredService<Core.Escalation.EscalationPolicySet>();
    }
}
