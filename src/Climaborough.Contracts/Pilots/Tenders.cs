namespace Climaborough.Contracts;

using System.Text.Json.Serialization;

/// <summary>How a tender of public procurement of innovation is run.</summary>
[JsonConverter(typeof(StrictEnumConverter<TenderProcedure>))]
public enum TenderProcedure
{
    /// <summary>Innovation partnership: research, development and purchase in one procedure.</summary>
    InnovationPartnership,

    /// <summary>Pre-commercial procurement: research and development services in competing phases, before any purchase.</summary>
    PreCommercialProcurement,

    /// <summary>Competitive dialogue with the bidders before they tender.</summary>
    CompetitiveDialogue,

    /// <summary>Competitive procedure with negotiation.</summary>
    CompetitiveNegotiation,

    /// <summary>Open procedure: any company may tender.</summary>
    OpenProcedure,
}

/// <summary>Where a tender stands.</summary>
[JsonConverter(typeof(StrictEnumConverter<TenderStatus>))]
public enum TenderStatus
{
    /// <summary>Being prepared, not published yet.</summary>
    Planned,

    /// <summary>Published: companies may tender until the deadline.</summary>
    Published,

    /// <summary>The bids are being evaluated.</summary>
    Evaluating,

    /// <summary>Awarded to one or more companies.</summary>
    Awarded,

    /// <summary>Cancelled.</summary>
    Cancelled,
}

/// <summary>One lot of a tender: what is bought, its budget in euro and, once awarded, the company.</summary>
public sealed record TenderLot(string Title, decimal BudgetEur, string? AwardedTo);

/// <summary>
/// Body of <c>POST /api/pilots/{id}/tenders</c> and <c>PUT …/tenders/{tenderId}</c>. Dates: when the notice was
/// published, the deadline for bids and the award decision (see <see cref="TenderRules"/> for which are required when).
/// </summary>
public sealed record TenderRequest(
    string Title,
    TenderProcedure Procedure,
    TenderStatus Status,
    DateOnly? PublishedOn,
    DateOnly? Deadline,
    DateOnly? AwardedOn,
    IReadOnlyList<TenderLot> Lots);

/// <summary>A tender of a pilot, with its lots and their total budget in euro.</summary>
public sealed record TenderView(
    string Id,
    string Title,
    TenderProcedure Procedure,
    TenderStatus Status,
    DateOnly? PublishedOn,
    DateOnly? Deadline,
    DateOnly? AwardedOn,
    IReadOnlyList<TenderLot> Lots,
    decimal TotalBudgetEur,
    DateTimeOffset UpdatedAt);

/// <summary>The answer of <c>GET /api/pilots/{id}/tenders</c>: the pilot's tenders in the order added, and whether the caller may add or change them.</summary>
public sealed record PilotTendersView(IReadOnlyList<TenderView> Tenders, bool YouMayManage);

/// <summary>Limits and rules of tenders, shared by the grain and the web app.</summary>
public static class TenderRules
{
    /// <summary>Tenders per pilot.</summary>
    public const int MaxTenders = 50;

    /// <summary>Lots per tender.</summary>
    public const int MaxLots = 30;

    /// <summary>The largest budget of one lot, in euro (one billion).</summary>
    public const decimal MaxBudgetEur = 1_000_000_000m;

    /// <summary>Whether a tender in <paramref name="status"/> has been published (so it has a publication date and a deadline).</summary>
    public static bool IsPublished(TenderStatus status) => status is TenderStatus.Published or TenderStatus.Evaluating or TenderStatus.Awarded;
}
