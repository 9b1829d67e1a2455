namespace Climaborough.Server.Tests.Labs;

using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>The lab matrix on a workshop's private brainstorm: reading the counters (readers) and revealing (moderators).</summary>
public sealed partial class AuthorizationMatrixTests
{
    public static TheoryData<string, string, string> PrivateHubCases() => Cases([nameof(ILiveHub.PrivateNotes), nameof(ILiveHub.RevealPrivateNotes)]);

    [Theory]
    [MemberData(nameof(PrivateHubCases))]
    public async Task Private_brainstorm_hub_methods_allow_exactly_what_the_policy_allows(string method, string person, string lab)
    {
        var action = HubMethods[method]!.Value;
        await using var hub = await TestHubs.ConnectAsync(fixture.Url, person == "anonymous" ? null : person, Ct);
        bool succeeded;
        try
        {
            succeeded = method == nameof(ILiveHub.PrivateNotes)
                ? (await hub.InvokeAsync<PrivateNotesView>(method, fixture.Boards[lab], Ct)) is not null
                : (await hub.InvokeAsync<EditResult>(method, fixture.Labs[lab], fixture.Votes[lab].SessionId, Ct)).Ok;
        }
        catch (HubException)
        {
            succeeded = false;
        }

        // Both need a signed-in person, like everything on boards.
        var allowed = Allowed(action, person, lab) && person != "anonymous";
        Assert.True(allowed == succeeded, $"{person} on the {lab} lab: {method} should be {(allowed ? "allowed" : "refused")}");
    }
}
