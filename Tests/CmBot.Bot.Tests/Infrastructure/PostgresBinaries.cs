using System.Globalization;

namespace CmBot.Bot.Tests.Infrastructure;

/// <summary>Finds the locally installed PostgreSQL server binaries (initdb, pg_ctl, postgres).</summary>
internal static class PostgresBinaries
{
    /// <summary>Directory holding initdb, pg_ctl and postgres, symlinks resolved; null when absent.</summary>
    public static string? FindBinDirectory()
    {
        var candidates = new List<string> { "/usr/local/bin" };

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(
                Directory.GetDirectories("/usr/lib/postgresql")
                    .Select(dir => (dir, version: ParseVersion(Path.GetFileName(dir))))
                    .OrderByDescending(entry => entry.version)
                    .Select(entry => Path.Combine(entry.dir, "bin")));
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        candidates.AddRange(path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));

        foreach (var candidate in candidates)
        {
            var initdb = ResolveExecutable(Path.Combine(candidate, "initdb"));
            var pgCtl = ResolveExecutable(Path.Combine(candidate, "pg_ctl"));
            if (initdb is null || pgCtl is null)
            {
                continue;
            }

            // pg_ctl starts the "postgres" binary found next to its own (resolved) location.
            var dir = Path.GetDirectoryName(pgCtl)!;
            if (Path.GetDirectoryName(initdb) == dir && File.Exists(Path.Combine(dir, "postgres")))
            {
                return dir;
            }
        }

        return null;
    }

    private static double ParseVersion(string name) =>
        double.TryParse(name, NumberStyles.Float, CultureInfo.InvariantCulture, out var version) ? version : -1;

    private static string? ResolveExecutable(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return null;
            }

            var target = info.LinkTarget is null ? info : info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo;
            return target is { Exists: true } ? target.FullName : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
