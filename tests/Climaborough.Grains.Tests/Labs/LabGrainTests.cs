namespace Climaborough.Grains.Tests.Labs;

using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Users;
using Climaborough.Contracts;
using Climaborough.Testing;
using static Climaborough.Grains.Tests.People;

/// <summary>
/// A living lab's people as its coordinators manage them: invitations (to an account or by link), roles,
/// the rule that a lab keeps an owner, who may read by visibility, and bad settings refused; on each
/// storage backend, surviving a reload.
/// </summary>
public abstract class LabGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_invitation_waits_in_the_invitees_list_until_they_accept_it_and_only_they_can()
    {
        var lab = await NewLabAsync(LabVisibility.Private);
        var ivan = Guid.NewGuid().ToString("N");
        var invitee = Ivan with { UserId = "u-" + ivan[..8] };

        var invitation = await lab.InviteAsync(Maria, invitee.UserId, null, null, LabRole.Member);
        Assert.True(invitation.Ok, invitation.Message);
        Assert.Equal((LabRole.Member, "Maria Petrova", "Safer streets"), (invitation.Value!.Role, invitation.Value.InvitedBy, invitation.Value.LabTitle));
        Assert.Equal(invitation.Value.Id, (await lab.InviteAsync(Maria, invitee.UserId, null, null, LabRole.Member)).Value!.Id); // the same person again: the same invitation
        var waiting = Assert.Single(await fixture.Grains.GetGrain<IUserGrain>(invitee.UserId).GetInvitationsAsync());
        Assert.Equal(invitation.Value.Id, waiting.Id);

        // Someone else holding the id gets nothing; an invitee cannot read the private lab before accepting.
        Assert.Equal(ErrorCodes.NotFound, (await lab.AcceptAsync(Giulia, invitation.Value.Id, null)).Code);
        Assert.Equal(ErrorCodes.NotFound, (await lab.ViewAsync(invitee)).Code);

        var joined = await lab.AcceptAsync(invitee, invitation.Value.Id, null);
        Assert.True(joined.Ok, joined.Message);
        Assert.Equal(LabRole.Member, joined.Value!.YourRole);
        Assert.Empty(await fixture.Grains.GetGrain<IUserGrain>(invitee.UserId).GetInvitationsAsync());
        Assert.Equal(LabRole.Member, (await fixture.Grains.GetGrain<IUserGrain>(invitee.UserId).GetLabsAsync())[lab.GetPrimaryKeyString()]);
        Assert.Equal(ErrorCodes.NotFound, (await lab.AcceptAsync(invitee, invitation.Value.Id, null)).Code); // used
        Assert.Equal(ErrorCodes.Conflict, (await lab.InviteAsync(Maria, invitee.UserId, null, null, LabRole.Moderator)).Code);

        await fixture.Cluster.DeactivateAsync(lab);
        var details = (await lab.ViewAsync(invitee)).Value!;
        Assert.Contains(details.Members, m => m.UserId == invitee.UserId && m.Role == LabRole.Member && m.Name == "Ivan Georgiev");
        Assert.Contains(details.Activity, a => a.Kind == "joined" && a.ActorName == "Ivan Georgiev");
    }

    [Fact]
    public async Task A_link_invitation_shows_its_lab_to_whoever_holds_it_and_is_used_up_by_the_first_to_accept()
    {
        var lab = await NewLabAsync(LabVisibility.Private);
        var token = "h" + Guid.NewGuid().ToString("N");
        var invitation = await lab.InviteAsync(Maria, null, "giulia@example.org", token, LabRole.Observer);
        Assert.True(invitation.Ok, invitation.Message);

        var preview = await lab.PreviewInvitationAsync(token);
        Assert.True(preview.Ok, preview.Message);
        Assert.Equal(new LabInvitationPreview(lab.GetPrimaryKeyString(), "Safer streets", "sofia", "Maria Petrova", LabRole.Observer), preview.Value!.Preview);
        Assert.Equal("giulia@example.org", preview.Value.Email);
        Assert.Equal(ErrorCodes.NotFound, (await lab.PreviewInvitationAsync("h" + Guid.NewGuid().ToString("N"))).Code);
        Assert.Equal(ErrorCodes.NotFound, (await lab.AcceptAsync(Giulia, null, "h" + Guid.NewGuid().ToString("N"))).Code);

        Assert.Equal(LabRole.Observer, (await lab.AcceptAsync(Giulia, null, token)).Value!.YourRole);
        Assert.Equal(ErrorCodes.NotFound, (await lab.PreviewInvitationAsync(token)).Code);
        Assert.Equal(ErrorCodes.NotFound, (await lab.AcceptAsync(Olga, null, token)).Code);
        Assert.Equal(ErrorCodes.NotFound, (await lab.ViewAsync(Olga)).Code);
    }

    [Fact]
    public async Task Moderators_manage_members_but_only_owners_make_unmake_or_remove_owners()
    {
        var lab = await NewLabAsync(LabVisibility.Private);
        await JoinAsync(lab, Giulia, LabRole.Owner);
        await JoinAsync(lab, Elena, LabRole.Moderator);
        await JoinAsync(lab, Ivan, LabRole.Member);

        // A member manages nobody, and cannot invite (he reads the lab, so he is told why).
        Assert.Equal(ErrorCodes.Forbidden, (await lab.InviteAsync(Ivan, Olga.UserId, null, null, LabRole.Observer)).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await lab.SetRoleAsync(Ivan, Elena.UserId, LabRole.Observer)).Code);

        // A moderator invites and changes members' roles, but not to or from owner, and removes no owner (there are two).
        Assert.Equal(ErrorCodes.Forbidden, (await lab.InviteAsync(Elena, Olga.UserId, null, null, LabRole.Owner)).Code);
        Assert.True((await lab.InviteAsync(Elena, Olga.UserId, null, null, LabRole.Member)).Ok);
        Assert.Equal(ErrorCodes.Forbidden, (await lab.SetRoleAsync(Elena, Ivan.UserId, LabRole.Owner)).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await lab.SetRoleAsync(Elena, Maria.UserId, LabRole.Member)).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await lab.RemoveAsync(Elena, Maria.UserId)).Code);
        Assert.True((await lab.SetRoleAsync(Elena, Ivan.UserId, LabRole.Observer)).Ok);
        Assert.False(await lab.AllowsAsync(Ivan, LabAction.Contribute));
        Assert.True(await lab.AllowsAsync(Ivan, LabAction.Read));
        Assert.Equal(ErrorCodes.Invalid, (await lab.SetRoleAsync(Elena, Olga.UserId, LabRole.Member)).Code);

        // A member leaves by himself; a moderator removes a member.
        Assert.True((await lab.RemoveAsync(Ivan, Ivan.UserId)).Ok);
        Assert.Equal(ErrorCodes.NotFound, (await lab.ViewAsync(Ivan)).Code);
        Assert.False((await fixture.Grains.GetGrain<IUserGrain>(Ivan.UserId).GetLabsAsync()).ContainsKey(lab.GetPrimaryKeyString()));

        await fixture.Cluster.DeactivateAsync(lab);
        var members = (await lab.ViewAsync(Maria)).Value!.Members;
        Assert.Equal([(Giulia.UserId, LabRole.Owner), (Maria.UserId, LabRole.Owner), (Elena.UserId, LabRole.Moderator)], members.Select(m => (m.UserId, m.Role)));
    }

    [Fact]
    public async Task A_lab_keeps_at_least_one_owner()
    {
        var lab = await NewLabAsync(LabVisibility.Private);
        await JoinAsync(lab, Elena, LabRole.Moderator);

        Assert.Equal(ErrorCodes.Conflict, (await lab.SetRoleAsync(Maria, Maria.UserId, LabRole.Moderator)).Code);
        Assert.Equal(ErrorCodes.Conflict, (await lab.RemoveAsync(Maria, Maria.UserId)).Code);
        Assert.Equal(LabRole.Owner, (await lab.ViewAsync(Maria)).Value!.YourRole);

        // With a second owner, the first may step down or leave; then the second is the last.
        Assert.True((await lab.SetRoleAsync(Maria, Elena.UserId, LabRole.Owner)).Ok);
        Assert.True((await lab.RemoveAsync(Maria, Maria.UserId)).Ok);
        Assert.Equal(ErrorCodes.NotFound, (await lab.ViewAsync(Maria)).Code);
        Assert.Equal(ErrorCodes.Conflict, (await lab.SetRoleAsync(Elena, Elena.UserId, LabRole.Member)).Code);
        Assert.Equal(ErrorCodes.Conflict, (await lab.RemoveAsync(Elena, Elena.UserId)).Code);

        await fixture.Cluster.DeactivateAsync(lab);
        Assert.Equal((Elena.UserId, LabRole.Owner), (await lab.ViewAsync(Elena)).Value!.Members.Select(m => (m.UserId, m.Role)).Single());
    }

    [Fact]
    public async Task Visibility_decides_who_reads_and_whoever_may_not_gets_the_answer_of_a_lab_that_does_not_exist()
    {
        var missing = await fixture.Grains.GetGrain<ILabGrain>(LabIds.New()).ViewAsync(Olga);
        Assert.Equal(ErrorCodes.NotFound, missing.Code);

        var lab = await NewLabAsync(LabVisibility.Private);
        foreach (var stranger in new Actor?[] { Olga, null })
        {
            var refused = await lab.ViewAsync(stranger);
            Assert.Equal((missing.Code, missing.Message), (refused.Code, refused.Message));
            Assert.Null(refused.Value);
            Assert.Null(await lab.SummaryAsync(stranger));
            Assert.Equal(LabAccess.None, await lab.AccessAsync(stranger));
        }

        Assert.Equal(ErrorCodes.NotFound, (await lab.InviteAsync(Olga, Giulia.UserId, null, null, LabRole.Member)).Code);
        Assert.Equal(ErrorCodes.NotFound, (await lab.UpdateAsync(Olga, Settings(LabVisibility.Public))).Code);

        // Network: every signed-in person of a partner city reads and takes part, but contributes only as a member.
        Assert.True((await lab.UpdateAsync(Maria, Settings(LabVisibility.Network))).Ok);
        var olga = await lab.AccessAsync(Olga);
        Assert.Equal((true, true, false, false), (olga.Read, olga.Participate, olga.Contribute, olga.Moderate));
        Assert.Equal(ErrorCodes.Forbidden, (await lab.InviteAsync(Olga, Giulia.UserId, null, null, LabRole.Member)).Code);
        Assert.Equal(ErrorCodes.NotFound, (await lab.ViewAsync(null)).Code);
        Assert.Equal(ErrorCodes.NotFound, (await lab.ViewAsync(Olga with { CityId = null })).Code); // signed in, of no partner city

        // Public: anyone reads, nobody signed out takes part.
        Assert.True((await lab.UpdateAsync(Maria, Settings(LabVisibility.Public))).Ok);
        Assert.True((await lab.ViewAsync(null)).Ok);
        Assert.False(await lab.AllowsAsync(null, LabAction.Participate));
        Assert.Equal(LabVisibility.Public, (await lab.SummaryAsync(null))!.Visibility);
    }

    [Fact]
    public async Task Bad_settings_are_refused_with_the_field_named_and_change_nothing()
    {
        Assert.Equal(ErrorCodes.Forbidden, (await fixture.Grains.GetGrain<ILabGrain>(LabIds.New()).CreateAsync(Maria with { CityId = null }, new CreateLabRequest("No city", LabThemes.EnergyAndMobility, "About", LabVisibility.Private))).Code);

        var lab = await NewLabAsync(LabVisibility.Private);
        foreach (var (settings, field) in new[]
        {
            (new LabSettingsRequest(" ", LabThemes.EnergyAndMobility, "About", LabVisibility.Public), "title"),
            (new LabSettingsRequest(new string('t', LabLimits.MaxTitleLength + 1), LabThemes.EnergyAndMobility, "About", LabVisibility.Public), "title"),
            (new LabSettingsRequest("Safer streets", string.Empty, "About", LabVisibility.Public), "theme"),
            (new LabSettingsRequest("Safer streets", LabThemes.EnergyAndMobility, new string('d', LabLimits.MaxDescriptionLength + 1), LabVisibility.Public), "description"),
        })
        {
            var refused = await lab.UpdateAsync(Maria, settings);
            Assert.Equal(ErrorCodes.Invalid, refused.Code);
            Assert.StartsWith(field + ":", refused.Message, StringComparison.Ordinal);
        }

        await fixture.Cluster.DeactivateAsync(lab);
        var summary = (await lab.ViewAsync(Maria)).Value!.Summary;
        Assert.Equal(("Safer streets", LabThemes.EnergyAndMobility, LabVisibility.Private), (summary.Title, summary.Theme, summary.Visibility));
        Assert.Equal(ErrorCodes.NotFound, (await lab.ViewAsync(Olga)).Code);
    }

    private static LabSettingsRequest Settings(LabVisibility visibility) => new("Safer streets", LabThemes.EnergyAndMobility, "About", visibility);

    /// <summary>A new lab in Sofia with Maria as its one owner.</summary>
    private async Task<ILabGrain> NewLabAsync(LabVisibility visibility)
    {
        var lab = fixture.Grains.GetGrain<ILabGrain>(LabIds.New());
        var created = await lab.CreateAsync(Maria, new CreateLabRequest("Safer streets", LabThemes.EnergyAndMobility, "About", visibility));
        Assert.True(created.Ok, created.Message);
        Assert.Equal(LabRole.Owner, created.Value!.YourRole);
        return lab;
    }

    private static async Task JoinAsync(ILabGrain lab, Actor who, LabRole role)
    {
        var invitation = await lab.InviteAsync(Maria, who.UserId, null, null, role);
        Assert.True(invitation.Ok, invitation.Message);
        Assert.True((await lab.AcceptAsync(who, invitation.Value!.Id, null)).Ok);
    }
}

public sealed class LabGrainTestsOnEmbedded(EmbeddedClusterFixture fixture) : LabGrainTests(fixture), IClassFixture<EmbeddedClusterFixture>;

public sealed class LabGrainTestsOnAzure(AzureClusterFixture fixture) : LabGrainTests(fixture), IClassFixture<AzureClusterFixture>;
