namespace Climaborough.Web.Tests.Pilots;

using Bunit;
using Bunit.TestDoubles;
using Climaborough.Contracts;
using Climaborough.Web.Pilots;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

/// <summary>Shared answers for the CSV import and the pilot creation form.</summary>
internal static class PilotForms
{
    public const string ImportPath = "/api/pilots/pl1/indicators/cycling-modal-share/measurements/import";

    public static readonly PilotSummary Summary = new("pl9", "l1", "sofia", LabThemes.EnergyAndMobility, "Integrated energy and mobility services", PilotStage.CoCreate, PilotStatus.OnTrack, 0, DateTimeOffset.UnixEpoch);

    public static readonly PilotView Created = new(Summary, string.Empty, string.Empty, [], [], DateTimeOffset.UnixEpoch, true, true);

    public static readonly LabSummary[] Labs =
    [
        new("l1", "sofia", "Sofia energy lab", LabThemes.EnergyAndMobility, LabVisibility.Network, 3, DateTimeOffset.UnixEpoch),
        new("l2", "sofia", "Circular Sofia", LabThemes.WasteToCircularity, LabVisibility.Private, 4, DateTimeOffset.UnixEpoch),
    ];

    public static readonly IndicatorDefinition[] Catalogue =
    [
        new("cycling-modal-share", "Modal share of cycling", "%", IndicatorDirection.HigherIsBetter, "Survey", "Household travel survey"),
        new("pm25-annual-mean", "PM2.5 annual mean", "µg/m³", IndicatorDirection.LowerIsBetter, "Stations", "Network"),
    ];

    /// <summary>The server's reading of a file with one good row and one with a date it could not read.</summary>
    public static readonly MeasurementImportView BadPreview = new(",",
    [
        new(2, new DateOnly(2025, 6, 30), 2.4, "Survey 2025", null, []),
        new(3, null, 2.5, "Survey", "second", ["date: a date as yyyy-mm-dd (e.g. 2025-03-31)."]),
    ], false);

    public static readonly MeasurementImportView GoodPreview = new(",",
    [
        new(2, new DateOnly(2025, 6, 30), 2.4, "Survey 2025", null, []),
        new(3, new DateOnly(2025, 12, 31), 2.75, "Survey", "second", []),
    ], false);

    public static void Catalog(StubHttpHandler http)
    {
        http.Json("/api/me", new Me("m", "Maria Petrova", "sofia", ["member", "city-coordinator"]));
        http.Json("/api/hubs", ClimHubs.All);
        http.Json("/api/indicators", Catalogue);
        http.Json("/api/labs", Labs);
    }
}

/// <summary>The CSV import of measurements (preview, per-row problems, all or nothing) and the pilot creation form, in English.</summary>
public sealed class PilotImportAndCreationTests : WebTestContext
{
    [Fact]
    public void A_file_with_a_bad_row_is_previewed_with_the_row_and_reason_and_cannot_be_imported_then_a_good_file_is()
    {
        Http.Json(PilotForms.ImportPath + "?dryRun=true", PilotForms.BadPreview, "POST");
        var imported = 0;
        var cut = Render<PilotMeasurementImport>(p => p
            .Add(x => x.PilotId, "pl1")
            .Add(x => x.IndicatorId, "cycling-modal-share")
            .Add(x => x.IndicatorName, "Modal share of cycling")
            .Add(x => x.OnImported, () => imported++));
        Assert.Contains("decimal comma (12,5)", cut.Find("[data-testid=import-rule]").TextContent, StringComparison.Ordinal);
        Assert.Contains("2,000 rows", cut.Find("[data-testid=import-rule]").TextContent, StringComparison.Ordinal);

        const string Bad = "date,value,source,note\n2025-06-30,2.4,Survey 2025,\n30/06/2025,2.5,Survey,second\n";
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Bad, "cycling.csv", contentType: "text/csv"));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=import-preview] tbody tr").Count));
        var check = Assert.Single(Http.Requests, r => r.Method == "POST");
        Assert.Equal("?dryRun=true", check.Query);
        Assert.Equal(Bad, check.Body); // the file as chosen, read whole
        Assert.Equal("Rows read: 2. Rows with problems: 1.", cut.Find("[data-testid=import-summary]").TextContent);
        Assert.Equal("OK", cut.Find("tr[data-row='2'] [data-testid=row-problems]").TextContent);
        Assert.Contains("date: a date as yyyy-mm-dd", cut.Find("tr[data-row='3'] [data-testid=row-problems]").TextContent, StringComparison.Ordinal);
        Assert.Contains("bad", cut.Find("tr[data-row='3']").ClassName, StringComparison.Ordinal);
        Assert.NotNull(cut.Find("[data-testid=import-fix-first]"));
        Assert.Empty(cut.FindAll("[data-testid=import-rows]"));

        // The corrected file: every row good, imported in one request without dryRun.
        Http.Json(PilotForms.ImportPath + "?dryRun=true", PilotForms.GoodPreview, "POST");
        Http.Json(PilotForms.ImportPath + "?dryRun=false", PilotForms.GoodPreview with { Stored = true }, "POST");
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("date,value,source,note\n2025-06-30,2.4,Survey 2025,\n2025-12-31,2.75,Survey,second\n", "cycling.csv"));
        cut.WaitForAssertion(() => Assert.Equal("Rows read: 2. Rows with problems: 0.", cut.Find("[data-testid=import-summary]").TextContent));
        Assert.Contains("2.75", cut.Find("tr[data-row='3']").TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=import-rows]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Measurements imported: 2.", cut.Find("[data-testid=import-done]").TextContent));
        Assert.Equal(["?dryRun=true", "?dryRun=true", "?dryRun=false"], Http.Requests.Where(r => r.Method == "POST").Select(r => r.Query));
        Assert.Equal(1, imported);
        Assert.Empty(cut.FindAll("[data-testid=import-preview]"));
    }

    [Fact]
    public void A_file_over_one_mebibyte_is_refused_in_the_browser_without_a_request()
    {
        var cut = Render<PilotMeasurementImport>(p => p.Add(x => x.PilotId, "pl1").Add(x => x.IndicatorId, "cycling-modal-share"));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(new byte[PilotLimits.MaxImportBytes + 1], "huge.csv"));

        cut.WaitForAssertion(() => Assert.Contains("larger than 1 MiB", cut.Find("[data-testid=import-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(Http.Requests);
    }

    [Fact]
    public void Contributors_get_the_import_on_a_pilot_page_and_managers_change_the_stage()
    {
        var indicator = new PilotIndicatorView(PilotForms.Catalogue[0], new IndicatorPoint(2, new DateOnly(2024, 1, 1)), new IndicatorPoint(6, new DateOnly(2030, 1, 1)), [], null);
        var page = PilotForms.Created with { Summary = PilotForms.Summary with { Id = "pl1" }, Indicators = [indicator] };
        Http.Json("/api/pilots/pl1", page);
        Http.Json("/api/pilots/pl1/stage", page with { Summary = page.Summary with { Stage = PilotStage.Procure } }, "PUT");
        var cut = Render<Pilot>(p => p.Add(x => x.PilotId, "pl1"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=measurement-import][data-indicator=cycling-modal-share]"));

        Assert.True(cut.Find("[data-testid=set-stage]").HasAttribute("disabled")); // the current stage
        cut.Find("[data-testid=stage-select]").Change(PilotStage.Procure.ToString());
        cut.Find("form.stage-change").Submit();
        cut.WaitForAssertion(() => Assert.Contains("\"stage\":\"Procure\"", Http.Requests.Single(r => r.Method == "PUT").Body, StringComparison.Ordinal));

        Http.Json("/api/pilots/pl2", page with { YouMayContribute = false, YouMayManage = false });
        var reader = Render<Pilot>(p => p.Add(x => x.PilotId, "pl2"));
        reader.WaitForAssertion(() => reader.Find("[data-testid=pilot-title]"));
        Assert.Empty(reader.FindAll("[data-testid=measurement-import]"));
        Assert.Empty(reader.FindAll("[data-testid=stage-select]"));
    }

    [Fact]
    public void Creating_a_pilot_shows_each_refusal_next_to_its_field_and_opens_the_pilot_once_its_indicators_are_adopted()
    {
        AddAuthorization().SetAuthorized("Maria Petrova");
        PilotForms.Catalog(Http);
        Http.ValidationProblem("/api/pilots", new Dictionary<string, string[]> { ["title"] = ["title: 1 to 160 characters."] }, "POST");
        var cut = Render<PilotNew>();
        cut.WaitForAssertion(() => cut.Find("form.new-pilot"));

        cut.Find("[data-testid=pilot-lab]").Change("l2");
        Assert.Equal(LabThemes.WasteToCircularity, cut.Find("[data-testid=pilot-hub]").GetAttribute("value")); // the lab's theme is its hub
        cut.Find("[data-testid=pilot-lab]").Change("l1");
        cut.Find("form.new-pilot").Submit();

        cut.WaitForAssertion(() => Assert.Equal("1 to 160 characters.", cut.Find("#pilot-title-error").TextContent));
        Assert.Equal("true", cut.Find("[data-testid=pilot-title-input]").GetAttribute("aria-invalid"));
        Assert.Null(cut.Find("[data-testid=pilot-lab]").GetAttribute("aria-invalid"));
        var first = Http.Requests.Single(r => r.Method == "POST");
        Assert.Contains("\"labId\":\"l1\"", first.Body, StringComparison.Ordinal);
        Assert.Contains($"\"hubId\":\"{LabThemes.EnergyAndMobility}\"", first.Body, StringComparison.Ordinal);

        // Created, but the indicator's target date is refused: shown next to it; the pilot is not made twice.
        Http.Json("/api/pilots", PilotForms.Created, "POST");
        Http.ValidationProblem("/api/pilots/pl9/indicators", new Dictionary<string, string[]> { ["target.date"] = ["target.date: after the baseline's date (2024-01-01)."] }, "POST");
        cut.Find("[data-testid=pilot-title-input]").Change("Integrated energy and mobility services");
        cut.Find("[data-testid=pilot-challenge-input]").Change("Shared **e-mobility**");
        var cycling = cut.Find("[data-indicator=cycling-modal-share]");
        cycling.QuerySelector("[data-testid=adopt-indicator]")!.Change(true);
        cut.Find("[data-indicator=cycling-modal-share] [data-testid=baseline-value]").Change("2");
        cut.Find("[data-indicator=cycling-modal-share] [data-testid=baseline-date]").Change("2024-01-01");
        cut.Find("[data-indicator=cycling-modal-share] [data-testid=target-value]").Change("6");
        cut.Find("[data-indicator=cycling-modal-share] [data-testid=target-date]").Change("2023-01-01");
        cut.Find("form.new-pilot").Submit();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=pilot-created]")));
        var targetDate = cut.Find("[data-indicator=cycling-modal-share] [data-testid=target-date]");
        Assert.Equal("true", targetDate.GetAttribute("aria-invalid"));
        Assert.Contains("after the baseline's date", cut.Find("[data-indicator=cycling-modal-share] [data-testid=field-error]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#pilot-title-error[role=alert]"));

        Http.Json("/api/pilots/pl9/indicators", new PilotIndicatorView(PilotForms.Catalogue[0], new IndicatorPoint(2, new DateOnly(2024, 1, 1)), new IndicatorPoint(6, new DateOnly(2030, 12, 31)), [], null), "POST");
        cut.Find("[data-indicator=cycling-modal-share] [data-testid=target-date]").Change("2030-12-31");
        cut.Find("form.new-pilot").Submit();

        cut.WaitForAssertion(() => Assert.EndsWith("pilots/pl9", Services.GetRequiredService<BunitNavigationManager>().Uri, StringComparison.Ordinal));
        Assert.Equal(2, Http.Requests.Count(r => r.Method == "POST" && r.Path == "/api/pilots"));
        var adoptions = Http.Requests.Where(r => r.Path == "/api/pilots/pl9/indicators").ToList();
        Assert.Equal(2, adoptions.Count);
        Assert.Contains("\"target\":{\"value\":6,\"date\":\"2030-12-31\"}", adoptions[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lab_the_caller_may_not_create_in_is_named_next_to_the_lab()
    {
        AddAuthorization().SetAuthorized("Ivan Georgiev");
        PilotForms.Catalog(Http);
        Http.Problem("/api/pilots", System.Net.HttpStatusCode.Forbidden, "Creating a pilot needs the moderator role in this lab, or the city coordinator role in the lab's city.", "POST");
        Services.GetRequiredService<BunitNavigationManager>().NavigateTo("pilots/new?lab=l2");
        var cut = Render<PilotNew>();
        cut.WaitForAssertion(() => Assert.Equal("l2", cut.Find("[data-testid=pilot-lab]").GetAttribute("value")));

        cut.Find("[data-testid=pilot-title-input]").Change("Not mine");
        cut.Find("form.new-pilot").Submit();

        cut.WaitForAssertion(() => Assert.Contains("moderator role", cut.Find("#pilot-lab-error").TextContent, StringComparison.Ordinal));
        Assert.Equal("true", cut.Find("[data-testid=pilot-lab]").GetAttribute("aria-invalid"));
    }
}

/// <summary>The same in Bulgarian: the preview's numbers and dates in the reader's culture, the form's words from the resources.</summary>
public sealed class PilotImportAndCreationBulgarianTests() : WebTestContext("bg")
{
    [Fact]
    public void The_import_preview_reads_in_bulgarian()
    {
        Http.Json(PilotForms.ImportPath + "?dryRun=true", PilotForms.BadPreview, "POST");
        var cut = Render<PilotMeasurementImport>(p => p.Add(x => x.PilotId, "pl1").Add(x => x.IndicatorId, "cycling-modal-share").Add(x => x.IndicatorName, "Дял на колоезденето"));
        Assert.Contains("десетична запетая (12,5)", cut.Find("[data-testid=import-rule]").TextContent, StringComparison.Ordinal);

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("date,value,source\n2025-06-30,2.4,Survey 2025\n30/06/2025,2.5,Survey\n", "cycling.csv"));

        cut.WaitForAssertion(() => Assert.Equal("Прочетени редове: 2. Редове с проблеми: 1.", cut.Find("[data-testid=import-summary]").TextContent));
        var good = cut.Find("tr[data-row='2']");
        Assert.Contains("2,4", good.TextContent, StringComparison.Ordinal);
        Assert.Contains(new DateOnly(2025, 6, 30).ToString("d", System.Globalization.CultureInfo.GetCultureInfo("bg")), good.TextContent, StringComparison.Ordinal);
        Assert.Equal("Наред", good.QuerySelector("[data-testid=row-problems]")!.TextContent);
        Assert.Contains("поправете файла", cut.Find("[data-testid=import-fix-first]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_creation_form_reads_in_bulgarian_with_the_refusal_next_to_its_field()
    {
        AddAuthorization().SetAuthorized("Мария Петрова");
        PilotForms.Catalog(Http);
        Http.ValidationProblem("/api/pilots", new Dictionary<string, string[]> { ["hubId"] = ["hubId: one of waste-to-circularity, energy-and-mobility."] }, "POST");
        var cut = Render<PilotNew>();
        cut.WaitForAssertion(() => cut.Find("form.new-pilot"));

        Assert.Equal("Жива лаборатория", cut.Find("label[for=pilot-lab]").TextContent);
        Assert.Contains("Създаване на пилот", cut.Find("h1").TextContent, StringComparison.Ordinal);
        Assert.Contains("Средногодишна концентрация на ФПЧ2,5", cut.Find("[data-indicator=pm25-annual-mean]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Създай пилота", cut.Find("[data-testid=create-pilot]").TextContent);
        cut.Find("form.new-pilot").Submit();

        cut.WaitForAssertion(() => Assert.Contains("one of waste-to-circularity", cut.Find("#pilot-hub-error").TextContent, StringComparison.Ordinal));
        Assert.Equal("true", cut.Find("[data-testid=pilot-hub]").GetAttribute("aria-invalid"));
    }
}
