namespace Climaborough.Server.Demo;

using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Pilots;
using Climaborough.Contracts;

/// <summary>Development only: one Climate Sandbox barrier of Sofia's leader pilot, from identified to trial granted. The rule and dates are illustrative.</summary>
public static class DemoSandbox
{
    /// <summary>Records the barrier and its steps on <paramref name="pilot"/>.</summary>
    public static async Task SeedAsync(IPilotGrain pilot, Actor maria, Actor elena)
    {
        var entry = await pilot.AddSandboxEntryAsync(elena, new SandboxEntryRequest(
            "Parking spaces reserved for shared e-mobility hubs",
            BarrierKind.Regulatory,
            "Municipal parking ordinance: public parking spaces may not be reserved for private operators",
            "The mobility hubs next to metro stations need a few parking spaces for shared e-cars and cargo bikes run by the operator chosen in the innovation partnership. Illustrative example.",
            new DateOnly(2025, 3, 3)));
        var id = entry.Value!.Id;
        await pilot.SetSandboxStatusAsync(maria, id, new SandboxStatusRequest(BarrierStatus.DerogationRequested, new DateOnly(2025, 5, 12), "Derogation asked of the municipal council for two hubs"));
        await pilot.SetSandboxStatusAsync(maria, id, new SandboxStatusRequest(BarrierStatus.TrialGranted, new DateOnly(2025, 9, 1), "Trial granted for 18 months at two metro stations"));
    }
}
