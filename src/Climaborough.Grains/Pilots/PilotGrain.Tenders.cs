namespace Climaborough.Grains.Pilots;

using System.Globalization;
using Climaborough.Abstractions;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Pilots;
using Climaborough.Contracts;

/// <summary>
/// Tenders of public procurement of innovation. Readers of the pilot's lab see them; managers (the lab's
/// moderators, the city's coordinators) add and change them. A refused or invalid call changes nothing.
/// </summary>
public sealed partial class PilotGrain
{
    public async Task<Outcome<PilotTendersView>> TendersAsync(Actor? actor)
    {
        var (refused, _, manage) = await CheckAsync(actor, Need.Read);
        return refused ?? new Outcome<PilotTendersView>(new PilotTendersView([.. S.Tenders.Select(ToView)], manage));
    }

    public async Task<Outcome<TenderView>> AddTenderAsync(Actor actor, TenderRequest request)
    {
        if ((await CheckAsync(actor, Need.Manage)).Refused is { } refused)
        {
            return refused;
        }

        if (Invalid(CheckTender(request)) is { } invalid)
        {
            return invalid;
        }

        if (S.Tenders.Count >= TenderRules.MaxTenders)
        {
            return new Refusal(ErrorCodes.Conflict, $"A pilot holds at most {TenderRules.MaxTenders} tenders.");
        }

        var now = time.GetUtcNow();
        var tender = Stored(NextId("t"), request, now, actor.UserId);
        S.Tenders.Add(tender);
        await SaveAsync(now);
        return new(ToView(tender));
    }

    public async Task<Outcome<TenderView>> UpdateTenderAsync(Actor actor, string tenderId, TenderRequest request)
    {
        if ((await CheckAsync(actor, Need.Manage)).Refused is { } refused)
        {
            return refused;
        }

        var index = S.Tenders.FindIndex(t => t.Id == tenderId);
        if (index < 0)
        {
            return new Refusal(ErrorCodes.Invalid, "tenderId: there is no such tender in this pilot.");
        }

        if (Invalid(CheckTender(request)) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        var changed = Stored(tenderId, request, now, actor.UserId);
        S.Tenders[index] = changed;
        await SaveAsync(now);
        return new(ToView(changed));
    }

    private static StoredTender Stored(string id, TenderRequest r, DateTimeOffset now, string by) => new(
        id,
        r.Title.Trim(),
        r.Procedure,
        r.Status,
        r.PublishedOn,
        r.Deadline,
        r.AwardedOn,
        [.. r.Lots.Select(l => new StoredTenderLot(l.Title.Trim(), l.BudgetEur, string.IsNullOrWhiteSpace(l.AwardedTo) ? null : l.AwardedTo.Trim()))],
        now,
        by);

    private static TenderView ToView(StoredTender t) => new(
        t.Id,
        t.Title,
        t.Procedure,
        t.Status,
        t.PublishedOn,
        t.Deadline,
        t.AwardedOn,
        [.. t.Lots.Select(l => new TenderLot(l.Title, l.BudgetEur, l.AwardedTo))],
        t.Lots.Sum(l => l.BudgetEur),
        t.ChangedAt);

    /// <summary>Every problem of a tender at once, one <c>field: reason</c> line each.</summary>
    private static List<string> CheckTender(TenderRequest? request)
    {
        var errors = new List<string>();
        if (request is null)
        {
            errors.Add("title: required.");
            return errors;
        }

        CheckText(errors, "title", request.Title, PilotLimits.MaxTitleLength, required: true);
        if (!Enum.IsDefined(request.Procedure))
        {
            errors.Add($"procedure: one of {string.Join(", ", Enum.GetNames<TenderProcedure>())}.");
        }

        var statusKnown = Enum.IsDefined(request.Status);
        if (!statusKnown)
        {
            errors.Add($"status: one of {string.Join(", ", Enum.GetNames<TenderStatus>())}.");
        }

        var awarded = request.Status == TenderStatus.Awarded;
        if (request.Lots is not { Count: > 0 and <= TenderRules.MaxLots })
        {
            errors.Add($"lots: 1 to {TenderRules.MaxLots} lots.");
        }
        else
        {
            for (var i = 0; i < request.Lots.Count; i++)
            {
                var lot = request.Lots[i];
                var field = $"lots[{i}]";
                if (lot is null)
                {
                    errors.Add($"{field}.title: required.");
                    continue;
                }

                CheckText(errors, field + ".title", lot.Title, PilotLimits.MaxShortText, required: true);
                if (lot.BudgetEur <= 0 || lot.BudgetEur > TenderRules.MaxBudgetEur || decimal.Round(lot.BudgetEur, 2) != lot.BudgetEur)
                {
                    errors.Add($"{field}.budgetEur: more than 0 and at most {TenderRules.MaxBudgetEur.ToString("N0", CultureInfo.InvariantCulture)} euro, in cents at most.");
                }

                CheckText(errors, field + ".awardedTo", lot.AwardedTo, PilotLimits.MaxShortText, required: false);
                if (statusKnown && !awarded && !string.IsNullOrWhiteSpace(lot.AwardedTo))
                {
                    errors.Add($"{field}.awardedTo: only an awarded tender names the company it was awarded to.");
                }
            }

            if (awarded && request.Lots.All(l => string.IsNullOrWhiteSpace(l?.AwardedTo)))
            {
                errors.Add("lots: an awarded tender names the company awarded for at least one lot.");
            }
        }

        CheckOptionalDate(errors, "publishedOn", request.PublishedOn);
        CheckOptionalDate(errors, "deadline", request.Deadline);
        CheckOptionalDate(errors, "awardedOn", request.AwardedOn);
        if (statusKnown && TenderRules.IsPublished(request.Status))
        {
            if (request.PublishedOn is null)
            {
                errors.Add("publishedOn: required once the tender is published.");
            }

            if (request.Deadline is null)
            {
                errors.Add("deadline: required once the tender is published.");
            }
        }

        if (request.PublishedOn is { } published && request.Deadline is { } deadline && deadline <= published)
        {
            errors.Add($"deadline: after the publication date ({Iso(published)}).");
        }

        if (awarded && request.AwardedOn is null)
        {
            errors.Add("awardedOn: required for an awarded tender.");
        }
        else if (statusKnown && !awarded && request.AwardedOn is not null)
        {
            errors.Add("awardedOn: only for an awarded tender.");
        }
        else if (request.AwardedOn is { } awardedOn && request.Deadline is { } due && awardedOn < due)
        {
            errors.Add($"awardedOn: on or after the deadline for bids ({Iso(due)}).");
        }

        return errors;
    }

    private static void CheckOptionalDate(List<string> errors, string field, DateOnly? date)
    {
        if (date is { } d)
        {
            CheckDate(errors, field, d);
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
