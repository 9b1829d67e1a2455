namespace Climaborough.Grains.Pilots;

using Climaborough.Abstractions.Pilots;
using Climaborough.Contracts;
using Orleans.Runtime;

/// <summary>See <see cref="IIndicatorCatalogueGrain"/>. The first activation stores the seeded definitions; definitions added to the seed later are appended to a stored catalogue on its next activation.</summary>
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
        new("final-energy-saved", "Final energy saved", "MWh/year", IndicatorDirection.HigherIsBetter,
            "Final energy use of the baseline year minus that of the period, corrected for weather (degree days), for the buildings or services of the pilot.", "Energy audits and meter readings"),
        new("public-transport-modal-share", "Modal share of public transport", "%", IndicatorDirection.HigherIsBetter,
            "Share of trips made mainly by public transport, from a household travel survey.", "Household travel survey"),
        new("ev-charging-energy", "Energy delivered at public charging points", "MWh", IndicatorDirection.HigherIsBetter,
            "Electricity delivered to vehicles at the pilot's public charging points over the period, from the charge point operator's sessions.", "Charge point operator data"),
        new("residual-waste-per-inhabitant", "Residual municipal waste per inhabitant", "kg/inhabitant/year", IndicatorDirection.LowerIsBetter,
            "Mixed municipal waste collected (not separately collected for reuse or recycling), by weight, divided by the resident population.", "Municipal waste statistics"),
    ];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A catalogue stored before a definition joined the seed gains it (appended, by id), so that a running
        // network gets the additions and keeps what it stored; a stored definition is never changed here.
        var missing = Seed.Where(seed => !state.State.Definitions.Any(d => d.Id == seed.Id)).ToList();
        if (!state.State.Seeded || missing.Count > 0)
        {
            state.State.Definitions.AddRange(missing);
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
