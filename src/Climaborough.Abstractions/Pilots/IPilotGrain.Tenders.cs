namespace Climaborough.Abstractions.Pilots;

using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;

/// <summary>A pilot's tenders (procurement of innovation): readers of the lab see them; managers add and change them.</summary>
public partial interface IPilotGrain
{
    /// <summary>The pilot's tenders as <paramref name="actor"/> may see them (readers of the lab).</summary>
    Task<Outcome<PilotTendersView>> TendersAsync(Actor? actor);

    /// <summary>Adds a tender (managers: the lab's moderators or the city's coordinators).</summary>
    Task<Outcome<TenderView>> AddTenderAsync(Actor actor, TenderRequest request);

    /// <summary>Changes a tender, e.g. publishes or awards it (managers).</summary>
    Task<Outcome<TenderView>> UpdateTenderAsync(Actor actor, string tenderId, TenderRequest request);
}

/// <summary>The pilot's tenders (ids 40-49 of <see cref="PilotState"/> belong to issue 14's network part).</summary>
public sealed partial class PilotState
{
    /// <summary>Tenders, in the order added.</summary>
    [Id(40)] public List<StoredTender> Tenders { get; set; } = [];
}

/// <summary>A tender as stored.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.pilot-tender.v1")]
public sealed record StoredTender(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] TenderProcedure Procedure,
    [property: Id(3)] TenderStatus Status,
    [property: Id(4)] DateOnly? PublishedOn,
    [property: Id(5)] DateOnly? Deadline,
    [property: Id(6)] DateOnly? AwardedOn,
    [property: Id(7)] IReadOnlyList<StoredTenderLot> Lots,
    [property: Id(8)] DateTimeOffset ChangedAt,
    [property: Id(9)] string ChangedBy);

/// <summary>A tender's lot as stored.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.pilot-tender-lot.v1")]
public sealed record StoredTenderLot(
    [property: Id(0)] string Title,
    [property: Id(1)] decimal BudgetEur,
    [property: Id(2)] string? AwardedTo);
