using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CmBot.Bot.Tests.Pipeline;

/// <summary>
/// Records the SQL statements EF Core sends while <see cref="Counting"/> is on for the current async flow (an
/// <see cref="AsyncLocal{T}"/>): with the test server preserving the caller's execution context, that is exactly the
/// work done inside one HTTP request, not the background services' work meanwhile.
/// </summary>
public sealed class StatementCounter : DbCommandInterceptor
{
    private static readonly AsyncLocal<StatementCounter?> Active = new();
    private readonly ConcurrentQueue<string> _statements = new();

    public IReadOnlyList<string> Statements => [.. _statements];

    /// <summary>Counts the statements of the current flow until disposed.</summary>
    public IDisposable Counting()
    {
        _statements.Clear();
        Active.Value = this;
        return new Stop();
    }

    private void Record(DbCommand command)
    {
        if (ReferenceEquals(Active.Value, this))
        {
            _statements.Enqueue(command.CommandText);
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private sealed class Stop : IDisposable
    {
        public void Dispose() => Active.Value = null;
    }
}
