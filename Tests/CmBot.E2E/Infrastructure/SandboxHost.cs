using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CmBot.E2E.Infrastructure;

/// <summary>
/// The real CmBot host (its <c>Program</c>, Kestrel on a free loopback port) with a fresh temporary data
/// folder and its own Quartz scheduler name, so a browser can reach it and nothing leaks between runs.
/// Disposing stops the host and deletes the data folder.
/// </summary>
public sealed class SandboxHost : IAsyncDisposable
{
    private readonly HostFactory _factory;

    private SandboxHost(HostFactory factory, string dataFolder, Uri baseAddress)
    {
        _factory = factory;
        DataFolder = dataFolder;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the browser reaches the host, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The temporary folder holding this host's SQLite database.</summary>
    public string DataFolder { get; }

    /// <summary>Starts the host and returns once Kestrel listens (the replay feed then runs in the background).</summary>
    /// <param name="settings">
    /// Extra host settings, computed from the fresh data folder (e.g. files written there); null keeps the defaults.
    /// </param>
    public static SandboxHost Start(Func<string, IEnumerable<KeyValuePair<string, string?>>>? settings = null)
    {
        var dataFolder = Directory.CreateTempSubdirectory("cmbot-e2e-").FullName;
        var schedulerName = "CmBot-E2E-" + Guid.NewGuid().ToString("N");
        var factory = new HostFactory(dataFolder, schedulerName, settings?.Invoke(dataFolder).ToList() ?? []);
        try
        {
            factory.UseKestrel(0);
            factory.StartServer();
            var addresses = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal))
                ?? throw new InvalidOperationException("The host listens on no http:// address: " + string.Join(", ", addresses));
            return new SandboxHost(factory, dataFolder, Loopback(address));
        }
        catch
        {
            factory.Dispose();
            DeleteQuietly(dataFolder);
            throw;
        }
    }

    /// <summary>
    /// Clicks a button the way another person's browser would (POST /sandbox/api/actions) and returns the HTTP
    /// status; for changes made behind the page's back.
    /// </summary>
    public async Task<HttpStatusCode> PostActionAsync(
        string personId,
        string verb,
        string targetId,
        string channel,
        string messageId,
        IReadOnlyDictionary<string, string> inputs,
        CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.PostAsJsonAsync(
            "sandbox/api/actions",
            new { personId, verb, targetId, channel, messageId, inputs },
            cancellationToken);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        SqliteConnection.ClearAllPools();
        DeleteQuietly(DataFolder);
    }

    /// <summary>Kestrel reports wildcard or localhost addresses; the browser gets the IPv4 loopback with the real port.</summary>
    private static Uri Loopback(string address)
    {
        var port = new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal)).Port;
        return new UriBuilder(Uri.UriSchemeHttp, "127.0.0.1", port, "/").Uri;
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open (SQLite WAL): the OS cleans temp folders eventually.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }

    /// <summary>The host's services (to look at its store in assertions).</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>
    /// The shipped routing.yaml without its 30 s group_wait and 5 min group_interval, so a person sees each alert and note as soon as it is queued
    /// (group_wait is tested in the Bot tests).
    /// </summary>
    private static string ImmediateRoutingFile(string dataFolder)
    {
        var sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "routing.yaml"));
        var path = Path.Combine(dataFolder, "routing-immediate.yaml");
        Directory.CreateDirectory(dataFolder);
        File.WriteAllText(path, sample.Replace("group_wait: 30s", "group_wait: 0s", StringComparison.Ordinal).Replace("group_interval: 5m", "group_interval: 0s", StringComparison.Ordinal));
        return path;
    }

    private sealed class HostFactory(string dataFolder, string schedulerName, IReadOnlyList<KeyValuePair<string, string?>> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // Host settings reach Program before builder.Build(), where storage and Quartz read them.
            builder.UseSetting("CmBot:DataFolder", dataFolder);
            builder.UseSetting("Scheduling:SchedulerName", schedulerName);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:CmBot", "Information");
            builder.UseSetting("CmBot:RoutingFile", ImmediateRoutingFile(dataFolder));
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
