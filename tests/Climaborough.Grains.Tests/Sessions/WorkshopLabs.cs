namespace Climaborough.Grains.Tests.Sessions;

using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using static Climaborough.Grains.Tests.People;

/// <summary>The lab the workshop tests run in: Maria's private lab where Elena moderates, Ivan is a member and Giulia observes.</summary>
internal static class WorkshopLabs
{
    /// <summary>Creates the lab with its three invited people (each accepted) and answers its id.</summary>
    public static async Task<string> NewAsync(IGrainFactory grains)
    {
        var labId = LabIds.New();
        var lab = grains.GetGrain<ILabGrain>(labId);
        Assert.True((await lab.CreateAsync(Maria, new CreateLabRequest("Safer school streets", LabThemes.EnergyAndMobility, "Lyulin", LabVisibility.Private))).Ok);
        foreach (var (who, role) in new[] { (Elena, LabRole.Moderator), (Ivan, LabRole.Member), (Giulia, LabRole.Observer) })
        {
            var invitation = await lab.InviteAsync(Maria, who.UserId, null, null, role);
            Assert.True((await lab.AcceptAsync(who, invitation.Value!.Id, null)).Ok);
        }

        return labId;
    }
}
