using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CmBot.Core.Incidents;

namespace CmBot.Core.Tests.Architecture;

/// <summary>Core is the pure domain: it must not reach ASP.NET Core, EF Core, Quartz or HTTP.</summary>
public sealed partial class CorePurityTests
{
    private static readonly string[] Forbidden =
    [
        "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Quartz", "System.Net.Http", "Npgsql", "Microsoft.Data.Sqlite",
    ];

    [Fact]
    public void CoreAssembly_ReferencedAssemblies_NoneForbidden()
    {
        var referenced = typeof(Incident).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty);

        var offending = referenced.Where(IsForbidden).ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void CoreProject_PackageAndProjectReferences_NoneForbiddenOrExternal()
    {
        var project = XDocument.Load(Path.Combine(RepoRoot(), "Core", "CmBot.Core.csproj"));

        var references = project.Descendants()
            .Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference" or "FrameworkReference")
            .Select(e => (string?)e.Attribute("Include") ?? string.Empty)
            .ToList();

        Assert.Empty(references);
        Assert.Equal("Microsoft.NET.Sdk", (string?)project.Root?.Attribute("Sdk"));
    }

    [Fact]
    public void CoreSources_UsingDirectives_NoneForbidden()
    {
        var core = Path.Combine(RepoRoot(), "Core");
        var offending = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select(line => (File: f, Line: line)))
            .Where(x => UsingLine().Match(x.Line) is { Success: true } m && IsForbidden(m.Groups["ns"].Value))
            .Select(x => $"{Path.GetFileName(x.File)}: {x.Line.Trim()}")
            .ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void IsForbidden_EntityFrameworkNamespace_True()
    {
        // Guards the guard: the checks above only mean something if the matcher recognises a forbidden name.
        Assert.True(IsForbidden("Microsoft.EntityFrameworkCore.Relational"));
        Assert.True(IsForbidden("System.Net.Http"));
        Assert.False(IsForbidden("System.Text.Json"));
    }

    private static bool IsForbidden(string name) =>
        Forbidden.Any(f => name.Equals(f, StringComparison.Ordinal) || name.StartsWith(f + ".", StringComparison.Ordinal));

    internal static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CmBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("CmBot.sln not found above the test folder.");
    }

    [GeneratedRegex(@"^\s*(global\s+)?using\s+(static\s+)?(?<ns>[A-Za-z0-9_.]+)\s*;")]
    private static partial Regex UsingLine();
}
