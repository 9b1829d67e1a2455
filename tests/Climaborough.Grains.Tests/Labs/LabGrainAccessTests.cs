namespace Climaborough.Grains.Tests.Labs;

using Climaborough.Abstractions.Boards;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Climaborough.Grains.Tests.Realtime;
using Climaborough.Testing;
using static Climaborough.Grains.Tests.People;

/// <summary>
/// The lab grain is the one access rule for what it holds: a board in a lab asks it for every read and
/// write, and removing a member or narrowing the visibility tells every watching node who may still read.
/// </summary>
public sealed class LabGrainAccessTests(EmbeddedClusterFixture fixture) : IClassFixture<EmbeddedClusterFixture>
{
    [Fact]
    public async Task A_lab_board_answers_each_person_by_their_role_in_its_lab_and_a_stranger_as_if_it_did_not_exist()
    {
        var (lab, board) = await NewLabWithBoardAsync(LabVisibility.Private);
        await InviteAsync(lab, Ivan, LabRole.Member);
        await InviteAsync(lab, Giulia, LabRole.Observer);
        var missing = fixture.Grains.GetGrain<IBoardGrain>(BoardIds.New());

        Assert.True((await board.EditAsync(Ivan, Note("ivan", 1))).Ok);
        Assert.Equal(ErrorCodes.Forbidden, (await board.EditAsync(Giulia, Note("giulia", 1))).ErrorCode);
        Assert.True((await board.ViewAsync(Giulia)).Ok);

        foreach (var stranger in new Actor?[] { Olga, null })
        {
            Assert.Equal(ErrorCodes.NoSuchBoard, (await board.ViewAsync(stranger)).Code);
            Assert.Equal((await missing.ViewAsync(stranger)).Message!.Replace(missing.GetPrimaryKeyString(), "ID", StringComparison.Ordinal), (await board.ViewAsync(stranger)).Message!.Replace(board.GetPrimaryKeyString(), "ID", StringComparison.Ordinal));
            Assert.Equal(ErrorCodes.NoSuchBoard, (await board.ExportAsync(stranger)).Code);
            Assert.Equal(ErrorCodes.NoSuchBoard, (await board.ListVersionsAsync(stranger)).Code);
        }

        Assert.Equal(ErrorCodes.NoSuchBoard, (await board.EditAsync(Olga, Note("olga", 1))).ErrorCode);
        Assert.Equal(ErrorCodes.NoSuchBoard, (await board.SetLockedAsync(Olga, true)).ErrorCode);
        Assert.Equal(ErrorCodes.NotFound, (await fixture.Grains.GetGrain<IBoardGrain>(BoardIds.New()).CreateAsync(Olga, "Sneaked in", lab.GetPrimaryKeyString())).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await fixture.Grains.GetGrain<IBoardGrain>(BoardIds.New()).CreateAsync(Giulia, "Sneaked in", lab.GetPrimaryKeyString())).Code);
        Assert.DoesNotContain((await lab.ViewAsync(Maria)).Value!.Contents, c => c.Title == "Sneaked in");
    }

    [Fact]
    public async Task Removing_a_member_tells_every_watching_node_who_may_still_read_before_it_returns()
    {
        var (lab, _) = await NewLabWithBoardAsync(LabVisibility.Network);
        await InviteAsync(lab, Ivan, LabRole.Member);
        var node = new RecordingNodeObserver();
        var reference = fixture.Grains.CreateObjectReference<Climaborough.Abstractions.Realtime.INodeObserver>(node);
        await lab.SubscribeAsync(reference);

        Assert.True((await lab.RemoveAsync(Maria, Ivan.UserId)).Ok);

        // Already there when RemoveAsync returned.
        var change = Assert.IsType<Climaborough.Abstractions.Realtime.LabAccessChanged>(Assert.Single(node.Revocations));
        Assert.False(change.Members.ContainsKey(Ivan.UserId));
        Assert.True(change.MayRead(Ivan.UserId, Ivan.CityId)); // a network lab: still readable from a partner city
        Assert.True(change.MayRead(Maria.UserId, Maria.CityId));

        var narrowed = await lab.UpdateAsync(Maria, new LabSettingsRequest("Lab", LabThemes.EnergyAndMobility, "About", LabVisibility.Private));
        Assert.True(narrowed.Ok);
        var now = Assert.IsType<Climaborough.Abstractions.Realtime.LabAccessChanged>(node.Revocations[^1]);
        Assert.False(now.MayRead(Ivan.UserId, Ivan.CityId));
        Assert.False(now.MayRead(null, null));
        Assert.True(now.MayRead(Maria.UserId, Maria.CityId));
    }

    private async Task<(ILabGrain Lab, IBoardGrain Board)> NewLabWithBoardAsync(LabVisibility visibility)
    {
        var lab = fixture.Grains.GetGrain<ILabGrain>(LabIds.New());
        Assert.True((await lab.CreateAsync(Maria, new CreateLabRequest("Lab", LabThemes.EnergyAndMobility, "About", visibility))).Ok);
        var board = fixture.Grains.GetGrain<IBoardGrain>(BoardIds.New());
        Assert.True((await board.CreateAsync(Maria, "Traffic co-design", lab.GetPrimaryKeyString())).Ok);
        return (lab, board);
    }

    private static async Task InviteAsync(ILabGrain lab, Actor who, LabRole role)
    {
        var invitation = await lab.InviteAsync(Maria, who.UserId, null, null, role);
        Assert.True(invitation.Ok, invitation.Message);
        Assert.True((await lab.AcceptAsync(who, invitation.Value!.Id, null)).Ok);
    }

    private static BoardEdit Note(string id, long clientSeq) =>
        new("c-" + id, clientSeq, [new ElementChange(ChangeType.Create, id, new BoardElement(id, ElementKind.Note, 0, 0, 100, 100, 0, "#ffeb3b", id, null, null, null, string.Empty, default, default))]);
}
