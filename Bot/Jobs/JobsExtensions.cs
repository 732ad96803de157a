using CmBot.Bot.Feeds;
using CmBot.Bot.Feeds.Sources;
using CmBot.Bot.Storage;
using Quartz;

namespace CmBot.Bot.Jobs;

public static class JobsExtensions
{
    /// <summary>
    /// Quartz with its persistent ADO.NET store in CmBot's own database (tables created when missing);
    /// clustered on PostgreSQL so several instances share the triggers.
    /// </summary>
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var database = StorageExtensions.ResolveDatabase(builder.Configuration, builder.Environment.ContentRootPath);
        var scheduling = builder.Configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();
        var replay = builder.Configuration.GetSection(ReplayOptions.Section).Get<ReplayOptions>() ?? new ReplayOptions();
        var sources = FeedSourcesConfiguration.Load(builder.Configuration);

        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = scheduling.SchedulerName;
                o.GenerateInstanceId = true;
            });
            q.UsePersistentStore(store =>
            {
                store.ProvisionSchema();
                if (database.Provider == StorageProvider.Postgres)
                {
                    store.UsePostgres(database.ConnectionString);
                    store.UseClustering();
                }
                else
                {
                    store.UseSqlite(database.ConnectionString);

                    // Same synchronous level and busy timeout as CmBot's own connections: see the provider.
                    store.UseConnectionProvider(_ => new SqliteJobStoreDbProvider(database));
                }
            });

            if (replay.Enabled)
            {
                q.AddJob<ReplayFeedJob>(j => j.WithIdentity(ReplayFeedJob.Key).StoreDurably());
                q.AddTrigger(t => t
                    .ForJob(ReplayFeedJob.Key)
                    .WithIdentity(ReplayFeedJob.Trigger)
                    .StartNow()
                    .WithSimpleSchedule(s => s
                        .WithInterval(TimeSpan.FromSeconds(replay.IntervalSeconds))
                        .RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
            }

            // One job per configured source, each on its own interval; a missed run is simply skipped.
            foreach (var source in sources.Polled)
            {
                q.AddJob<SourcePollJob>(j => j
                    .WithIdentity(SourcePollJob.KeyFor(source.Name))
                    .UsingJobData(SourcePollJob.SourceKey, source.Name)
                    .StoreDurably());
                q.AddTrigger(t => t
                    .ForJob(SourcePollJob.KeyFor(source.Name))
                    .WithIdentity(SourcePollJob.TriggerFor(source.Name))
                    .StartNow()
                    .WithSimpleSchedule(s => s
                        .WithInterval(TimeSpan.FromSeconds(source.Options.IntervalSeconds))
                        .RepeatForever()
                        .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
            }
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddOptions<SchedulingOptions>()
            .Bind(builder.Configuration.GetSection(SchedulingOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHostedService<TriggerSweep>();
        return builder;
    }

    /// <summary>
    /// Registers a recovery service that plans its Quartz triggers again at start (hosted) and for
    /// <see cref="TriggerSweep"/> while the host runs (one instance for both).
    /// </summary>
    public static IServiceCollection AddTriggerReplanner<T>(this IServiceCollection services)
        where T : class, IHostedService, ITriggerReplanner
    {
        services.AddSingleton<T>();
        services.AddHostedService(sp => sp.GetRequiredService<T>());
        services.AddSingleton<ITriggerReplanner>(sp => sp.GetRequiredService<T>());
        return services;
    }
}
