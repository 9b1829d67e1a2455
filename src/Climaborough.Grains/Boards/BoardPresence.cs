namespace Climaborough.Grains.Boards;

using Climaborough.Contracts;

/// <summary>
/// Who is on a board now (one entry per browser tab, by session id): their cursor, selection and view.
/// Memory only; a participant silent for <c>timeout</c> is gone. The owner relays what changes. Pure:
/// no Orleans, no clock of its own.
/// </summary>
public sealed class BoardPresence(TimeSpan timeout)
{
    /// <summary>At most this many selected elements are relayed.</summary>
    public const int MaxSelection = 500;

    private static readonly string[] Palette = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#469990", "#9a6324", "#800000"];

    private readonly Dictionary<string, (Participant Participant, DateTimeOffset LastSeen)> sessions = new(StringComparer.Ordinal);

    /// <summary>How many are present.</summary>
    public int Count => sessions.Count;

    /// <summary>Everyone present.</summary>
    public IReadOnlyList<Participant> Participants => [.. sessions.Values.Select(p => p.Participant)];

    /// <summary>A tab of <paramref name="userId"/> joins: it gets the person's colour and starts without cursor or selection.</summary>
    public Participant Join(string userId, Participant participant, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(participant);
        var me = participant with { UserId = userId, Color = ColorFor(userId), CursorX = null, CursorY = null, Selection = [] };
        sessions[me.SessionId] = (me, now);
        return me;
    }

    /// <summary>
    /// A cursor, selection or view update; null (and nothing changes) unless the session joined as that
    /// same person. Non-finite coordinates, invalid ids and an invalid view are dropped.
    /// </summary>
    public Participant? Update(Participant participant, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(participant);
        if (!sessions.TryGetValue(participant.SessionId, out var known) || known.Participant.UserId != participant.UserId)
        {
            return null;
        }

        var updated = known.Participant with
        {
            CursorX = participant.CursorX is { } x && double.IsFinite(x) ? x : null,
            CursorY = participant.CursorY is { } y && double.IsFinite(y) ? y : null,
            Selection = [.. (participant.Selection ?? []).Where(BoardModel.IsValidId).Take(MaxSelection)],
            View = participant.View is { IsValid: true } view ? view : null,
        };
        sessions[participant.SessionId] = (updated, now);
        return updated;
    }

    /// <summary>
    /// As <see cref="Update"/>, but a tab that was dropped for silence comes back with its update: a busy
    /// browser can miss its 2-second repeat, and it would otherwise stay invisible to the others for as
    /// long as it is open. Only for updates of connections that joined the board and still watch it (the
    /// hub checks that before it passes one on).
    /// </summary>
    public Participant? UpdateOrReturn(Participant participant, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(participant);
        if (!sessions.ContainsKey(participant.SessionId))
        {
            Join(participant.UserId, participant, now);
        }

        return Update(participant, now);
    }

    /// <summary>A tab leaves; false when it was not present.</summary>
    public bool Leave(string sessionId) => sessions.Remove(sessionId);

    /// <summary>Removes everyone silent for longer than the timeout; returns their session ids.</summary>
    public List<string> Expire(DateTimeOffset now)
    {
        var cutoff = now - timeout;
        var gone = sessions.Where(p => p.Value.LastSeen < cutoff).Select(p => p.Key).ToList();
        foreach (var sessionId in gone)
        {
            sessions.Remove(sessionId);
        }

        return gone;
    }

    /// <summary>A person's colour: the same on every board and node.</summary>
    public static string ColorFor(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        unchecked
        {
            var h = 23;
            foreach (var c in userId)
            {
                h = (h * 31) + c;
            }

            return Palette[(int)((uint)h % Palette.Length)];
        }
    }
}
