namespace Climaborough.Server.Endpoints;

using System.Globalization;
using System.Text.Json.Nodes;
using Climaborough.Abstractions;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Pilots;
using Climaborough.Contracts;
using CsvHelper;
using CsvHelper.Configuration;

/// <summary>
/// Measurement corrections, the network dashboard and the pilots' open data. The dashboard reads the two
/// hubs' dashboard grains and asks each lab once whether the caller may read it; open data is what anyone
/// not signed in may read (pilots of public labs), under CC BY 4.0.
/// </summary>
public static class PilotsOpenApi
{
    /// <summary>The licence of every open dataset.</summary>
    public const string Licence = "https://creativecommons.org/licenses/by/4.0/";

    /// <summary>Maps the measurement correction, <c>/api/dashboard</c> and <c>/api/open-data/pilots…</c>, <c>/api/open-data/catalog.jsonld</c>.</summary>
    public static IEndpointRouteBuilder MapPilotsOpenApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/pilots/{pilotId}/indicators/{indicatorId}/measurements/{measurementId}", CorrectMeasurementAsync).RequireAuthorization().WithTags("Pilots")
            .WithName("CorrectMeasurement").WithSummary("Corrects a measurement (members of the pilot's lab); the version replaced is kept in its history.");
        app.MapGet("/api/dashboard", DashboardAsync).AllowAnonymous().WithTags("Pilots").WithName("NetworkDashboard")
            .WithSummary("Every pilot the caller may read (public ones for anyone) with status, late milestones and indicator progress; filters hub, city, stage, status.");

        app.MapGet("/api/pilots/{pilotId}/sandbox", SandboxAsync).AllowAnonymous().WithTags("Pilots").WithName("GetPilotSandbox")
            .WithSummary("The pilot's Climate Sandbox register: barriers with status and history (readers of its lab).");
        app.MapPost("/api/pilots/{pilotId}/sandbox", AddSandboxEntryAsync).RequireAuthorization().WithTags("Pilots").WithName("AddSandboxEntry")
            .WithSummary("Records a barrier the pilot meets (members of the pilot's lab).");
        app.MapPut("/api/pilots/{pilotId}/sandbox/{entryId}/status", SetSandboxStatusAsync).RequireAuthorization().WithTags("Pilots").WithName("SetSandboxStatus")
            .WithSummary("Moves a barrier forward: derogation requested, trial granted, established solution, or rejected (members of the pilot's lab).");
        app.MapPost("/api/pilots/{pilotId}/sandbox/{entryId}/lesson", PublishSandboxLessonAsync).RequireAuthorization().WithTags("Pilots").WithName("PublishSandboxLesson")
            .WithSummary("Publishes a resolved barrier as a lesson of the pilot's lab, once (members of the pilot's lab).");
        app.MapGet("/api/sandbox", SearchSandboxAsync).AllowAnonymous().WithTags("Pilots").WithName("SearchSandbox")
            .WithSummary("Searches the network's Climate Sandbox register (English and Bulgarian stems), by kind and status; only barriers of pilots the caller may read.");

        var open = app.MapGroup("/api/open-data").WithTags("Open data").AllowAnonymous();
        open.MapGet("/pilots.json", async (HttpContext http, IGrainFactory grains) => Results.Ok(await OpenAsync(http, grains)))
            .WithName("OpenPilotsJson").WithSummary("Public pilots with their milestones, indicators, measurements, sandbox barriers and tenders as one JSON document (CC BY 4.0).");
        open.MapGet("/pilots.csv", (HttpContext http, IGrainFactory grains) => CsvAsync(http, grains, "pilots", d => d.Pilots))
            .WithName("OpenPilotsCsv").WithSummary("Public pilots as CSV (CC BY 4.0).");
        open.MapGet("/milestones.csv", (HttpContext http, IGrainFactory grains) => CsvAsync(http, grains, "milestones", d => d.Milestones))
            .WithName("OpenMilestonesCsv").WithSummary("Milestones of public pilots as CSV (CC BY 4.0).");
        open.MapGet("/indicators.csv", (HttpContext http, IGrainFactory grains) => CsvAsync(http, grains, "indicators", d => d.Indicators))
            .WithName("OpenIndicatorsCsv").WithSummary("Indicators of public pilots with baseline, target and progress as CSV (CC BY 4.0).");
        open.MapGet("/measurements.csv", (HttpContext http, IGrainFactory grains) => CsvAsync(http, grains, "measurements", d => d.Measurements))
            .WithName("OpenMeasurementsCsv").WithSummary("Measurements of public pilots' indicators as CSV (CC BY 4.0).");
        open.MapGet("/sandbox.csv", (HttpContext http, IGrainFactory grains) => CsvAsync(http, grains, "sandbox", d => d.Sandbox))
            .WithName("OpenSandboxCsv").WithSummary("Climate Sandbox barriers of public pilots as CSV (CC BY 4.0).");
        open.MapGet("/tenders.csv", (HttpContext http, IGrainFactory grains) => CsvAsync(http, grains, "tenders", TenderLotRows))
            .WithName("OpenTendersCsv").WithSummary("Tenders of public pilots as CSV, one row per lot (CC BY 4.0).");
        open.MapGet("/catalog.jsonld", Catalog).WithName("OpenDataCatalog")
            .WithSummary("The DCAT-AP catalogue (JSON-LD) of every open dataset with its distributions and licence.");
        return app;
    }

    private static async Task<IResult> CorrectMeasurementAsync(string pilotId, string indicatorId, string measurementId, MeasurementRequest request, CurrentActor caller, IGrainFactory grains) =>
        PilotIds.IsValid(pilotId) && indicatorId.Length <= 64 && measurementId.Length <= 20
            ? Problems.Answer(await grains.GetGrain<IPilotGrain>(pilotId).CorrectMeasurementAsync(caller.Required, indicatorId, measurementId, request))
            : Problems.For(new Refusal(ErrorCodes.NotFound, $"There is no pilot '{pilotId}'."));

    private static IResult NoSuchPilot(string pilotId) => Problems.For(new Refusal(ErrorCodes.NotFound, $"There is no pilot '{pilotId}'."));

    private static async Task<IResult> SandboxAsync(string pilotId, CurrentActor caller, IGrainFactory grains) =>
        PilotIds.IsValid(pilotId) ? Problems.Answer(await grains.GetGrain<IPilotGrain>(pilotId).SandboxAsync(caller.Actor)) : NoSuchPilot(pilotId);

    private static async Task<IResult> AddSandboxEntryAsync(string pilotId, SandboxEntryRequest request, CurrentActor caller, IGrainFactory grains)
    {
        if (!PilotIds.IsValid(pilotId))
        {
            return NoSuchPilot(pilotId);
        }

        var outcome = await grains.GetGrain<IPilotGrain>(pilotId).AddSandboxEntryAsync(caller.Required, request);
        return Problems.Created($"/api/pilots/{pilotId}/sandbox#{outcome.Value?.Id}", outcome);
    }

    private static async Task<IResult> SetSandboxStatusAsync(string pilotId, string entryId, SandboxStatusRequest request, CurrentActor caller, IGrainFactory grains) =>
        PilotIds.IsValid(pilotId) && entryId.Length <= 20
            ? Problems.Answer(await grains.GetGrain<IPilotGrain>(pilotId).SetSandboxStatusAsync(caller.Required, entryId, request))
            : NoSuchPilot(pilotId);

    private static async Task<IResult> PublishSandboxLessonAsync(string pilotId, string entryId, CurrentActor caller, IGrainFactory grains) =>
        PilotIds.IsValid(pilotId) && entryId.Length <= 20
            ? Problems.Answer(await grains.GetGrain<IPilotGrain>(pilotId).PublishSandboxLessonAsync(caller.Required, entryId))
            : NoSuchPilot(pilotId);

    private static async Task<IResult> SearchSandboxAsync(string? q, string? kind, string? status, CurrentActor caller, IGrainFactory grains)
    {
        if (q is { Length: > SandboxLimits.MaxQueryLength })
        {
            return Problems.Invalid("q", $"A search is at most {SandboxLimits.MaxQueryLength} characters.");
        }

        BarrierKind? wantedKind = null;
        if (kind is not null)
        {
            if (!Enum.TryParse<BarrierKind>(kind, ignoreCase: false, out var k) || !Enum.IsDefined(k) || int.TryParse(kind, out _))
            {
                return Problems.Invalid("kind", $"One of {string.Join(", ", Enum.GetNames<BarrierKind>())}.");
            }

            wantedKind = k;
        }

        BarrierStatus? wantedStatus = null;
        if (status is not null)
        {
            if (!Enum.TryParse<BarrierStatus>(status, ignoreCase: false, out var s) || !Enum.IsDefined(s) || int.TryParse(status, out _))
            {
                return Problems.Invalid("status", $"One of {string.Join(", ", Enum.GetNames<BarrierStatus>())}.");
            }

            wantedStatus = s;
        }

        var readable = new Dictionary<string, bool>(StringComparer.Ordinal);
        var hits = new List<SandboxHit>();
        foreach (var found in await grains.GetGrain<ISandboxRegisterGrain>(ISandboxRegisterGrain.NetworkKey).SearchAsync(q))
        {
            if ((wantedKind is not null && found.Hit.Entry.Kind != wantedKind) || (wantedStatus is not null && found.Hit.Entry.Status != wantedStatus))
            {
                continue;
            }

            // One question per lab, not per barrier.
            if (!readable.TryGetValue(found.LabId, out var mayRead))
            {
                readable[found.LabId] = mayRead = await grains.GetGrain<ILabGrain>(found.LabId).AllowsAsync(caller.Actor, LabAction.Read);
            }

            if (mayRead)
            {
                hits.Add(found.Hit);
            }
        }

        return Results.Ok(hits);
    }

    private static async Task<IResult> DashboardAsync(string? hub, string? city, string? stage, string? status, CurrentActor caller, IGrainFactory grains)
    {
        if (hub is not null && ClimHubs.Find(hub) is null)
        {
            return Problems.Invalid("hub", $"One of {string.Join(", ", ClimHubs.All.Select(h => h.Id))}.");
        }

        if (city is not null && !Abstractions.Cities.CityIds.IsValid(city))
        {
            return Problems.Invalid("city", "A city id.");
        }

        PilotStage? wantedStage = null;
        if (stage is not null)
        {
            if (!Enum.TryParse<PilotStage>(stage, ignoreCase: false, out var s) || !Enum.IsDefined(s) || int.TryParse(stage, out _))
            {
                return Problems.Invalid("stage", $"One of {string.Join(", ", Enum.GetNames<PilotStage>())}.");
            }

            wantedStage = s;
        }

        PilotStatus? wantedStatus = null;
        if (status is not null)
        {
            if (!Enum.TryParse<PilotStatus>(status, ignoreCase: false, out var s) || !Enum.IsDefined(s) || int.TryParse(status, out _))
            {
                return Problems.Invalid("status", $"One of {string.Join(", ", Enum.GetNames<PilotStatus>())}.");
            }

            wantedStatus = s;
        }

        var readable = await ReadableAsync(caller.Actor, grains);
        var pilots = readable.Where(p =>
            (hub is null || p.Summary.HubId == hub)
            && (city is null || p.Summary.CityId == city)
            && (wantedStage is null || p.Summary.Stage == wantedStage)
            && (wantedStatus is null || p.Summary.Status == wantedStatus)).ToList();
        return Results.Ok(new DashboardView(pilots, caller.Actor is null));
    }

    /// <summary>Every dashboard entry of both hubs whose lab <paramref name="actor"/> may read, asking each lab once.</summary>
    private static async Task<List<DashboardPilot>> ReadableAsync(Actor? actor, IGrainFactory grains)
    {
        var readable = new Dictionary<string, bool>(StringComparer.Ordinal);
        var list = new List<DashboardPilot>();
        foreach (var hub in ClimHubs.All)
        {
            foreach (var pilot in await grains.GetGrain<IPilotDashboardGrain>(hub.Id).ListAsync())
            {
                if (!readable.TryGetValue(pilot.Summary.LabId, out var mayRead))
                {
                    readable[pilot.Summary.LabId] = mayRead = await grains.GetGrain<ILabGrain>(pilot.Summary.LabId).AllowsAsync(actor, LabAction.Read);
                }

                if (mayRead)
                {
                    list.Add(pilot);
                }
            }
        }

        return list;
    }

    /// <summary>
    /// The open data: the pilots anyone may read (public labs). Each public pilot's own grain is asked, as a
    /// reader with no account, so that open data never holds more than the public pilot page shows.
    /// </summary>
    private static async Task<OpenPilotsDocument> OpenAsync(HttpContext http, IGrainFactory grains)
    {
        var origin = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        var pilots = new List<OpenPilot>();
        var milestones = new List<OpenMilestone>();
        var indicators = new List<OpenIndicator>();
        var measurements = new List<OpenMeasurement>();
        var sandbox = new List<OpenSandboxEntry>();
        var tenders = new List<OpenTender>();
        foreach (var entry in await ReadableAsync(null, grains))
        {
            var outcome = await grains.GetGrain<IPilotGrain>(entry.Summary.Id).ViewAsync(null);
            if (outcome.Value is not { } view)
            {
                continue;
            }

            var s = view.Summary;
            pilots.Add(new OpenPilot(s.Id, $"{origin}/pilots/{s.Id}", s.Title, s.CityId, s.HubId, s.Stage.ToString(), s.Status.ToString(), view.Challenge, s.UpdatedAt));
            milestones.AddRange(view.Milestones.Select(m => new OpenMilestone(s.Id, m.Id, m.Title, m.Due, m.Owner, m.Status.ToString(), m.Late)));
            foreach (var i in view.Indicators)
            {
                indicators.Add(new OpenIndicator(s.Id, i.Definition.Id, i.Definition.Name, i.Definition.Unit, i.Definition.Direction.ToString(), i.Baseline.Value, i.Baseline.Date, i.Target.Value, i.Target.Date, i.Progress));
                measurements.AddRange(i.Measurements.Select(m => new OpenMeasurement(s.Id, i.Definition.Id, m.Id, m.Date, m.Value, i.Definition.Unit, m.Source, m.Note)));
            }

            if ((await grains.GetGrain<IPilotGrain>(s.Id).SandboxAsync(null)).Value is { } barriers)
            {
                sandbox.AddRange(barriers.Select(b => new OpenSandboxEntry(s.Id, b.Id, b.Title, b.Kind.ToString(), b.Rule, b.Description, b.Status.ToString(), b.History[^1].Date, b.Outcome, b.LessonId)));
            }

            if ((await grains.GetGrain<IPilotGrain>(s.Id).TendersAsync(null)).Value is { } procured)
            {
                tenders.AddRange(procured.Tenders.Select(t => new OpenTender(s.Id, t.Id, t.Title, t.Procedure.ToString(), t.Status.ToString(), t.PublishedOn, t.Deadline, t.AwardedOn, t.Lots, t.TotalBudgetEur)));
            }
        }

        return new OpenPilotsDocument(Licence, pilots, milestones, indicators, measurements, sandbox, tenders);
    }

    /// <summary>tenders.csv: one row per lot, so that a spreadsheet sums budgets by column.</summary>
    private static IEnumerable<OpenTenderLotRow> TenderLotRows(OpenPilotsDocument document) =>
        document.Tenders.SelectMany(t => t.Lots.Select((lot, i) => new OpenTenderLotRow(
            t.PilotId, t.Id, t.Title, t.Procedure, t.Status, t.PublishedOn, t.Deadline, t.AwardedOn, t.TotalBudgetEur, i + 1, lot.Title, lot.BudgetEur, lot.AwardedTo)));

    private static async Task CsvAsync<T>(HttpContext http, IGrainFactory grains, string name, Func<OpenPilotsDocument, IEnumerable<T>> rows)
    {
        var document = await OpenAsync(http, grains);
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"inline; filename=\"climaborough-{name}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        // A cell starting with = + - @ tab or CR would run as a formula in a spreadsheet: CsvHelper prefixes it with '.
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape };
        await using var csv = new CsvWriter(writer, config);
        await csv.WriteRecordsAsync(rows(document), http.RequestAborted);
    }

    /// <summary>The DCAT-AP catalogue: one dataset per open-data file group, each distribution with its format and the licence.</summary>
    private static IResult Catalog(HttpContext http)
    {
        var origin = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        (string Id, string Title, string Description, (string File, string Media)[] Files)[] datasets =
        [
            ("pilots", "Climaborough pilots", "Public pilots of the Climaborough network: city, ClimHub, stage along the five-step method and status.", [("pilots.json", "application/json"), ("pilots.csv", "text/csv")]),
            ("milestones", "Climaborough pilot milestones", "Milestones of public pilots with due date, owner, status and whether late.", [("milestones.csv", "text/csv")]),
            ("indicators", "Climaborough pilot indicators", "Indicators adopted by public pilots from the network's catalogue, with baseline, target and progress to target.", [("indicators.csv", "text/csv")]),
            ("measurements", "Climaborough indicator measurements", "Measurements of public pilots' indicators with date, value, unit and source.", [("measurements.csv", "text/csv")]),
            ("sandbox", "Climaborough Climate Sandbox register", "Legal, administrative, financial and technical barriers met by public pilots, the rule concerned, and how each was lifted (derogation, trial, established solution) or rejected.", [("sandbox.csv", "text/csv")]),
            ("tenders", "Climaborough procurement of innovation", "Tenders of public pilots (procurement of innovation): procedure, status, dates, and each lot with its budget in euro and the company awarded; one CSV row per lot (also in pilots.json).", [("tenders.csv", "text/csv")]),
            ("lessons", "Climaborough lessons learned", "Public lessons learned and good practices of the network's cities.", [("lessons.json", "application/json"), ("lessons.csv", "text/csv")]),
        ];
        var catalog = new JsonObject
        {
            ["@context"] = new JsonObject
            {
                ["dcat"] = "http://www.w3.org/ns/dcat#",
                ["dct"] = "http://purl.org/dc/terms/",
                ["foaf"] = "http://xmlns.com/foaf/0.1/",
            },
            ["@id"] = $"{origin}/api/open-data/catalog.jsonld",
            ["@type"] = "dcat:Catalog",
            ["dct:title"] = new JsonObject { ["@value"] = "Climaborough open data", ["@language"] = "en" },
            ["dct:description"] = new JsonObject { ["@value"] = "Open data of the Climaborough network of climate living labs.", ["@language"] = "en" },
            ["dct:publisher"] = new JsonObject { ["@type"] = "foaf:Agent", ["foaf:name"] = "Climaborough" },
            ["dct:license"] = new JsonObject { ["@id"] = Licence },
            ["dcat:dataset"] = new JsonArray([.. datasets.Select(d => (JsonNode)new JsonObject
            {
                ["@id"] = $"{origin}/api/open-data#{d.Id}",
                ["@type"] = "dcat:Dataset",
                ["dct:identifier"] = "climaborough-" + d.Id,
                ["dct:title"] = new JsonObject { ["@value"] = d.Title, ["@language"] = "en" },
                ["dct:description"] = new JsonObject { ["@value"] = d.Description, ["@language"] = "en" },
                ["dct:license"] = new JsonObject { ["@id"] = Licence },
                ["dcat:distribution"] = new JsonArray([.. d.Files.Select(f => (JsonNode)new JsonObject
                {
                    ["@id"] = $"{origin}/api/open-data/{f.File}#distribution",
                    ["@type"] = "dcat:Distribution",
                    ["dcat:accessURL"] = new JsonObject { ["@id"] = $"{origin}/api/open-data/{f.File}" },
                    ["dcat:downloadURL"] = new JsonObject { ["@id"] = $"{origin}/api/open-data/{f.File}" },
                    ["dcat:mediaType"] = new JsonObject { ["@id"] = "https://www.iana.org/assignments/media-types/" + f.Media },
                    ["dct:license"] = new JsonObject { ["@id"] = Licence },
                })]),
            })]),
        };
        return Results.Text(catalog.ToJsonString(), "application/ld+json; charset=utf-8");
    }
}
