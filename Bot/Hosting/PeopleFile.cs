using CmBot.Core.People;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CmBot.Bot.Hosting;

/// <summary>Reads people.yaml: the team, their roles and their chat identities.</summary>
public static class PeopleFile
{
    public static IReadOnlyList<Person> Load(string path)
    {
        var document = YamlFiles.Load<PeopleDocument>(path, "CmBot:PeopleFile");

        var people = new List<Person>();
        foreach (var entry in document.People)
        {
            if (string.IsNullOrWhiteSpace(entry.Id) || string.IsNullOrWhiteSpace(entry.Name))
            {
                throw new ConfigurationException($"{path}: every person needs an 'id' and a 'name'.");
            }

            var roles = entry.Roles.Select(r => ParseRole(path, entry.Id, r)).ToList();
            people.Add(new Person(entry.Id, entry.Name, roles, entry.Email, entry.Slack, entry.Teams));
        }

        if (people.Count == 0)
        {
            throw new ConfigurationException($"{path}: declares nobody; add at least one person under 'people:'.");
        }

        return people;
    }

    private static Role ParseRole(string path, string id, string value)
    {
        var normalised = value.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal);
        return Enum.TryParse<Role>(normalised, ignoreCase: true, out var role)
            ? role
            : throw new ConfigurationException(
                $"{path}: person '{id}' has unknown role '{value}' (known: community-manager, lead, legal, comms, ceo, admin).");
    }

    private sealed class PeopleDocument
    {
        public List<PersonEntry> People { get; set; } = [];
    }

    private sealed class PersonEntry
    {
        public string Id { get; set; } = string.Empty;
        public string Name { get; set; } = string.Empty;
        public List<string> Roles { get; set; } = [];
        public string? Email { get; set; }
        public string? Slack { get; set; }
        public string? Teams { get; set; }
    }
}

/// <summary>Reads CmBot's YAML configuration files (camelCase keys; unknown keys are errors).</summary>
internal static class YamlFiles
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    /// <summary>Deserialises the file; a missing file or bad YAML stops start-up naming the key, the file and the line.</summary>
    public static T Load<T>(string path, string key)
        where T : new()
    {
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"{key}: '{path}' does not exist.");
        }

        try
        {
            return Deserializer.Deserialize<T>(File.ReadAllText(path)) ?? new T();
        }
        catch (YamlException ex)
        {
            throw new ConfigurationException($"{path} line {ex.Start.Line}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
    }
}
