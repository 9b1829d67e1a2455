namespace Climaborough.Grains.Lessons;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Files;
using Climaborough.Abstractions.Lessons;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Climaborough.Grains.Text;
using Orleans.Runtime;

/// <summary>See <see cref="ILessonLibraryGrain"/>. The stored lessons are the record; <see cref="LessonIndex"/> is derived from them.</summary>
public sealed partial class LessonLibraryGrain(
    [PersistentState("lessons")] IPersistentState<LessonLibraryState> state,
    TimeProvider time) : Grain, ILessonLibraryGrain, IDisposable
{
    /// <summary>Built from the stored lessons when the grain activates (see <see cref="OnActivateAsync"/>).</summary>
    private Text.TextIndex index = null!;

    private Dictionary<string, StoredLesson> Lessons => state.State.Lessons;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        index = LessonIndex.Build(Lessons.Values);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        // Deactivation and disposal both come here; the index is let go once.
        index?.Dispose();
        index = null!;
    }

    public async Task<Outcome<LessonView>> PublishAsync(Actor actor, string labId, LessonRequest request)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var lab = GrainFactory.GetGrain<ILabGrain>(labId);
        var access = await lab.AccessAsync(actor);
        if (access.Refuse(LabAction.Contribute, "There is no such lab.", "Publishing a lesson needs the member role in its lab.") is { } refused)
        {
            return refused;
        }

        if (Invalid(request) is { } problem)
        {
            return new Refusal(ErrorCodes.Invalid, problem);
        }

        var summary = access.Summary!;
        if (request.SourceBoardId is { Length: > 0 } board && (await lab.ViewAsync(actor)).Value?.Contents.Any(c => c.Kind == "board" && c.Id == board) != true)
        {
            return new Refusal(ErrorCodes.Invalid, "sourceBoardId: not a board of this lab.");
        }

        var (attached, notAttached) = await Attachments.ResolveAsync(GrainFactory, labId, request.Attachments);
        if (notAttached is not null)
        {
            return new Refusal(ErrorCodes.Invalid, notAttached);
        }

        var clean = request with
        {
            Attachments = null,
            Title = request.Title.Trim(),
            Theme = string.IsNullOrWhiteSpace(request.Theme) ? summary.Theme : request.Theme.Trim(),
            Tags = [.. request.Tags.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal)],
            SourceBoardId = string.IsNullOrWhiteSpace(request.SourceBoardId) ? null : request.SourceBoardId,
        };
        var lesson = new StoredLesson
        {
            Id = LessonIds.New(),
            Request = clean,
            CityId = summary.CityId,
            LabId = labId,
            AuthorId = actor.UserId,
            AuthorName = actor.Name,
            PublishedAt = time.GetUtcNow(),
            Html = [.. new[] { clean.Context, clean.Tried, clean.Happened, clean.Differently }.Select(text => MarkdownRenderer.ToSafeHtml(text, labId))],
            Attachments = [.. attached!],
            InlineFiles = [.. new[] { clean.Context, clean.Tried, clean.Happened, clean.Differently }.SelectMany(text => MarkdownRenderer.ImageFileIds(text, labId)).Distinct(StringComparer.Ordinal)],
        };
        Lessons[lesson.Id] = lesson;
        await state.WriteStateAsync();
        index.Add(lesson);
        await lab.AddContentAsync(actor, new LabContent("lesson", lesson.Id, lesson.Request.Title, lesson.PublishedAt));
        return new(ToView(lesson, actor));
    }

    public Task<IReadOnlyList<LessonSummary>> SearchAsync(Actor? reader, LessonQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        IEnumerable<StoredLesson> found = string.IsNullOrWhiteSpace(query.Text)
            ? Lessons.Values.OrderByDescending(l => l.PublishedAt)
            : index.Search(query.Text).Select(id => Lessons.GetValueOrDefault(id)).OfType<StoredLesson>();
        var list = found
            .Where(l => MayRead(reader, l))
            .Where(l => query.CityId is null || l.CityId == query.CityId)
            .Where(l => query.Theme is null || l.Request.Theme == query.Theme)
            .Where(l => query.Tag is null || l.Request.Tags.Contains(query.Tag.Trim().ToLowerInvariant()))
            .Where(l => query.Kind is null || l.Request.Kind == query.Kind)
            .Take(200)
            .Select(ToSummary)
            .ToList();
        return Task.FromResult<IReadOnlyList<LessonSummary>>(list);
    }

    public Task<Outcome<LessonView>> GetAsync(Actor? reader, string lessonId) => Task.FromResult(
        Lessons.TryGetValue(lessonId, out var lesson) && MayRead(reader, lesson) ? new Outcome<LessonView>(ToView(lesson, reader)) : NotFound());

    public async Task<Outcome<LessonView>> AdoptAsync(Actor actor, string lessonId, bool adopted)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!Lessons.TryGetValue(lessonId, out var lesson) || !MayRead(actor, lesson))
        {
            return NotFound();
        }

        if (actor.CityId is null)
        {
            return new Refusal(ErrorCodes.Forbidden, "Lessons are adopted by partner cities: your account belongs to none.");
        }

        if (actor.CityId == lesson.CityId)
        {
            return new Refusal(ErrorCodes.Invalid, "adopted: a city adopts other cities' lessons, not its own.");
        }

        var had = lesson.Adoptions.FindIndex(a => a.CityId == actor.CityId);
        if (adopted && had < 0)
        {
            lesson.Adoptions.Add(new LessonAdoption(actor.CityId, actor.Name, time.GetUtcNow()));
            await state.WriteStateAsync();
        }
        else if (!adopted && had >= 0)
        {
            lesson.Adoptions.RemoveAt(had);
            await state.WriteStateAsync();
        }

        return new(ToView(lesson, actor));
    }

    public Task<IReadOnlyList<LessonView>> PublicLessonsAsync() => Task.FromResult<IReadOnlyList<LessonView>>(
        [.. Lessons.Values.Where(l => l.Request.Visibility == LessonVisibility.Public).OrderBy(l => l.PublishedAt).Select(l => ToView(l, null))]);

    public Task<int> RebuildIndexAsync()
    {
        index.Dispose();
        index = LessonIndex.Build(Lessons.Values);
        return Task.FromResult(Lessons.Count);
    }

    private static bool MayRead(Actor? reader, StoredLesson lesson) =>
        lesson.Request.Visibility == LessonVisibility.Public || reader?.CityId is not null;

    private static Outcome<LessonView> NotFound() => new Refusal(ErrorCodes.NotFound, "There is no such lesson.");

    private static LessonSummary ToSummary(StoredLesson l) => new(
        l.Id,
        l.Request.Title,
        l.Request.Kind,
        l.CityId,
        l.LabId,
        l.Request.Theme,
        l.Request.Tags,
        l.Request.Visibility,
        l.AuthorName,
        l.PublishedAt,
        [.. l.Adoptions.Select(a => a.CityId)],
        Excerpts.Of(l.Request.Context, 200, stripMarks: true));

    private static LessonView ToView(StoredLesson l, Actor? reader) => new(
        ToSummary(l),
        l.Request.Context,
        l.Request.Tried,
        l.Request.Happened,
        l.Request.Differently,
        l.Html[0],
        l.Html[1],
        l.Html[2],
        l.Html[3],
        l.Request.SourceBoardId,
        l.Adoptions,
        reader?.CityId is { } city && city != l.CityId,
        [.. l.Attachments.Select(a => a.ToView())]);

    private static string? Invalid(LessonRequest? r)
    {
        if (r is null || string.IsNullOrWhiteSpace(r.Title) || r.Title.Trim().Length > LessonLimits.MaxTitleLength)
        {
            return $"title: 1 to {LessonLimits.MaxTitleLength} characters.";
        }

        foreach (var (name, value) in new[] { ("context", r.Context), ("tried", r.Tried), ("happened", r.Happened), ("differently", r.Differently) })
        {
            if (value is null || value.Length > LessonLimits.MaxFieldLength)
            {
                return $"{name}: at most {LessonLimits.MaxFieldLength} characters.";
            }
        }

        if (string.IsNullOrWhiteSpace(r.Context) || string.IsNullOrWhiteSpace(r.Happened))
        {
            return "context: say at least what the situation was and what happened.";
        }

        if (r.Theme is { Length: > LabLimits.MaxThemeLength })
        {
            return $"theme: at most {LabLimits.MaxThemeLength} characters.";
        }

        if (r.Tags is null || r.Tags.Count > LessonLimits.MaxTags || r.Tags.Any(t => t is null || t.Trim().Length > LessonLimits.MaxTagLength))
        {
            return $"tags: at most {LessonLimits.MaxTags} tags of at most {LessonLimits.MaxTagLength} characters.";
        }

        if (!Enum.IsDefined(r.Kind) || !Enum.IsDefined(r.Visibility))
        {
            return "kind: Lesson or GoodPractice; visibility: Network or Public.";
        }

        return null;
    }
}
