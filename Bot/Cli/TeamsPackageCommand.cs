using System.CommandLine;
using CmBot.Bot.Teams.Package;

namespace CmBot.Bot.Cli;

/// <summary>
/// `teams-package --app-id GUID --host cmbot.example.com [--out cmbot-teams.zip] [--name "CmBot"]`: writes the
/// Teams app package to upload in Teams ("Upload a custom app" or the Teams admin center). Exits 2 on bad input.
/// </summary>
public static class TeamsPackageCommand
{
    public static Command Create()
    {
        var appId = new Option<string?>("--app-id") { Description = "The bot's Microsoft App ID (GUID of the Azure Bot / Entra ID app registration). Required." };
        var host = new Option<string?>("--host") { Description = "CmBot's public host name, e.g. cmbot.example.com (no scheme or path). Required." };
        var output = new Option<FileInfo>("--out") { Description = "The zip to write.", DefaultValueFactory = _ => new FileInfo(TeamsAppPackage.DefaultOutput) };
        var name = new Option<string?>("--name") { Description = $"The app's name in Teams (at most {TeamsAppPackage.MaxShortName} characters); CmBot when absent." };
        var command = new Command("teams-package", "Write the Teams app package (manifest.json and icons) for upload in Teams.");
        foreach (var option in new Option[] { appId, host, output, name })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var (id, hostName, title) = (parse.GetValue(appId), parse.GetValue(host), parse.GetValue(name));
            if (TeamsAppPackage.Check(id, hostName, title) is { } problem)
            {
                await Console.Error.WriteLineAsync(problem);
                return 2;
            }

            var file = parse.GetValue(output)!;
            try
            {
                file.Directory?.Create();
                await using (var stream = new FileStream(file.FullName, FileMode.Create, FileAccess.Write))
                {
                    TeamsAppPackage.Write(stream, id!, hostName!, title);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"Cannot write {file.FullName}: {ex.Message}");
                return 2;
            }

            await Console.Out.WriteLineAsync($"Wrote {file.FullName}: upload it in Teams (Apps > Manage your apps > Upload an app). Messaging endpoint: https://{hostName}/api/messages");
            return 0;
        });
        return command;
    }
}
