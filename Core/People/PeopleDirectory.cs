namespace CmBot.Core.People;

/// <summary>Finds the CmBot person behind a chat identity.</summary>
public sealed class PeopleDirectory
{
    private readonly Dictionary<string, Person> _byId;

    public PeopleDirectory(IEnumerable<Person> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        _byId = new Dictionary<string, Person>(StringComparer.OrdinalIgnoreCase);
        foreach (var person in people)
        {
            if (!_byId.TryAdd(person.Id, person))
            {
                throw new ArgumentException($"Person id '{person.Id}' is declared twice.", nameof(people));
            }
        }
    }

    public IReadOnlyCollection<Person> All => _byId.Values;

    public Person? FindById(string id) => _byId.GetValueOrDefault(id);

    public Person? FindBySlackUser(string slackUserId) =>
        _byId.Values.FirstOrDefault(p => string.Equals(p.SlackUserId, slackUserId, StringComparison.Ordinal));

    public Person? FindByEmail(string email) =>
        _byId.Values.FirstOrDefault(p => string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase));
}
