using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace CmBot.Bot.Silences;

/// <summary>
/// Reloads <see cref="ActiveSilences"/> every <see cref="Every"/>: another instance on the same PostgreSQL may have
/// created or ended one. One small indexed query per period, whatever the alert rate.
/// </summary>
public sealed partial class ActiveSilencesRefresher(ActiveSilences silences, TimeProvider time, ILogger<ActiveSilencesRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await silences.RefreshAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is DbException or DbUpdateException or InvalidOperationException)
            {
                // The cached set stays as it was; the next period tries again.
                LogFailed(ex);
            }

            try
            {
                await Task.Delay(Every, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading the active silences failed; the cached ones stay in force")]
    private partial void LogFailed(Exception exception);
}
