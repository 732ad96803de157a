using CmBot.Bot.Reporting;

namespace CmBot.Bot.Tests.Reporting;

public sealed class ExportWriterTests
{
    [Fact]
    public async Task Csv_TrickyText_RoundTripsExactly()
    {
        var ct = TestContext.Current.CancellationToken;
        MentionRow[] rows =
        [
            new(Guid.NewGuid(), "rss", "a,1", new DateTimeOffset(2026, 11, 26, 15, 0, 0, 123, TimeSpan.Zero).AddTicks(4560), "@x \"quoted\"", 12, "fr",
                -0.123456789012345, "P1", "safety,legal", Guid.NewGuid(), "https://ex.example/a?b=1&c=2", "Ligne 1\nligne 2, « brûlé » ; =cmd"),
            new(Guid.NewGuid(), "replay", "b", new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.FromHours(1)), "", 0, "en", 0, "P4", "", null, null, ""),
        ];
        using var stream = new MemoryStream();

        await ExportWriter.WriteCsvAsync(stream, rows, ct);
        stream.Position = 0;
        var back = await ExportWriter.ReadCsvAsync<MentionRow>(stream, ct);

        Assert.Equal(rows.Select(Normalise), back.Select(Normalise));
    }

    [Fact]
    public async Task Csv_NullableInstants_RoundTrip()
    {
        var ct = TestContext.Current.CancellationToken;
        IncidentRow[] rows =
        [
            new(Guid.NewGuid(), 1, "k2", "K2 recall", "P1", "Acknowledged", DateTimeOffset.UnixEpoch.AddDays(20000), DateTimeOffset.UnixEpoch.AddDays(20000).AddMinutes(7), "camille", 15, 12, 300_000, "safety", "P1: x"),
            new(Guid.NewGuid(), 2, "k3", "Other", "P3", "Open", DateTimeOffset.UnixEpoch.AddDays(20001), null, null, 1, 0, 0, "", ""),
        ];
        using var stream = new MemoryStream();

        await ExportWriter.WriteCsvAsync(stream, rows, ct);
        stream.Position = 0;

        Assert.Equal(rows.Select(r => r with { AcknowledgedBy = r.AcknowledgedBy ?? string.Empty }), await ExportWriter.ReadCsvAsync<IncidentRow>(stream, ct));
    }

    // CSV has no null for strings: an absent URL comes back empty, which is how spreadsheets show it too (JSON keeps null).
    private static MentionRow Normalise(MentionRow row) => row with { Url = row.Url ?? string.Empty };
}
