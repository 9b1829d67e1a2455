namespace Climaborough.Server.Tests.Labs;

using Climaborough.Contracts;
using Climaborough.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>The lab matrix on workshop mode's hub methods: readers join, signed-in readers raise hands and react, moderators summon, lower hands, read attendance and lock.</summary>
public sealed partial class AuthorizationMatrixTests
{
    public static TheoryData<string, string, string> FacilitationHubCases() => Cases(
    [
        nameof(ILiveHub.JoinWorkshop), nameof(ILiveHub.Summon), nameof(ILiveHub.SetHand), nameof(ILiveHub.LowerHand),
        nameof(ILiveHub.React), nameof(ILiveHub.WorkshopAttendance), nameof(ILiveHub.SetBoardLocks),
    ]);

    [Theory]
    [MemberData(nameof(FacilitationHubCases))]
    public async Task Facilitation_hub_methods_allow_exactly_what_the_policy_allows(string method, string person, string lab)
    {
        var action = HubMethods[method]!.Value;
        var (labId, sessionId) = (fixture.Labs[lab], fixture.Sessions[lab]);
        await using var hub = await TestHubs.ConnectAsync(fixture.Url, person == "anonymous" ? null : person, Ct);

        bool succeeded;
        string? refusal = null;
        try
        {
            // A hand is raised by someone present: the connection joins first (refused, like the hand, for who may not read).
            if (method == nameof(ILiveHub.SetHand))
            {
                await hub.InvokeAsync<WorkshopJoin>(nameof(ILiveHub.JoinWorkshop), labId, sessionId, Ct);
            }

            (succeeded, refusal) = method switch
            {
                nameof(ILiveHub.JoinWorkshop) => ((await hub.InvokeAsync<WorkshopJoin>(method, labId, sessionId, Ct)) is not null, null),
                nameof(ILiveHub.Summon) => Of(await hub.InvokeAsync<FacilitationAnswer>(method, labId, sessionId, new SummonRequest(SummonKind.Bring, new BoardViewport(0, 0, 800, 600)), Ct)),
                nameof(ILiveHub.SetHand) => Of(await hub.InvokeAsync<FacilitationAnswer>(method, labId, sessionId, false, Ct)),
                nameof(ILiveHub.LowerHand) => Of(await hub.InvokeAsync<FacilitationAnswer>(method, labId, sessionId, fixture.Ids["ivan"], Ct)),
                nameof(ILiveHub.React) => Of(await hub.InvokeAsync<FacilitationAnswer>(method, labId, sessionId, FacilitationLimits.Reactions[0], Ct)),
                nameof(ILiveHub.WorkshopAttendance) => ((await hub.InvokeAsync<AttendanceRecord?>(method, labId, sessionId, Ct)) is not null, null),

                // Nothing locked, before and after: cases run in any order.
                _ => Of(await hub.InvokeAsync<EditResult>(method, fixture.Boards[lab], FacilitatorLocks.None, Ct)),
            };
        }
        catch (HubException ex)
        {
            (succeeded, refusal) = (false, ex.Message);
        }

        // Joining works without signing in where reading does; everything else needs a signed-in person.
        var allowed = Allowed(action, person, lab) && (method == nameof(ILiveHub.JoinWorkshop) || person != "anonymous");
        Assert.True(allowed == succeeded, $"{person} on the {lab} lab: {method} should be {(allowed ? "allowed" : "refused")}, got {refusal}");
        if (!allowed && person != "anonymous")
        {
            // Readers hear "your role does not allow this"; who may not read hears a missing session's (or board's) answer.
            Assert.Contains(Allowed(LabAction.Read, person, lab) ? ErrorCodes.Forbidden : ErrorCodes.NotFound + ":", refusal ?? "forbidden", StringComparison.Ordinal);
            Assert.DoesNotContain(labId, refusal ?? string.Empty, StringComparison.Ordinal);
        }
    }

    private static (bool, string?) Of(FacilitationAnswer answer) => (answer.Ok, answer.ErrorCode);

    private static (bool, string?) Of(EditResult answer) => (answer.Ok, answer.ErrorCode);
}
