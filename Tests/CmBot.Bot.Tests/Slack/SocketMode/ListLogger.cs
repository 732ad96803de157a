using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CmBot.Bot.Tests.Slack.SocketMode;

/// <summary>Keeps log lines (level and rendered text) so tests can check, or wait for, what an operator would see.</summary>
internal sealed class LogBook
{
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<(LogLevel Level, string Text)> Lines { get; } = new();

    public ILogger<T> For<T>() => new ListLogger<T>(this);

    public bool Contains(LogLevel level, string fragment) =>
        Lines.Any(l => l.Level == level && l.Text.Contains(fragment, StringComparison.Ordinal));

    /// <summary>Completes once a matching line is written (at once if it already was).</summary>
    public async Task WaitForAsync(LogLevel level, string fragment, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Taken before the check, so a line written just after it still wakes this wait.
            var changed = Volatile.Read(ref _changed);
            if (Contains(level, fragment))
            {
                return;
            }

            await changed.Task.WaitAsync(cancellationToken);
        }
    }

    private void Add(LogLevel level, string text)
    {
        Lines.Enqueue((level, text));
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private sealed class ListLogger<T>(LogBook book) : ILogger<T>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var text = formatter(state, exception);
            book.Add(logLevel, exception is null ? text : $"{text} [{exception.GetType().Name}: {exception.Message}; {exception.InnerException?.Message}]");
        }
    }
}
