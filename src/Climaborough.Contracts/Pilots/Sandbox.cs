namespace Climaborough.Contracts;

using System.Text.Json.Serialization;

/// <summary>What kind of barrier a pilot meets in the Climate Sandbox.</summary>
[JsonConverter(typeof(StrictEnumConverter<BarrierKind>))]
public enum BarrierKind
{
    /// <summary>A law or regulation.</summary>
    Regulatory,

    /// <summary>A procedure, permit or competence.</summary>
    Administrative,

    /// <summary>Funding, budget or accounting rules.</summary>
    Financial,

    /// <summary>A standard, a specification or an infrastructure.</summary>
    Technical,
}

/// <summary>
/// Where a barrier stands, in order: identified → derogation requested → trial granted → established
/// solution; or rejected. A barrier only moves forward; rejected and established solution are final.
/// </summary>
[JsonConverter(typeof(StrictEnumConverter<BarrierStatus>))]
public enum BarrierStatus
{
    /// <summary>The barrier is known.</summary>
    Identified,

    /// <summary>A derogation (exception to the rule) was asked for.</summary>
    DerogationRequested,

    /// <summary>A trial under the derogation was granted.</summary>
    TrialGranted,

    /// <summary>The solution became established (the rule changed or the practice is accepted).</summary>
    EstablishedSolution,

    /// <summary>The derogation or trial was refused.</summary>
    Rejected,
}

/// <summary>Body of <c>POST /api/pilots/{id}/sandbox</c>: a barrier the pilot meets, and when it was identified (today when left out).</summary>
public sealed record SandboxEntryRequest(string Title, BarrierKind Kind, string Rule, string Description, DateOnly? Identified = null);

/// <summary>Body of <c>PUT /api/pilots/{id}/sandbox/{entryId}/status</c>: the next status, its date and (for a final one) the outcome.</summary>
public sealed record SandboxStatusRequest(BarrierStatus Status, DateOnly Date, string? Outcome);

/// <summary>One step of a barrier's history.</summary>
public sealed record SandboxStep(BarrierStatus Status, DateOnly Date, string? Outcome, string By);

/// <summary>A barrier in a pilot's Climate Sandbox register, with its history (oldest first) and the lesson published from it, if any.</summary>
public sealed record SandboxEntryView(
    string Id,
    string PilotId,
    string Title,
    BarrierKind Kind,
    string Rule,
    string Description,
    BarrierStatus Status,
    string? Outcome,
    IReadOnlyList<SandboxStep> History,
    string? LessonId,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Whether the barrier reached a final status (an established solution, or rejected): then it can be published as a lesson.</summary>
    public bool Resolved => Status is BarrierStatus.EstablishedSolution or BarrierStatus.Rejected;
}

/// <summary>A barrier in the network's register (<c>GET /api/sandbox</c>), with its pilot.</summary>
public sealed record SandboxHit(SandboxEntryView Entry, string PilotTitle, string CityId, string HubId);

/// <summary>Limits of the Climate Sandbox register.</summary>
public static class SandboxLimits
{
    /// <summary>Title and rule length.</summary>
    public const int MaxShortText = 200;

    /// <summary>Description and outcome length.</summary>
    public const int MaxText = 4_000;

    /// <summary>Barriers per pilot.</summary>
    public const int MaxEntries = 100;

    /// <summary>Search text length.</summary>
    public const int MaxQueryLength = 200;

    /// <summary>Whether a barrier may move from <paramref name="from"/> to <paramref name="to"/>: forward only, never out of a final status.</summary>
    public static bool MayMove(BarrierStatus from, BarrierStatus to) =>
        from is not (BarrierStatus.EstablishedSolution or BarrierStatus.Rejected)
        && (to == BarrierStatus.Rejected || to > from);
}
