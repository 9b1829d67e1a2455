namespace Climaborough.Grains.Pilots;

using System.Globalization;
using System.Text;
using Climaborough.Abstractions;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Lessons;
using Climaborough.Abstractions.Pilots;
using Climaborough.Contracts;

/// <summary>The pilot's Climate Sandbox register; every change is copied to the network's register for search.</summary>
public sealed partial class PilotGrain
{
    public async Task<Outcome<IReadOnlyList<SandboxEntryView>>> SandboxAsync(Actor? actor)
    {
        if ((await CheckAsync(actor, Need.Read)).Refused is { } refused)
        {
            return refused;
        }

        return new(SandboxViews());
    }

    public async Task<Outcome<SandboxEntryView>> AddSandboxEntryAsync(Actor actor, SandboxEntryRequest request)
    {
        if ((await CheckAsync(actor, Need.Contribute)).Refused is { } refused)
        {
            return refused;
        }

        var errors = new List<string>();
        if (request is null)
        {
            errors.Add("title: required.");
        }
        else
        {
            CheckText(errors, "title", request.Title, SandboxLimits.MaxShortText, required: true);
            CheckText(errors, "rule", request.Rule, SandboxLimits.MaxShortText, required: true);
            CheckText(errors, "description", request.Description, SandboxLimits.MaxText, required: false, multiline: true);
            if (request.Identified is { } identified && (identified < PilotLimits.MinDate || identified > Today))
            {
                errors.Add($"identified: from {PilotLimits.MinDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to today.");
            }

            if (!Enum.IsDefined(request.Kind))
            {
                errors.Add($"kind: one of {string.Join(", ", Enum.GetNames<BarrierKind>())}.");
            }
        }

        if (Invalid(errors) is { } invalid)
        {
            return invalid;
        }

        if (S.Sandbox.Count >= SandboxLimits.MaxEntries)
        {
            return new Refusal(ErrorCodes.Conflict, $"A pilot records at most {SandboxLimits.MaxEntries} barriers.");
        }

        var now = time.GetUtcNow();
        var entry = new StoredSandboxEntry
        {
            Id = NextId("s"),
            Title = request!.Title.Trim(),
            Kind = request.Kind,
            Rule = request.Rule.Trim(),
            Description = request.Description?.Trim() ?? string.Empty,
            Steps = [new StoredSandboxStep(BarrierStatus.Identified, request.Identified ?? Today, null, actor.UserId, actor.Name, now)],
            UpdatedAt = now,
        };
        S.Sandbox.Add(entry);
        await SaveSandboxAsync(now);
        return new(ToView(entry));
    }

    public async Task<Outcome<SandboxEntryView>> SetSandboxStatusAsync(Actor actor, string entryId, SandboxStatusRequest request)
    {
        if ((await CheckAsync(actor, Need.Contribute)).Refused is { } refused)
        {
            return refused;
        }

        var entry = S.Sandbox.FirstOrDefault(e => e.Id == entryId);
        if (entry is null)
        {
            return new Refusal(ErrorCodes.Invalid, "entryId: there is no such barrier in this pilot.");
        }

        var errors = new List<string>();
        var last = entry.Steps[^1];
        if (request is null || !Enum.IsDefined(request.Status))
        {
            errors.Add($"status: one of {string.Join(", ", Enum.GetNames<BarrierStatus>())}.");
        }
        else
        {
            if (!SandboxLimits.MayMove(last.Status, request.Status))
            {
                errors.Add(last.Status is BarrierStatus.EstablishedSolution or BarrierStatus.Rejected
                    ? $"status: this barrier is {last.Status} already (final)."
                    : $"status: a barrier moves forward only, from {last.Status} to a later step or to Rejected.");
            }

            if (request.Date < last.Date || request.Date > Today)
            {
                errors.Add($"date: from the last step's date ({last.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}) to today.");
            }

            CheckText(errors, "outcome", request.Outcome, SandboxLimits.MaxText, required: false, multiline: true);
        }

        if (Invalid(errors) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        entry.Steps.Add(new StoredSandboxStep(request!.Status, request.Date, string.IsNullOrWhiteSpace(request.Outcome) ? null : request.Outcome.Trim(), actor.UserId, actor.Name, now));
        entry.UpdatedAt = now;
        await SaveSandboxAsync(now);
        return new(ToView(entry));
    }

    public async Task<Outcome<SandboxEntryView>> PublishSandboxLessonAsync(Actor actor, string entryId)
    {
        if ((await CheckAsync(actor, Need.Contribute)).Refused is { } refused)
        {
            return refused;
        }

        var entry = S.Sandbox.FirstOrDefault(e => e.Id == entryId);
        if (entry is null)
        {
            return new Refusal(ErrorCodes.Invalid, "entryId: there is no such barrier in this pilot.");
        }

        var view = ToView(entry);
        if (!view.Resolved)
        {
            return new Refusal(ErrorCodes.Conflict, "Only a resolved barrier (an established solution, or rejected) is published as a lesson.");
        }

        if (entry.LessonId is not null)
        {
            return new Refusal(ErrorCodes.Conflict, "This barrier was published as a lesson already.");
        }

        var tried = new StringBuilder();
        foreach (var step in entry.Steps)
        {
            tried.Append("- ").Append(step.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(": ").Append(step.Status);
            tried.AppendLine(step.Outcome is null ? string.Empty : " — " + step.Outcome);
        }

        var title = $"Climate Sandbox: {entry.Title}";
        var lesson = new LessonRequest(
            title.Length > LessonLimits.MaxTitleLength ? title[..LessonLimits.MaxTitleLength] : title,
            view.Status == BarrierStatus.EstablishedSolution ? LessonKind.GoodPractice : LessonKind.Lesson,
            $"{S.Title}: a {entry.Kind.ToString().ToLowerInvariant()} barrier, the rule \"{entry.Rule}\".\n\n{entry.Description}".Trim(),
            tried.ToString(),
            view.Outcome ?? view.Status.ToString(),
            string.Empty,
            S.HubId,
            ["climate-sandbox", entry.Kind.ToString().ToLowerInvariant()],
            null,
            LessonVisibility.Network);
        var published = await GrainFactory.GetGrain<ILessonLibraryGrain>(ILessonLibraryGrain.NetworkKey).PublishAsync(actor, S.LabId, lesson);
        if (published.Refusal is { } lessonRefused)
        {
            return lessonRefused;
        }

        var now = time.GetUtcNow();
        entry.LessonId = published.Value!.Summary.Id;
        entry.UpdatedAt = now;
        await SaveSandboxAsync(now);
        return new(ToView(entry));
    }

    private IReadOnlyList<SandboxEntryView> SandboxViews() => [.. S.Sandbox.Select(ToView)];

    private async Task SaveSandboxAsync(DateTimeOffset now)
    {
        await SaveAsync(now);
        await GrainFactory.GetGrain<ISandboxRegisterGrain>(ISandboxRegisterGrain.NetworkKey)
            .UpsertAsync(new SandboxPilotEntries(Id, S.LabId, S.CityId, S.HubId, S.Title, SandboxViews()));
    }

    private SandboxEntryView ToView(StoredSandboxEntry e)
    {
        var last = e.Steps[^1];
        return new SandboxEntryView(
            e.Id,
            Id,
            e.Title,
            e.Kind,
            e.Rule,
            e.Description,
            last.Status,
            e.Steps.LastOrDefault(s => s.Outcome is not null)?.Outcome,
            [.. e.Steps.Select(s => new SandboxStep(s.Status, s.Date, s.Outcome, s.By))],
            e.LessonId,
            e.UpdatedAt);
    }
}
