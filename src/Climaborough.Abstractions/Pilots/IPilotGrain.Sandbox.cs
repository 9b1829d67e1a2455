namespace Climaborough.Abstractions.Pilots;

using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;

/// <summary>The pilot's Climate Sandbox register: barriers, their status along the sandbox's steps, and a lesson from a resolved one.</summary>
public partial interface IPilotGrain
{
    /// <summary>The pilot's barriers, in the order recorded (readers).</summary>
    Task<Outcome<IReadOnlyList<SandboxEntryView>>> SandboxAsync(Actor? actor);

    /// <summary>Records a barrier, status identified as of today (contributors).</summary>
    Task<Outcome<SandboxEntryView>> AddSandboxEntryAsync(Actor actor, SandboxEntryRequest request);

    /// <summary>Moves a barrier forward (contributors): <see cref="SandboxLimits.MayMove"/>, a date from the last step's to today.</summary>
    Task<Outcome<SandboxEntryView>> SetSandboxStatusAsync(Actor actor, string entryId, SandboxStatusRequest request);

    /// <summary>Publishes a resolved barrier as a lesson of the pilot's lab, once (contributors; the library decides as for any lesson).</summary>
    Task<Outcome<SandboxEntryView>> PublishSandboxLessonAsync(Actor actor, string entryId);
}

/// <summary>
/// The network's Climate Sandbox register (one activation, key <see cref="NetworkKey"/>): every pilot's
/// barriers, kept current by the pilots, searchable with the lessons' English and Bulgarian analysers.
/// </summary>
public interface ISandboxRegisterGrain : IGrainWithStringKey
{
    /// <summary>The only key in use.</summary>
    public const string NetworkKey = "network";

    /// <summary>Replaces a pilot's barriers.</summary>
    Task UpsertAsync(SandboxPilotEntries entries);

    /// <summary>Barriers matching every word (all when empty), best first, with their labs (no access check: the caller asks each lab).</summary>
    Task<IReadOnlyList<SandboxRegisterHit>> SearchAsync(string? text);
}

/// <summary>A barrier found in the register, with the lab whose rule decides who may read it.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.sandbox-register-hit.v1")]
public sealed record SandboxRegisterHit([property: Id(0)] string LabId, [property: Id(1)] SandboxHit Hit);

/// <summary>A pilot's barriers as the register keeps them.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.sandbox-pilot-entries.v1")]
public sealed record SandboxPilotEntries(
    [property: Id(0)] string PilotId,
    [property: Id(1)] string LabId,
    [property: Id(2)] string CityId,
    [property: Id(3)] string HubId,
    [property: Id(4)] string PilotTitle,
    [property: Id(5)] IReadOnlyList<SandboxEntryView> Entries);

/// <summary>Stored state of the network's register.</summary>
[GenerateSerializer, Alias("climaborough.sandbox-register-state.v1")]
public sealed class SandboxRegisterState
{
    /// <summary>Barriers by pilot id.</summary>
    [Id(0)] public Dictionary<string, SandboxPilotEntries> Pilots { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A step of a barrier's history as stored.</summary>
[GenerateSerializer, Immutable, Alias("climaborough.sandbox-step.v1")]
public sealed record StoredSandboxStep(
    [property: Id(0)] BarrierStatus Status,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] string? Outcome,
    [property: Id(3)] string ById,
    [property: Id(4)] string By,
    [property: Id(5)] DateTimeOffset At);

/// <summary>A barrier as stored.</summary>
[GenerateSerializer, Alias("climaborough.sandbox-entry.v1")]
public sealed class StoredSandboxEntry
{
    /// <summary>Id within the pilot (<c>s</c> and a number).</summary>
    [Id(0)] public string Id { get; set; } = string.Empty;

    /// <summary>Title.</summary>
    [Id(1)] public string Title { get; set; } = string.Empty;

    /// <summary>Kind.</summary>
    [Id(2)] public BarrierKind Kind { get; set; }

    /// <summary>The rule concerned.</summary>
    [Id(3)] public string Rule { get; set; } = string.Empty;

    /// <summary>Description.</summary>
    [Id(4)] public string Description { get; set; } = string.Empty;

    /// <summary>Steps, oldest first (the first is identified).</summary>
    [Id(5)] public List<StoredSandboxStep> Steps { get; set; } = [];

    /// <summary>The lesson published from it.</summary>
    [Id(6)] public string? LessonId { get; set; }

    /// <summary>When last changed.</summary>
    [Id(7)] public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Stored state of a pilot: the Climate Sandbox register (ids 60-79).</summary>
public sealed partial class PilotState
{
    /// <summary>Barriers, in the order recorded.</summary>
    [Id(61)] public List<StoredSandboxEntry> Sandbox { get; set; } = [];
}
