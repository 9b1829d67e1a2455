namespace Climaborough.Grains.Tests.Pilots;

using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Pilots;
using Climaborough.Contracts;
using Climaborough.Testing;
using static Climaborough.Grains.Tests.People;

/// <summary>A pilot's tenders (procurement of innovation), run on each storage backend.</summary>
public abstract class PilotTenderGrainTests(ClusterFixture fixture)
{
    private static readonly TenderRequest Planned = new(
        "Integrated mobility platform",
        TenderProcedure.PreCommercialProcurement,
        TenderStatus.Planned,
        PublishedOn: null,
        Deadline: null,
        AwardedOn: null,
        [new TenderLot("Journey planner and ticketing", 450_000.50m, null), new TenderLot("Charging-point data hub", 250_000m, null)]);

    [Fact]
    public async Task A_manager_adds_a_tender_with_lots_and_awards_it_later_and_readers_see_it_after_deactivation()
    {
        var (lab, pilot) = await PilotLabs.NewPilotAsync(fixture.Grains);
        await PilotLabs.InviteAsync(lab, Giulia, LabRole.Observer);

        var added = await pilot.AddTenderAsync(Maria, Planned);
        Assert.True(added.Ok, added.Message);
        Assert.Equal(700_000.50m, added.Value!.TotalBudgetEur);

        var awarded = await pilot.UpdateTenderAsync(Maria, added.Value.Id, Planned with
        {
            Status = TenderStatus.Awarded,
            PublishedOn = new DateOnly(2025, 3, 1),
            Deadline = new DateOnly(2025, 5, 15),
            AwardedOn = new DateOnly(2025, 7, 1),
            Lots = [new TenderLot("Journey planner and ticketing", 450_000.50m, "  Sofia Mobility Labs  "), new TenderLot("Charging-point data hub", 250_000m, null)],
        });
        Assert.True(awarded.Ok, awarded.Message);

        await fixture.Cluster.DeactivateAsync(pilot);
        var seen = await fixture.Grains.GetGrain<IPilotGrain>(pilot.GetPrimaryKeyString()).TendersAsync(Giulia);
        Assert.True(seen.Ok, seen.Message);
        Assert.False(seen.Value!.YouMayManage); // an observer reads, and may not change them
        var tender = Assert.Single(seen.Value.Tenders);
        Assert.Equal(added.Value.Id, tender.Id);
        Assert.Equal(TenderStatus.Awarded, tender.Status);
        Assert.Equal(TenderProcedure.PreCommercialProcurement, tender.Procedure);
        Assert.Equal(new DateOnly(2025, 7, 1), tender.AwardedOn);
        Assert.Equal(["Sofia Mobility Labs", null], tender.Lots.Select(l => l.AwardedTo));
        Assert.Equal(450_000.50m, tender.Lots[0].BudgetEur);
        Assert.True((await pilot.TendersAsync(Maria)).Value!.YouMayManage);
    }

    [Fact]
    public async Task A_bad_tender_is_refused_naming_each_field_and_nothing_changes()
    {
        var (_, pilot) = await PilotLabs.NewPilotAsync(fixture.Grains);
        var first = (await pilot.AddTenderAsync(Maria, Planned)).Value!;

        var several = await pilot.AddTenderAsync(Maria, new TenderRequest(
            " ",
            TenderProcedure.OpenProcedure, // an unknown procedure never reaches the grain: the JSON reader refuses it (PilotTendersApiTests)
            TenderStatus.Published,
            PublishedOn: new DateOnly(2025, 6, 1),
            Deadline: new DateOnly(2025, 5, 1),
            AwardedOn: new DateOnly(2025, 7, 1),
            [new TenderLot("Lot A", 0m, null), new TenderLot("", 10.005m, "Someone Ltd")]));
        Assert.Equal(ErrorCodes.Invalid, several.Code);
        Assert.Equal(
            ["title", "lots[0].budgetEur", "lots[1].title", "lots[1].budgetEur", "lots[1].awardedTo", "deadline", "awardedOn"],
            several.Message!.Split('\n').Select(l => l.Split(':')[0]));

        var awardedToNobody = await pilot.UpdateTenderAsync(Maria, first.Id, Planned with { Status = TenderStatus.Awarded, PublishedOn = new DateOnly(2025, 1, 1), Deadline = new DateOnly(2025, 2, 1) });
        Assert.Equal(["lots", "awardedOn"], awardedToNobody.Message!.Split('\n').Select(l => l.Split(':')[0]));
        var unpublished = await pilot.UpdateTenderAsync(Maria, first.Id, Planned with { Status = TenderStatus.Evaluating });
        Assert.Equal(["publishedOn", "deadline"], unpublished.Message!.Split('\n').Select(l => l.Split(':')[0]));
        var beforeDeadline = await pilot.UpdateTenderAsync(Maria, first.Id, Planned with
        {
            Status = TenderStatus.Awarded,
            PublishedOn = new DateOnly(2025, 1, 1),
            Deadline = new DateOnly(2025, 3, 1),
            AwardedOn = new DateOnly(2025, 2, 1),
            Lots = [new TenderLot("Lot", 10m, "Winner")],
        });
        Assert.StartsWith("awardedOn: on or after the deadline for bids (2025-03-01)", beforeDeadline.Message, StringComparison.Ordinal);
        Assert.StartsWith("lots: ", (await pilot.AddTenderAsync(Maria, Planned with { Lots = [] })).Message, StringComparison.Ordinal);
        Assert.StartsWith("deadline: from 1990-01-01", (await pilot.AddTenderAsync(Maria, Planned with { Deadline = new DateOnly(2200, 1, 1) })).Message, StringComparison.Ordinal);
        Assert.StartsWith("tenderId: ", (await pilot.UpdateTenderAsync(Maria, "t999", Planned)).Message, StringComparison.Ordinal);

        await fixture.Cluster.DeactivateAsync(pilot);
        var after = (await fixture.Grains.GetGrain<IPilotGrain>(pilot.GetPrimaryKeyString()).TendersAsync(Maria)).Value!;
        Assert.Equal(first, Assert.Single(after.Tenders) with { Lots = first.Lots });
        Assert.Equal(first.Lots, after.Tenders[0].Lots);
    }

    [Fact]
    public async Task Only_managers_change_tenders_members_are_forbidden_and_strangers_are_told_there_is_no_pilot()
    {
        var (lab, pilot) = await PilotLabs.NewPilotAsync(fixture.Grains);
        await PilotLabs.InviteAsync(lab, Ivan, LabRole.Member);
        await PilotLabs.InviteAsync(lab, Elena, LabRole.Moderator);
        var missing = fixture.Grains.GetGrain<IPilotGrain>(PilotIds.New());

        Assert.Equal(ErrorCodes.Forbidden, (await pilot.AddTenderAsync(Ivan, Planned)).Code);
        var byModerator = await pilot.AddTenderAsync(Elena, Planned);
        Assert.True(byModerator.Ok, byModerator.Message);
        Assert.Equal(ErrorCodes.Forbidden, (await pilot.UpdateTenderAsync(Ivan, byModerator.Value!.Id, Planned with { Status = TenderStatus.Cancelled })).Code);
        Assert.True((await pilot.TendersAsync(Ivan)).Ok);

        foreach (var stranger in new Actor?[] { Olga, null })
        {
            var seen = await pilot.TendersAsync(stranger);
            var nothing = await missing.TendersAsync(stranger);
            Assert.Equal(ErrorCodes.NotFound, seen.Code);
            Assert.Equal(nothing.Message!.Replace(missing.GetPrimaryKeyString(), "ID", StringComparison.Ordinal), seen.Message!.Replace(pilot.GetPrimaryKeyString(), "ID", StringComparison.Ordinal));
        }

        Assert.Equal(ErrorCodes.NotFound, (await pilot.AddTenderAsync(Olga, Planned)).Code);
        Assert.Equal(ErrorCodes.NotFound, (await pilot.UpdateTenderAsync(Olga, byModerator.Value.Id, Planned with { Status = TenderStatus.Cancelled })).Code);
        var tender = Assert.Single((await pilot.TendersAsync(Maria)).Value!.Tenders);
        Assert.Equal(TenderStatus.Planned, tender.Status);
    }
}

public sealed class PilotTenderGrainTestsOnEmbedded(EmbeddedClusterFixture fixture) : PilotTenderGrainTests(fixture), IClassFixture<EmbeddedClusterFixture>;

public sealed class PilotTenderGrainTestsOnAzure(AzureClusterFixture fixture) : PilotTenderGrainTests(fixture), IClassFixture<AzureClusterFixture>;
