// Queues a backlog of alert cards for Slack in CmBot's outbox, as if CmBot had been cut off from Slack while
// alerts kept coming: CmBot started afterwards drains it at once. Usage: Enqueue <data folder> <count> <channel>...
using System.Globalization;
using CmBot.Bot.Chat;
using CmBot.Bot.Storage;
using CmBot.Core.Chat;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

if (args.Length < 3 || !int.TryParse(args[1], CultureInfo.InvariantCulture, out var count))
{
    await Console.Error.WriteLineAsync("usage: Enqueue <data folder> <count> <channel id>...");
    return 2;
}

var file = Path.Combine(Path.GetFullPath(args[0]), "cmbot.db");
var connection = new SqliteConnectionStringBuilder { DataSource = file, DefaultTimeout = 30 }.ToString();
var services = new ServiceCollection()
    .AddSingleton(new DatabaseConnection(StorageProvider.Sqlite, connection))
    .AddDbContext<CmBotDbContext, SqliteCmBotDbContext>(o => o.UseSqlite(connection))
    .BuildServiceProvider();
await services.InitializeStorageAsync();

var channels = args[2..];
var start = DateTimeOffset.UtcNow.AddMinutes(-30);
await using (var scope = services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<CmBotDbContext>();
    for (var i = 0; i < count; i++)
    {
        // Mixed severities, about as an outage backlog looks: 10% P1, 20% P2, 30% P3, 40% P4.
        var severity = (i % 10) switch { 0 => 1, 1 or 2 => 2, 3 or 4 or 5 => 3, _ => 4 };
        var channel = channels[i % channels.Length];
        var id = (i + 1).ToString(CultureInfo.InvariantCulture);
        var card = new Card
        {
            Title = $"#{id} benchmark alert",
            Severity = $"P{severity}",
            Status = "Open — nobody has acknowledged yet",
            Facts = [new CardFact("Mentions", "12"), new CardFact("Why", "benchmark backlog")],
            Texts = [new CardText($"Mention {id}: the charger <melted> & smoked", Quote: true)],
            Actions = [new CardAction(ActionVerbs.Acknowledge, "Acknowledge", id, ActionStyle.Primary), new CardAction(ActionVerbs.Draft, "Draft a reply", id)],
        };
        db.Outbox.Add(new OutboxMessage
        {
            IdempotencyKey = $"slack:{channel}:{Subjects.Incident}:{id}:v1",
            Kind = OutboxKinds.SyncCard,
            Platform = "slack",
            Channel = channel,
            SubjectType = Subjects.Incident,
            SubjectId = id,
            SubjectVersion = 1,
            Priority = severity,
            Payload = CardJson.Serialize(card),
            State = OutboxState.Pending,
            CreatedAt = start.AddSeconds(i),
        });
    }

    await db.SaveChangesAsync();
}

await services.DisposeAsync();
SqliteConnection.ClearAllPools();
Console.WriteLine($"queued {count} alerts for {string.Join(", ", channels)} in {file}");
return 0;
