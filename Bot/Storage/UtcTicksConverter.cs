using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CmBot.Bot.Storage;

/// <summary>DateTimeOffset as UTC ticks: ordered and comparable in SQLite, which has no date type.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));
