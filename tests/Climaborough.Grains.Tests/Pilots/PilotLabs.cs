namespace Climaborough.Grains.Tests.Pilots;

using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Pilots;
using Climaborough.Contracts;
using Climaborough.Testing;
using static Climaborough.Grains.Tests.People;

/// <summary>The lab and pilot set-up the pilot grain tests share: Maria's private energy lab with a pilot, and members invited into it.</summary>
internal static class PilotLabs
{
    /// <summary>A private energy-and-mobility lab owned by Maria, with a pilot of hers in it at the Procure stage.</summary>
    public static async Task<(ILabGrain Lab, IPilotGrain Pilot)> NewPilotAsync(IGrainFactory grains)
    {
        var lab = grains.GetGrain<ILabGrain>(LabIds.New());
        Assert.True((await lab.CreateAsync(Maria, new CreateLabRequest("Lab", LabThemes.EnergyAndMobility, "About", LabVisibility.Private))).Ok);
        var pilot = grains.GetGrain<IPilotGrain>(PilotIds.New());
        var created = await pilot.CreateAsync(Maria, new CreatePilotRequest(lab.GetPrimaryKeyString(), LabThemes.EnergyAndMobility, "Pilot", "Challenge", PilotStage.Procure));
        Assert.True(created.Ok, created.Message);
        return (lab, pilot);
    }

    /// <summary>Maria invites <paramref name="who"/> into <paramref name="lab"/> with <paramref name="role"/>, and they accept.</summary>
    public static async Task InviteAsync(ILabGrain lab, Actor who, LabRole role)
    {
        var invitation = await lab.InviteAsync(Maria, who.UserId, null, null, role);
        Assert.True(invitation.Ok, invitation.Message);
        Assert.True((await lab.AcceptAsync(who, invitation.Value!.Id, null)).Ok);
    }
}
