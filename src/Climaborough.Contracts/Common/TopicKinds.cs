namespace Climaborough.Contracts;

/// <summary>
/// The kinds of live topics (<c>kind:id</c>): the <c>kind</c> of <c>AccessLost(kind, id)</c> and of the
/// client's watches. One list for the server (<c>TopicNames</c>) and the client, so the two cannot drift.
/// </summary>
public static class TopicKinds
{
    /// <summary>Kind of the city topics.</summary>
    public const string City = "city";

    /// <summary>Kind of the board topics.</summary>
    public const string Board = "board";

    /// <summary>Kind of the living lab topics.</summary>
    public const string Lab = "lab";

    /// <summary>Kind of the thread topics.</summary>
    public const string Thread = "thread";

    /// <summary>Kind of the live workshop (session) topics.</summary>
    public const string Session = "session";

    /// <summary>Kind of a person's own topic (their notifications).</summary>
    public const string User = "user";

    /// <summary>A board's comment threads.</summary>
    public const string Comments = "comments";

    /// <summary>A pilot (its page).</summary>
    public const string Pilot = "pilot";

    /// <summary>A ClimHub's pilots, as the network dashboard shows them.</summary>
    public const string PilotDashboard = "pilot-dashboard";
}
