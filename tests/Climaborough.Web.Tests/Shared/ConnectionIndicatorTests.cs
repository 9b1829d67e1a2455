namespace Climaborough.Web.Tests.Shared;

using Bunit;
using Climaborough.Client;
using Climaborough.Web.Shared;

public sealed class ConnectionIndicatorTests : WebTestContext
{
    [Theory]
    [InlineData(LiveState.Connected, "Connected")]
    [InlineData(LiveState.Reconnecting, "Reconnecting…")]
    [InlineData(LiveState.Offline, "Offline")]
    public void It_shows_the_live_connection_state_as_it_changes(LiveState state, string text)
    {
        var cut = Render<ConnectionIndicator>();
        Assert.Contains("Connecting…", cut.Find("[data-testid=connection]").TextContent, StringComparison.Ordinal);

        Live.SetState(state);

        cut.WaitForAssertion(() =>
        {
            var indicator = cut.Find("[data-testid=connection]");
            Assert.Equal(text, indicator.TextContent.Trim());
            Assert.Equal(state.ToString(), indicator.GetAttribute("data-state"));
        });
    }
}

public sealed class ConnectionIndicatorInBulgarianTests() : WebTestContext("bg")
{
    [Fact]
    public void It_speaks_bulgarian_when_the_culture_is_bulgarian()
    {
        var cut = Render<ConnectionIndicator>();
        Live.SetState(LiveState.Offline);
        cut.WaitForAssertion(() => Assert.Equal("Няма връзка", cut.Find("[data-testid=connection]").TextContent.Trim()));
    }
}
