namespace Climaborough.Contracts;

/// <summary>Body of <c>PUT /api/pilots/{id}/status</c>: a status in place of the derived one and why, or <c>null</c> to go back to the derived status.</summary>
public sealed record PilotStatusRequest(PilotStatus? Status, string? Reason);

/// <summary>A status set by a manager in place of the one derived from the milestones: the reason, who set it and when.</summary>
public sealed record PilotStatusOverrideView(PilotStatus Status, string Reason, string By, DateTimeOffset At);

/// <summary>Limits of a status override.</summary>
public static class PilotStatusLimits
{
    /// <summary>Length of the reason.</summary>
    public const int MaxReasonLength = 500;
}
