using System.ComponentModel.DataAnnotations;
using CmBot.Bot.Teams;
using CmBot.Bot.Tests.Infrastructure;

namespace CmBot.Bot.Tests.Teams;

public sealed class TeamsOptionsTests
{
    private static TeamsOptions Valid() => new()
    {
        Enabled = true,
        AppId = FakeBotFrameworkIdentity.AppId,
        AppPassword = "secret",
        Channels = new TeamsChannelOptions { Alerts = "19:alerts@thread.tacv2" },
    };

    private static List<string> Errors(TeamsOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage!).ToList();
    }

    [Fact]
    public void Validate_Disabled_NothingRequired()
    {
        Assert.Empty(Errors(new TeamsOptions()));
    }

    [Fact]
    public void Validate_Complete_NoErrors()
    {
        Assert.Empty(Errors(Valid()));
    }

    [Fact]
    public void Validate_EnabledWithoutAppIdSecretOrAlerts_NamesEachKey()
    {
        var errors = Errors(new TeamsOptions { Enabled = true });

        Assert.Contains(errors, e => e.StartsWith("Teams:AppId is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Teams:AppPassword or Teams:CertificatePath is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Teams:Channels:Alerts is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TenantNotAGuid_NamesKey()
    {
        var options = Valid();
        options.TenantId = "contoso";

        Assert.Equal(["Teams:TenantId must be a tenant GUID, not 'contoso'."], Errors(options));
    }

    [Fact]
    public void Validate_HttpMetadataWhileHttpsRequired_NamesKey()
    {
        var options = Valid();
        options.OpenIdMetadataUrl = new Uri("http://127.0.0.1:5000/v1/.well-known/openidconfiguration");

        Assert.Contains(Errors(options), e => e.StartsWith("Teams:OpenIdMetadataUrl must be an absolute https URL", StringComparison.Ordinal));
    }

    [Fact]
    public void Resolve_SingleTenant_TenantAuthorityAndEntraMetadata()
    {
        var options = Valid();
        options.TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

        Assert.Equal("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token", options.ResolvedTokenEndpoint.AbsoluteUri);
        Assert.Equal("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0/.well-known/openid-configuration", options.ResolvedEntraMetadataUrl!.AbsoluteUri);
        Assert.Null(Valid().ResolvedEntraMetadataUrl);
        Assert.Equal("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token", Valid().ResolvedTokenEndpoint.AbsoluteUri);
    }

    [Fact]
    public async Task Start_TeamsEnabledWithoutAppId_ExitsNamingKey()
    {
        var result = await BotProcess.RunUntilExitAsync(
            new Dictionary<string, string> { ["Teams__Enabled"] = "true", ["Teams__AppPassword"] = "s3cr3t-app-password", ["Teams__Channels__Alerts"] = "19:a" },
            TimeSpan.FromSeconds(60),
            TestContext.Current.CancellationToken);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Teams:AppId is required when Teams:Enabled is true", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-app-password", result.StandardError + result.StandardOutput, StringComparison.Ordinal);
    }
}
