namespace CmBot.Core.Routing;

/// <summary>
/// Where an alert goes: logical channel keys (alerts, legal, direction, crisis...) that each platform maps to one
/// of its channels, and/or people (ids from people.yaml) to message directly.
/// </summary>
public sealed record Receiver(string Name, IReadOnlyList<string> Channels, IReadOnlyList<string> People);
