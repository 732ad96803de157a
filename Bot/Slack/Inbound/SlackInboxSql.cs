using System.Data.Common;
using System.Reflection;
using CmBot.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CmBot.Bot.Slack.Inbound;

/// <summary>
/// The inbox's hot statements, written once from the EF model (table and column names, each column's type mapping
/// and value conversion, identifier quoting), so they stay those of the migrations on SQLite and PostgreSQL alike.
/// Run as prepared commands they cost a fraction of EF's per-call work (context, change tracking, query cache).
/// </summary>
public sealed class SlackInboxSql
{
    private readonly Dictionary<string, Column> _byProperty;
    private readonly Column[] _all;

    public SlackInboxSql(CmBotDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entity = db.Model.FindEntityType(typeof(SlackInboxItem)) ?? throw new InvalidOperationException("SlackInboxItem is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var helper = db.GetService<ISqlGenerationHelper>();
        _all = entity.GetProperties()
            .Select(p => new Column(helper.DelimitIdentifier(p.GetColumnName(table)!), p.PropertyInfo!, p.GetRelationalTypeMapping(), p.ValueGenerated != ValueGenerated.Never))
            .ToArray();
        _byProperty = _all.ToDictionary(c => c.Property.Name, StringComparer.Ordinal);
        var t = helper.DelimitIdentifier(table.Name, table.Schema);
        var (id, state, kind) = (C(nameof(SlackInboxItem.Id)), C(nameof(SlackInboxItem.State)), C(nameof(SlackInboxItem.Kind)));
        var (processedAt, receivedAt) = (C(nameof(SlackInboxItem.ProcessedAt)), C(nameof(SlackInboxItem.ReceivedAt)));
        var (attempts, lastError) = (C(nameof(SlackInboxItem.Attempts)), C(nameof(SlackInboxItem.LastError)));

        var inserted = _all.Where(c => !c.Generated).ToArray();
        Insert = new Statement(
            $"INSERT INTO {t} ({string.Join(", ", inserted.Select(c => c.Name))}) VALUES ({string.Join(", ", inserted.Select((_, i) => $"@p{i}"))})",
            inserted);
        MarkDone = new Statement($"UPDATE {t} SET {state.Name} = @p0, {processedAt.Name} = @p1 WHERE {id.Name} = @p2", [state, processedAt, id]);
        RecordFailure = new Statement(
            $"UPDATE {t} SET {state.Name} = @p0, {attempts.Name} = @p1, {processedAt.Name} = @p2, {lastError.Name} = @p3 WHERE {id.Name} = @p4",
            [state, attempts, processedAt, lastError, id]);

        // Clicks first: their trigger_id expires 3 s after the click; otherwise arrival order. The open filter is the
        // partial index's own text, so both databases use that index.
        var open = SlackInboxItemConfiguration.OpenFilter;
        var (pending, processing) = (Literal(state, SlackInboxState.Pending), Literal(state, SlackInboxState.Processing));
        SelectPending = new Statement(
            $"SELECT {string.Join(", ", _all.Select(c => c.Name))} FROM {t} WHERE {open} AND {state.Name} = {pending} " +
            $"ORDER BY CASE WHEN {kind.Name} = @p0 THEN 0 ELSE 1 END, {id.Name} LIMIT {SlackInboxProcessor.BatchSize}",
            [kind]);
        Claim = new Statement(
            $"UPDATE {t} SET {state.Name} = {processing}, {processedAt.Name} = @p0 WHERE {id.Name} = @p1 AND {state.Name} = {pending}",
            [processedAt, id]);
        Release = new Statement(
            $"UPDATE {t} SET {state.Name} = {pending} WHERE {id.Name} = @p0 AND {state.Name} = {processing}",
            [id]);
        Reclaim = new Statement(
            $"UPDATE {t} SET {state.Name} = {pending} WHERE {open} AND {state.Name} = {processing} AND {processedAt.Name} < @p0",
            [processedAt]);

        // Ids grow with arrival time: the first id received since a moment bounds everything older, on the primary key.
        FirstIdSince = new Statement($"SELECT {id.Name} FROM {t} WHERE {receivedAt.Name} >= @p0 ORDER BY {id.Name} LIMIT 1", [receivedAt]);
        Trim = new Statement(
            $"DELETE FROM {t} WHERE {id.Name} IN (SELECT {id.Name} FROM {t} WHERE {id.Name} < @p0 AND NOT ({open}) ORDER BY {id.Name} LIMIT {TrimSlice})",
            [id]);
    }

    /// <summary>Rows deleted per trim statement, so the writer never holds the database for long.</summary>
    public const int TrimSlice = 2000;

    public Statement Insert { get; }
    public Statement MarkDone { get; }
    public Statement RecordFailure { get; }
    public Statement SelectPending { get; }
    public Statement Claim { get; }
    public Statement Release { get; }
    public Statement Reclaim { get; }
    public Statement FirstIdSince { get; }
    public Statement Trim { get; }

    /// <summary>Sets the insert's parameters from an item.</summary>
    public static void Bind(DbCommand insert, Statement statement, SlackInboxItem item)
    {
        ArgumentNullException.ThrowIfNull(insert);
        ArgumentNullException.ThrowIfNull(statement);
        for (var i = 0; i < statement.Columns.Length; i++)
        {
            insert.Parameters[i].Value = statement.Columns[i].ToProvider(statement.Columns[i].Property.GetValue(item));
        }
    }

    /// <summary>The current row of a <see cref="SelectPending"/> reader as an item.</summary>
    public SlackInboxItem Read(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var item = new SlackInboxItem { Type = string.Empty, Payload = string.Empty };
        for (var i = 0; i < _all.Length; i++)
        {
            _all[i].Property.SetValue(item, reader.IsDBNull(i) ? null : _all[i].FromProvider(reader, i));
        }

        return item;
    }

    private Column C(string property) => _byProperty[property];

    /// <summary>A model value as SQL text, converted and quoted by the column's own type mapping.</summary>
    private static string Literal(Column column, object value) => column.Mapping.GenerateSqlLiteral(value);

    /// <summary>A statement and the columns its parameters @p0, @p1... stand for, in order.</summary>
    public sealed class Statement(string text, Column[] columns)
    {
        public string Text { get; } = text;

        public Column[] Columns { get; } = columns;

        /// <summary>A command with the provider's own parameter set-up (type name, size), as EF does for these columns.</summary>
        public DbCommand Create(DbConnection connection)
        {
            ArgumentNullException.ThrowIfNull(connection);
            var command = connection.CreateCommand();
            command.CommandText = Text;
            for (var i = 0; i < Columns.Length; i++)
            {
                command.Parameters.Add(Columns[i].Mapping.CreateParameter(command, $"@p{i}", null, nullable: true));
            }

            return command;
        }

        /// <summary>Sets the parameters, converted as the model converts these columns.</summary>
        public void Set(DbCommand command, params object?[] values)
        {
            ArgumentNullException.ThrowIfNull(command);
            ArgumentNullException.ThrowIfNull(values);
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = Columns[i].ToProvider(values[i]);
            }
        }
    }

    public sealed record Column(string Name, PropertyInfo Property, RelationalTypeMapping Mapping, bool Generated)
    {
        public object ToProvider(object? value) =>
            (Mapping.Converter is null || value is null ? value : Mapping.Converter.ConvertToProvider(value)) ?? DBNull.Value;

        public object? FromProvider(DbDataReader reader, int ordinal)
        {
            ArgumentNullException.ThrowIfNull(reader);
            if (Mapping.Converter is { } converter)
            {
                var stored = Convert.ChangeType(reader.GetValue(ordinal), converter.ProviderClrType, System.Globalization.CultureInfo.InvariantCulture);
                return converter.ConvertFromProvider(stored);
            }

            var target = Nullable.GetUnderlyingType(Property.PropertyType) ?? Property.PropertyType;
            if (target == typeof(DateTimeOffset))
            {
                // PostgreSQL's timestamptz: let the provider build the instant.
                return reader.GetFieldValue<DateTimeOffset>(ordinal);
            }

            var value = reader.GetValue(ordinal);
            return value.GetType() == target ? value : Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
