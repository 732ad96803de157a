namespace CmBot.E2E.Infrastructure;

// Test names follow Method_Condition_Result.
#pragma warning disable CA1707

public sealed class ChromiumTests
{
    [Fact]
    public async Task LaunchAsync_ButtonPage_ClickAndReadTextWorks()
    {
        await using var browser = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync("data:text/html,<button id=b onclick=\"this.textContent='clicked'\">hi</button>");

        var button = page.Locator("#b");
        Assert.Equal("hi", await button.TextContentAsync());

        await button.ClickAsync();

        Assert.Equal("clicked", await button.TextContentAsync());
    }
}
