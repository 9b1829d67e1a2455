namespace Climaborough.Grains.Tests.Pilots;

using Climaborough.Abstractions.Pilots;
using Climaborough.Abstractions.Users;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Climaborough.Testing;
using static Climaborough.Grains.Tests.People;

/// <summary>Pilot, catalogue and index grains, run on each storage backend.</summary>
public abstract class PilotGrainTests(ClusterFixture fixture)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task The_catalogue_holds_the_seeded_indicators_with_unit_direction_and_method()
    {
        var catalogue = await fixture.Grains.GetGrain<IIndicatorCatalogueGrain>(IIndicatorCatalogueGrain.NetworkKey).ListAsync();

        Assert.Equal(["avoided-emissions", "cycling-modal-share", "renewable-energy-produced", "waste-diverted-from-landfill", "pm25-annual-mean", "final-energy-saved", "public-transport-modal-share", "ev-charging-energy", "residual-waste-per-inhabitant"], catalogue.Select(i => i.Id));
        Assert.Equal(IndicatorDirection.LowerIsBetter, catalogue.Single(i => i.Id == "residual-waste-per-inhabitant").Direction);
        Assert.Equal("t CO2e/year", catalogue[0].Unit);
        Assert.Equal(IndicatorDirection.LowerIsBetter, catalogue.Single(i => i.Id == "pm25-annual-mean").Direction);
        Assert.Equal("µg/m³", catalogue.Single(i => i.Id == "pm25-annual-mean").Unit);
        Assert.All(catalogue, i => Assert.False(string.IsNullOrWhiteSpace(i.Method)));
        Assert.Null(await fixture.Grains.GetGrain<IIndicatorCatalogueGrain>(IIndicatorCatalogueGrain.NetworkKey).GetAsync("no-such-indicator"));
    }

    [Fact]
    public async Task A_pilot_keeps_its_challenge_stage_milestones_and_measurements_across_deactivation()
    {
        var lab = await NewLabAsync(LabVisibility.Network);
        var pilot = fixture.Grains.GetGrain<IPilotGrain>(PilotIds.New());
        var created = await pilot.CreateAsync(Maria, new CreatePilotRequest(lab, LabThemes.EnergyAndMobility, "Integrated energy and mobility services", "**Shared** e-mobility <script>alert(1)</script>", PilotStage.CoCreate));
        Assert.True(created.Ok, created.Message);
        Assert.Contains("<strong>Shared</strong>", created.Value!.ChallengeHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", created.Value.ChallengeHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("sofia", created.Value.Summary.CityId);

        var late = await pilot.AddMilestoneAsync(Maria, new MilestoneRequest("Stakeholder workshop", Today.AddDays(-3), "Elena", MilestoneStatus.InProgress));
        Assert.True(late.Ok, late.Message);
        Assert.True(late.Value!.Late);
        var done = await pilot.AddMilestoneAsync(Maria, new MilestoneRequest("Baseline survey", Today.AddDays(-10), "Ivan", MilestoneStatus.Done));
        Assert.False(done.Value!.Late);
        Assert.True((await pilot.AdoptIndicatorAsync(Maria, new AdoptIndicatorRequest("cycling-modal-share", new IndicatorPoint(2, new DateOnly(2024, 1, 1)), new IndicatorPoint(6, new DateOnly(2030, 12, 31))))).Ok);
        var measured = await pilot.AddMeasurementAsync(Maria, "cycling-modal-share", new MeasurementRequest(3, new DateOnly(2025, 6, 1), "Household travel survey 2025", null));
        Assert.True(measured.Ok, measured.Message);
        Assert.Equal("Maria Petrova", measured.Value!.EnteredBy);
        Assert.True((await pilot.SetStageAsync(Maria, PilotStage.Deploy)).Ok);

        await fixture.Cluster.DeactivateAsync(pilot);
        var view = (await fixture.Grains.GetGrain<IPilotGrain>(pilot.GetPrimaryKeyString()).ViewAsync(Ivan)).Value!;

        Assert.Equal(PilotStage.Deploy, view.Summary.Stage);
        Assert.Equal(PilotStatus.Late, view.Summary.Status);
        Assert.Equal(1, view.Summary.LateMilestones);
        Assert.Equal(["Baseline survey", "Stakeholder workshop"], view.Milestones.Select(m => m.Title)); // by due date
        var indicator = Assert.Single(view.Indicators);
        Assert.Equal("%", indicator.Definition.Unit);
        Assert.Equal(new IndicatorPoint(6, new DateOnly(2030, 12, 31)), indicator.Target);
        Assert.Equal(25, indicator.Progress); // 2 → 3 of 2 → 6
        Assert.Equal("Household travel survey 2025", Assert.Single(indicator.Measurements).Source);
        Assert.False(view.YouMayManage); // Ivan is no member of this lab: a reader of a network lab
        Assert.False(view.YouMayContribute);
    }

    [Fact]
    public async Task Invalid_input_names_each_field_and_changes_nothing()
    {
        var (_, pilot) = await NewPilotAsync(LabVisibility.Private);
        await pilot.AdoptIndicatorAsync(Maria, new AdoptIndicatorRequest("pm25-annual-mean", new IndicatorPoint(25, new DateOnly(2023, 1, 1)), new IndicatorPoint(15, new DateOnly(2030, 1, 1))));
        var before = (await pilot.ViewAsync(Maria)).Value!;

        var backwards = await pilot.AdoptIndicatorAsync(Maria, new AdoptIndicatorRequest("avoided-emissions", new IndicatorPoint(0, new DateOnly(2025, 1, 1)), new IndicatorPoint(1000, new DateOnly(2024, 1, 1))));
        Assert.Equal(ErrorCodes.Invalid, backwards.Code);
        Assert.StartsWith("target.date: ", backwards.Message, StringComparison.Ordinal);

        var wrongWay = await pilot.AdoptIndicatorAsync(Maria, new AdoptIndicatorRequest("renewable-energy-produced", new IndicatorPoint(100, new DateOnly(2024, 1, 1)), new IndicatorPoint(50, new DateOnly(2030, 1, 1))));
        Assert.StartsWith("target.value: ", wrongWay.Message, StringComparison.Ordinal);

        var several = await pilot.AdoptIndicatorAsync(Maria, new AdoptIndicatorRequest("no-such-indicator", new IndicatorPoint(double.NaN, new DateOnly(2024, 1, 1)), new IndicatorPoint(double.PositiveInfinity, new DateOnly(2030, 1, 1))));
        Assert.Equal(["indicatorId", "baseline.value", "target.value"], several.Message!.Split('\n').Select(l => l.Split(':')[0]));

        var notFinite = await pilot.AddMeasurementAsync(Maria, "pm25-annual-mean", new MeasurementRequest(double.NaN, Today, "Station Hipodruma", null));
        Assert.Equal("value: a finite number.", notFinite.Message);
        var future = await pilot.AddMeasurementAsync(Maria, "pm25-annual-mean", new MeasurementRequest(20, Today.AddDays(2), " ", null));
        Assert.Equal(["date", "source"], future.Message!.Split('\n').Select(l => l.Split(':')[0]));
        Assert.StartsWith("indicatorId: ", (await pilot.AddMeasurementAsync(Maria, "cycling-modal-share", new MeasurementRequest(5, Today, "Counters", null))).Message, StringComparison.Ordinal);
        Assert.StartsWith("title: ", (await pilot.AddMilestoneAsync(Maria, new MilestoneRequest("Line\nbreak", Today, "Elena", MilestoneStatus.Planned))).Message, StringComparison.Ordinal);
        Assert.StartsWith("due: ", (await pilot.AddMilestoneAsync(Maria, new MilestoneRequest("Far away", new DateOnly(2200, 1, 1), "Elena", MilestoneStatus.Planned))).Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.Invalid, (await fixture.Grains.GetGrain<IPilotGrain>(PilotIds.New()).CreateAsync(Maria, new CreatePilotRequest((await NewLabAsync(LabVisibility.Private)), "no-such-hub", "", "", PilotStage.CoCreate))).Code);

        await fixture.Cluster.DeactivateAsync(pilot);
        var after = (await fixture.Grains.GetGrain<IPilotGrain>(pilot.GetPrimaryKeyString()).ViewAsync(Maria)).Value!;
        Assert.Equal(before.Summary, after.Summary);
        Assert.Empty(after.Milestones);
        Assert.Equal("pm25-annual-mean", Assert.Single(after.Indicators).Definition.Id);
        Assert.Empty(after.Indicators[0].Measurements);
    }

    [Fact]
    public async Task A_pilot_answers_each_person_by_their_lab_role_and_a_stranger_exactly_as_a_missing_pilot()
    {
        var (lab, pilot) = await NewPilotAsync(LabVisibility.Private);
        await PilotLabs.InviteAsync(lab, Ivan, LabRole.Member);
        await PilotLabs.InviteAsync(lab, Giulia, LabRole.Observer);
        var missing = fixture.Grains.GetGrain<IPilotGrain>(PilotIds.New());
        var milestone = new MilestoneRequest("Procurement plan", Today.AddDays(30), "Ivan", MilestoneStatus.Planned);

        Assert.True((await pilot.AddMilestoneAsync(Ivan, milestone)).Ok);
        Assert.Equal(ErrorCodes.Forbidden, (await pilot.SetStageAsync(Ivan, PilotStage.Procure)).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await pilot.AdoptIndicatorAsync(Ivan, new AdoptIndicatorRequest("avoided-emissions", new IndicatorPoint(0, new DateOnly(2024, 1, 1)), new IndicatorPoint(10, new DateOnly(2030, 1, 1))))).Code);
        Assert.True((await pilot.ViewAsync(Giulia)).Ok);
        Assert.Equal(ErrorCodes.Forbidden, (await pilot.AddMilestoneAsync(Giulia, milestone)).Code);

        foreach (var stranger in new Actor?[] { Olga, null })
        {
            var seen = await pilot.ViewAsync(stranger);
            var nothing = await missing.ViewAsync(stranger);
            Assert.Equal(ErrorCodes.NotFound, seen.Code);
            Assert.Equal(nothing.Message!.Replace(missing.GetPrimaryKeyString(), "ID", StringComparison.Ordinal), seen.Message!.Replace(pilot.GetPrimaryKeyString(), "ID", StringComparison.Ordinal));
        }

        Assert.Equal(ErrorCodes.NotFound, (await pilot.AddMilestoneAsync(Olga, milestone)).Code);
        Assert.Equal(ErrorCodes.NotFound, (await pilot.AddMeasurementAsync(Olga, "avoided-emissions", new MeasurementRequest(1, Today, "x", null))).Code);
        Assert.Equal(ErrorCodes.NotFound, (await pilot.SetStageAsync(Olga, PilotStage.Replicate)).Code);
        Assert.Equal(ErrorCodes.NotFound, (await fixture.Grains.GetGrain<IPilotGrain>(PilotIds.New()).CreateAsync(Olga, new CreatePilotRequest(lab.GetPrimaryKeyString(), LabThemes.EnergyAndMobility, "Sneaked in", "", PilotStage.CoCreate))).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await fixture.Grains.GetGrain<IPilotGrain>(PilotIds.New()).CreateAsync(Ivan, new CreatePilotRequest(lab.GetPrimaryKeyString(), LabThemes.EnergyAndMobility, "Not mine to make", "", PilotStage.CoCreate))).Code);

        var view = (await pilot.ViewAsync(Maria)).Value!;
        Assert.Equal(PilotStage.CoCreate, view.Summary.Stage);
        Assert.Single(view.Milestones);
        Assert.Empty(view.Indicators);
    }

    [Fact]
    public async Task Marking_the_milestones_done_changes_the_status_and_an_unknown_milestone_is_refused()
    {
        var (_, pilot) = await NewPilotAsync(LabVisibility.Private);
        var first = (await pilot.AddMilestoneAsync(Maria, new MilestoneRequest("Survey", Today.AddDays(-1), "Ivan", MilestoneStatus.InProgress))).Value!;
        var second = (await pilot.AddMilestoneAsync(Maria, new MilestoneRequest("Report", Today.AddDays(40), "Elena", MilestoneStatus.Planned))).Value!;
        Assert.Equal(PilotStatus.Late, (await pilot.ViewAsync(Maria)).Value!.Summary.Status);

        var done = await pilot.UpdateMilestoneAsync(Maria, first.Id, new MilestoneRequest("Survey", first.Due, "Ivan", MilestoneStatus.Done));
        Assert.True(done.Ok, done.Message);
        Assert.False(done.Value!.Late);
        Assert.Equal(PilotStatus.OnTrack, (await pilot.ViewAsync(Maria)).Value!.Summary.Status);
        await pilot.UpdateMilestoneAsync(Maria, second.Id, new MilestoneRequest("Report", second.Due, "Elena", MilestoneStatus.Done));
        Assert.Equal(PilotStatus.Done, (await pilot.ViewAsync(Maria)).Value!.Summary.Status);

        Assert.StartsWith("milestoneId: ", (await pilot.UpdateMilestoneAsync(Maria, "m99", new MilestoneRequest("x", Today, "y", MilestoneStatus.Done))).Message, StringComparison.Ordinal);
        var index = await fixture.Grains.GetGrain<IPilotIndexGrain>(PilotIndexKeys.City("sofia")).ListAsync();
        Assert.Equal(PilotStatus.Done, Assert.Single(index, p => p.Id == pilot.GetPrimaryKeyString()).Status);
    }

    [Fact]
    public async Task A_city_coordinator_manages_pilots_of_labs_of_their_city_that_they_may_read()
    {
        var stefan = new Actor("u-stefan-" + Guid.NewGuid().ToString("N")[..6], "Stefan", "sofia");
        var anna = new Actor("u-anna-" + Guid.NewGuid().ToString("N")[..6], "Anna", "torino");
        await fixture.Grains.GetGrain<IUserGrain>(stefan.UserId).SetAsync(new UserProfile(stefan.Name, "sofia"), [PlatformRoles.Member, PlatformRoles.CityCoordinator]);
        await fixture.Grains.GetGrain<IUserGrain>(anna.UserId).SetAsync(new UserProfile(anna.Name, "torino"), [PlatformRoles.Member, PlatformRoles.CityCoordinator]);
        var network = await NewLabAsync(LabVisibility.Network);
        var closed = await NewLabAsync(LabVisibility.Private);

        var made = await fixture.Grains.GetGrain<IPilotGrain>(PilotIds.New()).CreateAsync(stefan, new CreatePilotRequest(network, LabThemes.WasteToCircularity, "From waste to a circular Sofia", "", PilotStage.CoCreate));
        Assert.True(made.Ok, made.Message);
        Assert.True(made.Value!.YouMayManage);
        var pilot = fixture.Grains.GetGrain<IPilotGrain>(made.Value.Summary.Id);
        Assert.True((await pilot.SetStageAsync(stefan, PilotStage.Procure)).Ok);

        // Another city's coordinator reads a network lab's pilot but manages nothing; a private lab stays unseen.
        Assert.Equal(ErrorCodes.Forbidden, (await pilot.SetStageAsync(anna, PilotStage.Deploy)).Code);
        Assert.Equal(ErrorCodes.Forbidden, (await fixture.Grains.GetGrain<IPilotGrain>(PilotIds.New()).CreateAsync(anna, new CreatePilotRequest(network, LabThemes.WasteToCircularity, "Not hers", "", PilotStage.CoCreate))).Code);
        Assert.Equal(ErrorCodes.NotFound, (await fixture.Grains.GetGrain<IPilotGrain>(PilotIds.New()).CreateAsync(stefan, new CreatePilotRequest(closed, LabThemes.WasteToCircularity, "Unseen lab", "", PilotStage.CoCreate))).Code);

        // The role is read live: taken away, it stops at once.
        await fixture.Grains.GetGrain<IUserGrain>(stefan.UserId).SetAsync(new UserProfile(stefan.Name, "sofia"), [PlatformRoles.Member]);
        Assert.Equal(ErrorCodes.Forbidden, (await pilot.SetStageAsync(stefan, PilotStage.Deploy)).Code);
        Assert.Equal(PilotStage.Procure, (await pilot.ViewAsync(Maria)).Value!.Summary.Stage);
    }

    [Fact]
    public async Task Hub_and_city_indices_list_their_pilots_with_status_derived_when_read()
    {
        var city = "c" + Guid.NewGuid().ToString("N")[..10];
        var coordinator = new Actor("u-coord-" + city, "Coordinator", city);
        var lab = fixture.Grains.GetGrain<ILabGrain>(LabIds.New());
        Assert.True((await lab.CreateAsync(coordinator, new CreateLabRequest("Lab", LabThemes.EnergyAndMobility, "About", LabVisibility.Public))).Ok);
        var first = fixture.Grains.GetGrain<IPilotGrain>(PilotIds.New());
        var second = fixture.Grains.GetGrain<IPilotGrain>(PilotIds.New());
        Assert.True((await first.CreateAsync(coordinator, new CreatePilotRequest(lab.GetPrimaryKeyString(), LabThemes.EnergyAndMobility, "A energy", "", PilotStage.CoCreate))).Ok);
        Assert.True((await second.CreateAsync(coordinator, new CreatePilotRequest(lab.GetPrimaryKeyString(), LabThemes.WasteToCircularity, "B waste", "", PilotStage.Deploy))).Ok);
        await first.AddMilestoneAsync(coordinator, new MilestoneRequest("Soon and not started", Today.AddDays(3), "Team", MilestoneStatus.Planned));
        await second.AddMilestoneAsync(coordinator, new MilestoneRequest("Done", Today.AddDays(-3), "Team", MilestoneStatus.Done));

        var byCity = await fixture.Grains.GetGrain<IPilotIndexGrain>(PilotIndexKeys.City(city)).ListAsync();
        Assert.Equal(["A energy", "B waste"], byCity.Select(p => p.Title));
        Assert.Equal([PilotStatus.AtRisk, PilotStatus.Done], byCity.Select(p => p.Status));
        Assert.Equal(PilotStage.Deploy, byCity[1].Stage);

        var energy = await fixture.Grains.GetGrain<IPilotIndexGrain>(PilotIndexKeys.Hub(LabThemes.EnergyAndMobility)).ListAsync();
        Assert.Contains(energy, p => p.Id == first.GetPrimaryKeyString());
        Assert.DoesNotContain(energy, p => p.Id == second.GetPrimaryKeyString());
    }

    [Fact]
    public async Task A_good_csv_with_semicolons_and_decimal_commas_stores_every_row_and_a_dry_run_stores_nothing()
    {
        var (lab, pilot) = await NewPilotAsync(LabVisibility.Private);
        await PilotLabs.InviteAsync(lab, Ivan, LabRole.Member);
        await AdoptCyclingAsync(pilot);
        var csv = "\uFEFFDate;Value;Source;Note\r\n2024-06-30;2,4;Survey 2024;\"first; half\"\r\n\r\n2025-06-30;3;Survey 2025;\n";

        var preview = await pilot.ImportMeasurementsAsync(Ivan, "cycling-modal-share", csv, dryRun: true);
        Assert.True(preview.Ok, preview.Message);
        Assert.False(preview.Value!.Stored);
        Assert.Equal(";", preview.Value.Separator);
        Assert.Equal([2, 4], preview.Value.Rows.Select(r => r.Row)); // spreadsheet rows: the header is row 1, the blank line 3
        Assert.Equal([2.4, 3.0], preview.Value.Rows.Select(r => r.Value!.Value));
        Assert.Equal("first; half", preview.Value.Rows[0].Note);
        Assert.Null(preview.Value.Rows[1].Note);
        Assert.All(preview.Value.Rows, r => Assert.Empty(r.Errors));
        Assert.Empty((await pilot.ViewAsync(Maria)).Value!.Indicators[0].Measurements);

        var imported = await pilot.ImportMeasurementsAsync(Ivan, "cycling-modal-share", csv, dryRun: false);
        Assert.True(imported.Ok, imported.Message);
        Assert.True(imported.Value!.Stored);
        await fixture.Cluster.DeactivateAsync(pilot);
        var indicator = (await fixture.Grains.GetGrain<IPilotGrain>(pilot.GetPrimaryKeyString()).ViewAsync(Maria)).Value!.Indicators[0];
        Assert.Equal([new DateOnly(2024, 6, 30), new DateOnly(2025, 6, 30)], indicator.Measurements.Select(m => m.Date));
        Assert.Equal([2.4, 3.0], indicator.Measurements.Select(m => m.Value));
        Assert.All(indicator.Measurements, m => Assert.Equal("Ivan Georgiev", m.EnteredBy));
        Assert.Equal(25, indicator.Progress); // 2 → 3 of 2 → 6
    }

    [Fact]
    public async Task A_csv_with_any_bad_row_is_refused_with_each_row_and_reason_and_stores_nothing()
    {
        var (_, pilot) = await NewPilotAsync(LabVisibility.Private);
        await AdoptCyclingAsync(pilot);
        var tomorrow = Today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var csv = $"date,value,source,note\n2024-06-30,2.4,Survey 2024,fine\n30/06/2024,2.5,Survey,\n2024-07-01,2;5,Survey,\n{tomorrow},3,Survey,\n2024-08-01,3,,\n2024-09-01,3,Survey,a,b\n";

        var preview = (await pilot.ImportMeasurementsAsync(Maria, "cycling-modal-share", csv, dryRun: true)).Value!;
        Assert.Equal(6, preview.Rows.Count);
        Assert.Equal(5, preview.BadRows);
        Assert.Empty(preview.Rows[0].Errors);
        Assert.StartsWith("date: ", Assert.Single(preview.Rows[1].Errors), StringComparison.Ordinal);
        Assert.Equal(2.5, preview.Rows[1].Value);
        Assert.StartsWith("value: ", Assert.Single(preview.Rows[2].Errors), StringComparison.Ordinal);
        Assert.Contains("no measurement from the future", Assert.Single(preview.Rows[3].Errors), StringComparison.Ordinal);
        Assert.StartsWith("source: ", Assert.Single(preview.Rows[4].Errors), StringComparison.Ordinal);
        Assert.StartsWith("row: 5 fields", Assert.Single(preview.Rows[5].Errors), StringComparison.Ordinal);

        var refused = await pilot.ImportMeasurementsAsync(Maria, "cycling-modal-share", csv, dryRun: false);
        Assert.Equal(ErrorCodes.Invalid, refused.Code);
        var lines = refused.Message!.Split('\n');
        Assert.Equal(["rows[3].date", "rows[4].value", "rows[5].date", "rows[6].source", "rows[7]"], lines.Select(l => l.Split(':')[0]));
        Assert.Empty((await pilot.ViewAsync(Maria)).Value!.Indicators[0].Measurements);
    }

    [Fact]
    public async Task A_csv_without_the_header_too_many_rows_or_for_an_indicator_not_adopted_is_refused_whole()
    {
        var (lab, pilot) = await NewPilotAsync(LabVisibility.Private);
        await PilotLabs.InviteAsync(lab, Giulia, LabRole.Observer);
        await AdoptCyclingAsync(pilot);
        var good = "date,value,source\n2024-06-30,2.4,Survey\n";

        Assert.StartsWith("file: the header row", (await pilot.ImportMeasurementsAsync(Maria, "cycling-modal-share", "2024-06-30,2.4,Survey\n", dryRun: true)).Message, StringComparison.Ordinal);
        Assert.StartsWith("file: no rows", (await pilot.ImportMeasurementsAsync(Maria, "cycling-modal-share", "date,value,source\n", dryRun: false)).Message, StringComparison.Ordinal);
        var tooMany = "date,value,source\n" + string.Concat(Enumerable.Repeat("2024-06-30,2.4,Survey\n", PilotLimits.MaxImportRows + 1));
        var refused = await pilot.ImportMeasurementsAsync(Maria, "cycling-modal-share", tooMany, dryRun: false);
        Assert.Equal(ErrorCodes.Invalid, refused.Code);
        Assert.StartsWith($"file: at most {PilotLimits.MaxImportRows} rows", refused.Message, StringComparison.Ordinal);
        Assert.True((await pilot.ImportMeasurementsAsync(Maria, "cycling-modal-share", tooMany[..tooMany.LastIndexOf("2024", StringComparison.Ordinal)], dryRun: true)).Ok); // exactly the limit
        Assert.StartsWith("indicatorId: ", (await pilot.ImportMeasurementsAsync(Maria, "pm25-annual-mean", good, dryRun: false)).Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.Forbidden, (await pilot.ImportMeasurementsAsync(Giulia, "cycling-modal-share", good, dryRun: true)).Code);
        Assert.Equal(ErrorCodes.NotFound, (await pilot.ImportMeasurementsAsync(Olga, "cycling-modal-share", good, dryRun: true)).Code);
        Assert.Empty((await pilot.ViewAsync(Maria)).Value!.Indicators[0].Measurements);
    }

    private static async Task AdoptCyclingAsync(IPilotGrain pilot)
    {
        var adopted = await pilot.AdoptIndicatorAsync(Maria, new AdoptIndicatorRequest("cycling-modal-share", new IndicatorPoint(2, new DateOnly(2024, 1, 1)), new IndicatorPoint(6, new DateOnly(2030, 12, 31))));
        Assert.True(adopted.Ok, adopted.Message);
    }

    private async Task<string> NewLabAsync(LabVisibility visibility)
    {
        var lab = fixture.Grains.GetGrain<ILabGrain>(LabIds.New());
        Assert.True((await lab.CreateAsync(Maria, new CreateLabRequest("Lab", LabThemes.EnergyAndMobility, "About", visibility))).Ok);
        return lab.GetPrimaryKeyString();
    }

    private async Task<(ILabGrain Lab, IPilotGrain Pilot)> NewPilotAsync(LabVisibility visibility)
    {
        var labId = await NewLabAsync(visibility);
        var pilot = fixture.Grains.GetGrain<IPilotGrain>(PilotIds.New());
        var created = await pilot.CreateAsync(Maria, new CreatePilotRequest(labId, LabThemes.EnergyAndMobility, "Pilot", "Challenge", PilotStage.CoCreate));
        Assert.True(created.Ok, created.Message);
        return (fixture.Grains.GetGrain<ILabGrain>(labId), pilot);
    }
}

public sealed class PilotGrainTestsOnEmbedded(EmbeddedClusterFixture fixture) : PilotGrainTests(fixture), IClassFixture<EmbeddedClusterFixture>;

public sealed class PilotGrainTestsOnAzure(AzureClusterFixture fixture) : PilotGrainTests(fixture), IClassFixture<AzureClusterFixture>;
