namespace Climaborough.Testing;

/// <summary>A clock the test moves by hand; timers made from it are the system's (the grains that use it make none).</summary>
public sealed class ManualClock : TimeProvider
{
    private readonly object sync = new();
    private DateTimeOffset now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (sync)
        {
            return now;
        }
    }

    /// <summary>Moves the clock on.</summary>
    public void Advance(TimeSpan by)
    {
        lock (sync)
        {
            now += by;
        }
    }
}
