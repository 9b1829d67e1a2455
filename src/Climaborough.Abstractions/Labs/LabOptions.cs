namespace Climaborough.Abstractions.Labs;

/// <summary>
/// Tunables of labs, bound from the configuration section <c>Auth</c>: a lab's invitation link is a
/// registration link, so it lives as long as the others (<c>Auth:InvitationLifetime</c>).
/// </summary>
public sealed class LabOptions
{
    /// <summary>How long an invitation link works unless configured: the one default of <c>Auth:InvitationLifetime</c>.</summary>
    public static readonly TimeSpan DefaultInvitationLifetime = TimeSpan.FromDays(14);

    /// <summary>How long a lab's invitation link (by email) works after it was made.</summary>
    public TimeSpan InvitationLifetime { get; set; } = DefaultInvitationLifetime;
}
