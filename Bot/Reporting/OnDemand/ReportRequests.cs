using System.Globalization;
using Quartz;

namespace CmBot.Bot.Reporting.OnDemand;

/// <summary>
/// Queues a report asked for in chat (<c>/cm report 7d</c>): a one-shot persisted Quartz job builds the digest
/// card and charts and puts them in the outbox, so the command answers at once and a restart loses nothing.
/// </summary>
public sealed class ReportRequests(ISchedulerFactory schedulers)
{
    public async Task<string> RequestAsync(string platform, string channel, TimeSpan period, string personId, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        var job = JobBuilder.Create<ReportRequestJob>()
            .WithIdentity($"report-{id}", ReportRequestJob.Group)
            .UsingJobData(ReportRequestJob.IdKey, id)
            .UsingJobData(ReportRequestJob.PlatformKey, platform)
            .UsingJobData(ReportRequestJob.ChannelKey, channel)
            .UsingJobData(ReportRequestJob.PeriodKey, ((long)period.TotalSeconds).ToString(CultureInfo.InvariantCulture))
            .UsingJobData(ReportRequestJob.PersonKey, personId)
            .Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity($"report-{id}", ReportRequestJob.Group)
            .StartNow()
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.ScheduleJob(job, trigger, cancellationToken: cancellationToken);
        return id;
    }
}
