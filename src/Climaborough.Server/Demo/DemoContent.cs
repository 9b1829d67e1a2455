namespace Climaborough.Server.Demo;

using Climaborough.Abstractions.Lessons;
using Climaborough.Abstractions.Threads;
using Climaborough.Abstractions.Users;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;

/// <summary>
/// Development only: a first living lab for the demo accounts (Maria's "Circular Sofia", with Elena as
/// moderator and Ivan as member), one discussion thread with a reply and one public lesson, so a fresh
/// start has something to open. Made once: not when Maria is in any lab already.
/// </summary>
public static class DemoContent
{
    /// <summary>Creates the content if Maria has no lab yet.</summary>
    public static async Task SeedAsync(IGrainFactory grains, IReadOnlyDictionary<string, Actor> people, ILogger logger)
    {
        if (!people.TryGetValue("maria", out var maria) || !people.TryGetValue("elena", out var elena) || !people.TryGetValue("ivan", out var ivan)
            || (await grains.GetGrain<IUserGrain>(maria.UserId).GetLabsAsync()).Count > 0)
        {
            return;
        }

        var labId = LabIds.New();
        var lab = grains.GetGrain<ILabGrain>(labId);
        await lab.CreateAsync(maria, new CreateLabRequest(
            "Circular Sofia",
            LabThemes.WasteToCircularity,
            "Separate collection, repair and reuse in **Sofia's** neighbourhoods. Разделно събиране, ремонт и повторна употреба.",
            LabVisibility.Network));
        foreach (var (person, role) in new[] { (elena, LabRole.Moderator), (ivan, LabRole.Member) })
        {
            var invitation = await lab.InviteAsync(maria, person.UserId, null, null, role);
            await lab.AcceptAsync(person, invitation.Value!.Id, null);
        }

        var thread = grains.GetGrain<IThreadGrain>(ThreadIds.New());
        await thread.CreateAsync(maria, labId, new CreateThreadRequest("Where should the new textile containers go?", "We have 40 containers for the spring. Markets, schools or metro stations? @ivan, you mapped the routes."), [ivan]);
        await thread.ReplyAsync(ivan, labId, new ReplyRequest("Metro stations first: **60 %** of the survey answers pass one daily.", "p1"), []);

        await grains.GetGrain<ILessonLibraryGrain>(ILessonLibraryGrain.NetworkKey).PublishAsync(maria, labId, new LessonRequest(
            "Разделно събиране на отпадъците в кварталите",
            LessonKind.Lesson,
            "Жителите на Люлин не знаеха къде са контейнерите за рециклиране. Residents did not know where the recycling containers were.",
            "Карта на контейнерите и посещения от врата на врата. A map of the containers and door-to-door visits.",
            "Участието се удвои за три месеца. Participation doubled in three months.",
            "Да започнем с училищата. Start with the schools: children bring the habit home.",
            string.Empty,
            ["recycling", "neighbourhoods"],
            null,
            LessonVisibility.Public));
        logger.LogInformation("Demo content: lab {LabId} with a thread and a lesson", labId);
        await DemoPilots.SeedAsync(grains, maria, elena, ivan, labId, TimeProvider.System, logger);
        if (people.TryGetValue("giulia", out var giulia))
        {
            await DemoPublicPilot.SeedAsync(grains, giulia, TimeProvider.System, logger);
        }
        await DemoReplication.SeedAsync(grains, people, logger);
    }
}
