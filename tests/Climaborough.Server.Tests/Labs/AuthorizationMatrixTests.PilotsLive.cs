namespace Climaborough.Server.Tests.Labs;

using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>
/// The lab matrix on following pilots live: <c>WatchPilot</c> is allowed exactly where reading the pilot's lab
/// is (anyone on a public lab), and a non-reader hears exactly what a missing pilot says; a hub's dashboard
/// may be followed by anyone, as the dashboard may be read by anyone.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    public static TheoryData<string, string, string> PilotHubCases() => Cases([nameof(ILiveHub.WatchPilot)]);

    [Theory]
    [MemberData(nameof(PilotHubCases))]
    public async Task Watching_a_pilot_needs_read_access_to_its_lab_and_a_non_reader_hears_what_a_missing_pilot_says(string method, string person, string lab)
    {
        var pilots = await PilotsAsync();
        await using var hub = await TestHubs.ConnectAsync(fixture.Url, person == "anonymous" ? null : person, Ct);
        var missing = "plnosuch" + Guid.NewGuid().ToString("N")[..6];

        async Task<(string? Error, PilotView? View)> CallAsync(string pilotId)
        {
            try
            {
                return (null, await hub.InvokeAsync<PilotView>(method, pilotId, Ct));
            }
            catch (HubException ex)
            {
                return (ex.Message.Replace(pilotId, "ID", StringComparison.Ordinal), null);
            }
        }

        var (error, view) = await CallAsync(pilots[lab]);
        if (Allowed(LabAction.Read, person, lab))
        {
            Assert.Null(error);
            Assert.Equal($"Pilot of {lab}", view!.Summary.Title);
            return;
        }

        Assert.NotNull(error);
        Assert.Equal((await CallAsync(missing)).Error, error);
        Assert.DoesNotContain($"Pilot of {lab}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anyone_may_follow_each_hubs_dashboard()
    {
        foreach (var person in People)
        {
            await using var hub = await TestHubs.ConnectAsync(fixture.Url, person == "anonymous" ? null : person, Ct);
            foreach (var climHub in ClimHubs.All)
            {
                Assert.Equal(climHub.Id, (await hub.InvokeAsync<ClimHub>(nameof(ILiveHub.WatchPilotDashboard), climHub.Id, Ct)).Id);
                await hub.InvokeAsync(nameof(ILiveHub.UnwatchPilotDashboard), climHub.Id, Ct);
            }
        }
    }
}
