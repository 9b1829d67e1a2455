namespace Climaborough.Grains.Tests.Pilots;

using Climaborough.Contracts;

/// <summary>How a pilot's status and progress follow from its milestones and measurements, on a given day.</summary>
public sealed class PilotRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    public static TheoryData<string, PilotStatus> Cases() => new()
    {
        { string.Empty, PilotStatus.OnTrack },
        { "+30 Planned", PilotStatus.OnTrack },
        { "+14 Planned", PilotStatus.AtRisk },
        { "+3 InProgress", PilotStatus.OnTrack },
        { "0 InProgress", PilotStatus.OnTrack }, // due today is not late yet
        { "-1 InProgress", PilotStatus.Late },
        { "-1 Done;+3 Planned", PilotStatus.AtRisk },
        { "-1 Done;-20 Done", PilotStatus.Done },
        { "-1 Planned;-20 Done", PilotStatus.Late },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Status_follows_from_the_milestones(string milestones, PilotStatus expected)
    {
        var parsed = milestones.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(m => m.Split(' '))
            .Select(p => (Today.AddDays(int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture)), Enum.Parse<MilestoneStatus>(p[1])));
        Assert.Equal(expected, PilotRules.Status(parsed, Today));
    }

    [Fact]
    public void Progress_runs_from_the_baseline_to_the_target_in_either_direction()
    {
        Assert.Equal(50, PilotRules.Progress(10, 20, 15));
        Assert.Equal(50, PilotRules.Progress(30, 10, 20)); // lower is better
        Assert.Equal(-10, PilotRules.Progress(10, 20, 9));
        Assert.Null(PilotRules.Progress(5, 5, 5));
    }
}
