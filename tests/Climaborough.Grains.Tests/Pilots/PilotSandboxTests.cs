namespace Climaborough.Grains.Tests.Pilots;

using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Lessons;
using Climaborough.Abstractions.Pilots;
using Climaborough.Contracts;
using Climaborough.Testing;
using static Climaborough.Grains.Tests.People;

/// <summary>The Climate Sandbox register of a pilot and of the network, on each storage backend.</summary>
public abstract class PilotSandboxTests(ClusterFixture fixture)
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task A_barrier_moves_forward_to_a_trial_and_a_solution_is_kept_across_deactivation_and_published_once_as_a_lesson()
    {
        var pilot = await NewPilotAsync(LabVisibility.Network);
        var added = await pilot.AddSandboxEntryAsync(Maria, new SandboxEntryRequest("Shared parking for e-cargo bikes", BarrierKind.Regulatory, "Parking ordinance, art. 12", "Spaces cannot be reserved.", Today.AddDays(-30)));
        Assert.True(added.Ok, added.Message);
        var id = added.Value!.Id;
        Assert.Equal(BarrierStatus.Identified, added.Value.Status);

        Assert.True((await pilot.SetSandboxStatusAsync(Maria, id, new SandboxStatusRequest(BarrierStatus.DerogationRequested, Today.AddDays(-20), null))).Ok);
        Assert.True((await pilot.SetSandboxStatusAsync(Maria, id, new SandboxStatusRequest(BarrierStatus.TrialGranted, Today.AddDays(-10), "Trial for 12 months"))).Ok);
        var back = await pilot.SetSandboxStatusAsync(Maria, id, new SandboxStatusRequest(BarrierStatus.DerogationRequested, Today, null));
        Assert.Equal(ErrorCodes.Invalid, back.Code);
        Assert.StartsWith("status: a barrier moves forward only", back.Message, StringComparison.Ordinal);
        Assert.StartsWith("date: ", (await pilot.SetSandboxStatusAsync(Maria, id, new SandboxStatusRequest(BarrierStatus.EstablishedSolution, Today.AddDays(-15), null))).Message, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.Conflict, (await pilot.PublishSandboxLessonAsync(Maria, id)).Code); // not resolved yet

        Assert.True((await pilot.SetSandboxStatusAsync(Maria, id, new SandboxStatusRequest(BarrierStatus.EstablishedSolution, Today, "The ordinance now allows hub spaces"))).Ok);
        await fixture.Cluster.DeactivateAsync(pilot);
        var entry = Assert.Single((await fixture.Grains.GetGrain<IPilotGrain>(pilot.GetPrimaryKeyString()).SandboxAsync(Ivan)).Value!);
        Assert.Equal([BarrierStatus.Identified, BarrierStatus.DerogationRequested, BarrierStatus.TrialGranted, BarrierStatus.EstablishedSolution], entry.History.Select(s => s.Status));
        Assert.Equal(Today.AddDays(-30), entry.History[0].Date);
        Assert.Equal("The ordinance now allows hub spaces", entry.Outcome);
        Assert.True(entry.Resolved);

        var published = await pilot.PublishSandboxLessonAsync(Maria, id);
        Assert.True(published.Ok, published.Message);
        var lesson = await fixture.Grains.GetGrain<ILessonLibraryGrain>(ILessonLibraryGrain.NetworkKey).GetAsync(Ivan, published.Value!.LessonId!);
        Assert.Equal(LessonKind.GoodPractice, lesson.Value!.Summary.Kind);
        Assert.Contains("climate-sandbox", lesson.Value.Summary.Tags);
        Assert.Contains("Shared parking for e-cargo bikes", lesson.Value.Summary.Title, StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.Conflict, (await pilot.PublishSandboxLessonAsync(Maria, id)).Code); // once
    }

    [Fact]
    public async Task Bad_barriers_name_each_field_outsiders_learn_nothing_and_observers_may_not_add()
    {
        var pilot = await NewPilotAsync(LabVisibility.Private);
        // (A kind that is no name never reaches the grain: the wire and the API read enums by name only.)
        var bad = await pilot.AddSandboxEntryAsync(Maria, new SandboxEntryRequest(" ", BarrierKind.Technical, "", "ok", Today.AddDays(1)));
        Assert.Equal(ErrorCodes.Invalid, bad.Code);
        Assert.Equal(["title", "rule", "identified"], bad.Message!.Split('\n').Select(l => l.Split(':')[0]));
        Assert.Equal(ErrorCodes.NotFound, (await pilot.AddSandboxEntryAsync(Olga, new SandboxEntryRequest("t", BarrierKind.Financial, "r", ""))).Code);
        Assert.Equal(ErrorCodes.NotFound, (await pilot.SandboxAsync(Olga)).Code);
        Assert.Equal(ErrorCodes.NotFound, (await pilot.SandboxAsync(null)).Code);
        Assert.Empty((await pilot.SandboxAsync(Maria)).Value!);
    }

    [Fact]
    public async Task The_network_register_finds_barriers_by_english_and_bulgarian_word_forms()
    {
        var pilot = await NewPilotAsync(LabVisibility.Network);
        var marker = "zq" + Guid.NewGuid().ToString("N")[..6];
        await pilot.AddSandboxEntryAsync(Maria, new SandboxEntryRequest($"Permits for rooftop solar {marker}", BarrierKind.Administrative, "Building code", "Контейнерите за батерии на покрива не са разрешени."));

        var register = fixture.Grains.GetGrain<ISandboxRegisterGrain>(ISandboxRegisterGrain.NetworkKey);
        Assert.Contains(await register.SearchAsync($"permit {marker}"), h => h.Hit.Entry.PilotId == pilot.GetPrimaryKeyString()); // English stem
        Assert.Contains(await register.SearchAsync($"контейнери {marker}"), h => h.Hit.Entry.PilotId == pilot.GetPrimaryKeyString()); // Bulgarian stem
        Assert.DoesNotContain(await register.SearchAsync($"tender {marker}"), h => h.Hit.Entry.PilotId == pilot.GetPrimaryKeyString());
        await fixture.Cluster.DeactivateAsync(register);
        Assert.Contains(await register.SearchAsync(marker), h => h.Hit.Entry.PilotId == pilot.GetPrimaryKeyString() && h.Hit.PilotTitle == "Pilot");
    }

    private async Task<IPilotGrain> NewPilotAsync(LabVisibility visibility)
    {
        var lab = fixture.Grains.GetGrain<ILabGrain>(LabIds.New());
        Assert.True((await lab.CreateAsync(Maria, new CreateLabRequest("Lab", LabThemes.EnergyAndMobility, "About", visibility))).Ok);
        var pilot = fixture.Grains.GetGrain<IPilotGrain>(PilotIds.New());
        Assert.True((await pilot.CreateAsync(Maria, new CreatePilotRequest(lab.GetPrimaryKeyString(), LabThemes.EnergyAndMobility, "Pilot", "Challenge", PilotStage.CoCreate))).Ok);
        return pilot;
    }
}

public sealed class PilotSandboxTestsOnEmbedded(EmbeddedClusterFixture fixture) : PilotSandboxTests(fixture), IClassFixture<EmbeddedClusterFixture>;

public sealed class PilotSandboxTestsOnAzure(AzureClusterFixture fixture) : PilotSandboxTests(fixture), IClassFixture<AzureClusterFixture>;
