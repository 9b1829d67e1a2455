namespace Climaborough.Grains.Pilots;

using Climaborough.Abstractions.Pilots;
using Climaborough.Contracts;
using Orleans.Runtime;

/// <summary>See <see cref="IIndicatorCatalogueGrain"/>. The first activation stores the seeded definitions, so later additions extend a stored list.</summary>
public sealed class IndicatorCatalogueGrain(
    [PersistentState("indicators")] IPersistentState<IndicatorCatalogueState> state) : Grain, IIndicatorCatalogueGrain
{
    /// <summary>The definitions every network starts with (issue 14), so that cities measure the same way.</summary>
    public static readonly IReadOnlyList<StoredDefinition> Seed =
    [
        new("avoided-emissions", "Avoided greenhouse gas emissions", "t CO2e/year", IndicatorDirection.HigherIsBetter,
            "Emissions of the baseline scenario minus those with the pilot, over a year, with the emission factors of the city's climate plan.", "City energy and emissions inventory"),
        new("cycling-modal-share", "Modal share of cycling", "%", IndicatorDirection.HigherIsBetter,
            "Share of trips made mainly by bicycle, from a household travel survey or automatic counters calibrated by it.", "Household travel survey"),
        new("renewable-energy-produced", "Renewable energy produced", "MWh", IndicatorDirection.HigherIsBetter,
            "Electricity and heat produced by the pilot's renewable installations over the period, from meter readings.", "Meter readings"),
        new("waste-diverted-from-landfill", "Municipal waste diverted from landfill", "%", IndicatorDirection.HigherIsBetter,
            "Municipal waste reused, recycled, composted or recovered as a share of municipal waste collected, by weight.", "Municipal waste statistics"),
        new("pm25-annual-mean", "PM2.5 annual mean", "µg/m³", IndicatorDirection.LowerIsBetter,
            "Annual mean of daily PM2.5 concentrations at the pilot area's reference monitoring stations.", "Air quality monitoring network"),
    ];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.State.Seeded)
        {
            state.State.Definitions = [.. Seed];
            state.State.Seeded = true;
            await state.WriteStateAsync(cancellationToken);
        }

        await base.OnActivateAsync(cancellationToken);
    }

    public Task<IReadOnlyList<IndicatorDefinition>> ListAsync() => Task.FromResult<IReadOnlyList<IndicatorDefinition>>([.. state.State.Definitions.Select(ToView)]);

    public Task<IndicatorDefinition?> GetAsync(string indicatorId) =>
        Task.FromResult(state.State.Definitions.FirstOrDefault(d => d.Id == indicatorId) is { } found ? ToView(found) : null);

    /// <summary>The contract's shape of a stored definition.</summary>
    public static IndicatorDefinition ToView(StoredDefinition d) => new(d.Id, d.Name, d.Unit, d.Direction, d.Method, d.Source);
}
