namespace Climaborough.Grains.Tests.Labs;

using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Realtime;
using Climaborough.Contracts;
using Climaborough.Grains.Tests.Realtime;
using Climaborough.Testing;
using static Climaborough.Grains.Tests.People;

/// <summary>
/// Promises of docs/security.md about members, roles and invitations, kept by the lab grain (on a silo
/// whose clock the test moves, for invitations that expire).
/// </summary>
public sealed class LabSecurityPromisesTests(EmbeddedManualClockFixture fixture) : IClassFixture<EmbeddedManualClockFixture>
{
    [Fact]
    public async Task Demoting_a_moderator_tells_every_watching_node_before_it_returns_so_facilitator_detail_stops()
    {
        var lab = await NewLabAsync(LabVisibility.Private);
        await InviteAsync(lab, Ivan, LabRole.Moderator);
        var node = new RecordingNodeObserver();
        await lab.SubscribeAsync(fixture.Grains.CreateObjectReference<INodeObserver>(node));

        Assert.True((await lab.SetRoleAsync(Maria, Ivan.UserId, LabRole.Member)).Ok);

        // Already there when SetRoleAsync returned: Ivan still reads, but no longer as a moderator.
        var change = Assert.IsType<LabAccessChanged>(Assert.Single(node.Revocations));
        Assert.Equal(LabRole.Member, change.Members[Ivan.UserId]);
        Assert.True(change.MayRead(Ivan.UserId, Ivan.CityId));

        // Raising a role takes nothing away: no revocation.
        Assert.True((await lab.SetRoleAsync(Maria, Ivan.UserId, LabRole.Moderator)).Ok);
        Assert.Single(node.Revocations);
    }

    [Fact]
    public async Task Leaving_a_lab_one_may_not_read_gets_exactly_the_answer_of_a_lab_that_does_not_exist()
    {
        var lab = await NewLabAsync(LabVisibility.Private);
        var missing = fixture.Grains.GetGrain<ILabGrain>(LabIds.New());

        var hidden = await lab.RemoveAsync(Olga, Olga.UserId);
        var absent = await missing.RemoveAsync(Olga, Olga.UserId);

        Assert.Equal(ErrorCodes.NotFound, hidden.Code);
        Assert.Equal((absent.Code, absent.Message), (hidden.Code, hidden.Message));
        Assert.Equal((await missing.ViewAsync(Olga)).Message, hidden.Message);

        // Someone who may read but is no member still hears that they are none.
        var network = await NewLabAsync(LabVisibility.Network);
        Assert.Equal(ErrorCodes.Invalid, (await network.RemoveAsync(Olga, Olga.UserId)).Code);
    }

    [Fact]
    public async Task A_moderator_removing_the_sole_owner_is_refused_for_the_role_not_for_the_last_owner()
    {
        var lab = await NewLabAsync(LabVisibility.Private);
        await InviteAsync(lab, Ivan, LabRole.Moderator);

        var removed = await lab.RemoveAsync(Ivan, Maria.UserId);

        Assert.Equal(ErrorCodes.Forbidden, removed.Code);
        Assert.Contains(Maria.UserId, (await lab.ViewAsync(Maria)).Value!.Members.Select(m => m.UserId));

        // The owner herself, leaving as the last owner, is the one who hears of the last-owner rule.
        Assert.Equal(ErrorCodes.Conflict, (await lab.RemoveAsync(Maria, Maria.UserId)).Code);
    }

    [Fact]
    public async Task A_lab_invitation_link_works_for_the_invitation_lifetime_and_then_is_answered_as_an_unknown_token()
    {
        var lab = await NewLabAsync(LabVisibility.Private);
        var token = "hash-" + Guid.NewGuid().ToString("N");
        Assert.True((await lab.InviteAsync(Maria, null, "newcomer@example.org", token, LabRole.Member)).Ok);
        var unknownPreview = await lab.PreviewInvitationAsync("hash-nobody");
        var unknownAccept = await lab.AcceptAsync(Olga, null, "hash-nobody");

        fixture.Clock.Advance(LabOptions.DefaultInvitationLifetime - TimeSpan.FromHours(1));
        Assert.True((await lab.PreviewInvitationAsync(token)).Ok);

        fixture.Clock.Advance(TimeSpan.FromHours(2));
        var preview = await lab.PreviewInvitationAsync(token);
        var accept = await lab.AcceptAsync(Olga, null, token);

        Assert.Equal(ErrorCodes.NotFound, preview.Code);
        Assert.Equal((unknownPreview.Code, unknownPreview.Message), (preview.Code, preview.Message));
        Assert.Equal((unknownAccept.Code, unknownAccept.Message), (accept.Code, accept.Message));
        Assert.DoesNotContain(Olga.UserId, (await lab.ViewAsync(Maria)).Value!.Members.Select(m => m.UserId));

        // Inviting the same address again gives a new link that works, not the expired one.
        var again = "hash-" + Guid.NewGuid().ToString("N");
        Assert.True((await lab.InviteAsync(Maria, null, "newcomer@example.org", again, LabRole.Member)).Ok);
        Assert.True((await lab.AcceptAsync(Olga, null, again)).Ok);
    }

    private async Task<ILabGrain> NewLabAsync(LabVisibility visibility)
    {
        var lab = fixture.Grains.GetGrain<ILabGrain>(LabIds.New());
        Assert.True((await lab.CreateAsync(Maria, new CreateLabRequest("Lab", LabThemes.EnergyAndMobility, "About", visibility))).Ok);
        return lab;
    }

    private static async Task InviteAsync(ILabGrain lab, Actor who, LabRole role)
    {
        var invitation = await lab.InviteAsync(Maria, who.UserId, null, null, role);
        Assert.True(invitation.Ok, invitation.Message);
        Assert.True((await lab.AcceptAsync(who, invitation.Value!.Id, null)).Ok);
    }
}
