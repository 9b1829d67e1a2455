namespace Climaborough.Web.Tests.Pilots;

using System.Globalization;
using Bunit;
using Climaborough.Contracts;
using Climaborough.Web.Pilots;

/// <summary>Canned tenders of a pilot for the component tests.</summary>
internal static class TenderData
{
    public const string Path = "/api/pilots/pl1/tenders";

    public static readonly TenderView Awarded = new(
        "t1",
        "Integrated mobility platform",
        TenderProcedure.PreCommercialProcurement,
        TenderStatus.Awarded,
        new DateOnly(2025, 3, 1),
        new DateOnly(2025, 5, 15),
        new DateOnly(2025, 7, 1),
        [new TenderLot("Journey planner", 450_000.5m, "Sofia Mobility Labs"), new TenderLot("Charging data hub", 250_000m, null)],
        700_000.5m,
        DateTimeOffset.UnixEpoch);

    public static readonly TenderView Planned = new("t2", "Smart bins", TenderProcedure.InnovationPartnership, TenderStatus.Planned, null, null, null, [new TenderLot("Bins", 1200m, null)], 1200m, DateTimeOffset.UnixEpoch);
}

/// <summary>The tenders of a pilot's page: lots with budgets in euro, status and dates, and the managers' form with the server's reasons beside each field.</summary>
public sealed class PilotTendersTests : WebTestContext
{
    [Fact]
    public void Readers_see_each_tender_with_its_lots_budgets_dates_and_awarded_company_but_no_form()
    {
        Http.Json(TenderData.Path, new PilotTendersView([TenderData.Awarded, TenderData.Planned], YouMayManage: false));
        var cut = Render<PilotTenders>(p => p.Add(x => x.PilotId, "pl1"));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("article.tender").Count));
        var awarded = cut.Find("article[data-tender=t1]");
        Assert.Equal("Pre-commercial procurement", awarded.QuerySelector("[data-testid=tender-procedure]")!.TextContent);
        Assert.Equal("Awarded", awarded.QuerySelector("[data-testid=tender-status]")!.TextContent);
        Assert.Equal(["€450,000.50", "€250,000.00"], awarded.QuerySelectorAll("[data-testid=lot-budget]").Select(e => e.TextContent));
        Assert.Equal("€700,000.50", awarded.QuerySelector("[data-testid=tender-total]")!.TextContent);
        Assert.Contains("Sofia Mobility Labs", awarded.QuerySelector("[data-testid=tender-lots]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2025, 5, 15).ToString("d", CultureInfo.CurrentCulture), awarded.QuerySelector("[data-testid=tender-deadline]")!.TextContent);
        Assert.Empty(cut.Find("article[data-tender=t2]").QuerySelectorAll("dl.tender-dates"));
        Assert.Empty(cut.FindAll("form.tender-form"));
        Assert.Empty(cut.FindAll("[data-testid=edit-tender]"));
    }

    [Fact]
    public void A_manager_adds_a_tender_with_two_lots_and_the_list_reloads()
    {
        Http.Json(TenderData.Path, new PilotTendersView([], YouMayManage: true), "GET");
        Http.Json(TenderData.Path, TenderData.Planned, "POST");
        var cut = Render<PilotTenders>(p => p.Add(x => x.PilotId, "pl1"));
        cut.WaitForAssertion(() => cut.Find("form.tender-form"));
        Assert.Equal("No tenders yet.", cut.Find("[data-testid=no-tenders]").TextContent);

        cut.Find("[data-testid=tender-title]").Change("Smart bins");
        cut.Find("[data-testid=tender-procedure-select]").Change(nameof(TenderProcedure.InnovationPartnership));
        cut.Find("[data-testid=add-lot]").Click();
        var titles = cut.FindAll("[data-testid=lot-title]");
        titles[0].Change("Bins");
        cut.FindAll("[data-testid=lot-title]")[1].Change("Routing software");
        cut.FindAll("[data-testid=lot-budget-input]")[0].Change("1200");
        cut.FindAll("[data-testid=lot-budget-input]")[1].Change("800.5");
        cut.Find("form.tender-form").Submit();

        cut.WaitForAssertion(() => Assert.Equal(2, Http.Requests.Count(r => r.Method == "GET" && r.Path == TenderData.Path)));
        var post = Http.Requests.Single(r => r.Method == "POST").Body!;
        Assert.Contains("\"title\":\"Smart bins\"", post, StringComparison.Ordinal);
        Assert.Contains("\"procedure\":\"InnovationPartnership\"", post, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"Planned\"", post, StringComparison.Ordinal);
        Assert.Contains("{\"title\":\"Routing software\",\"budgetEur\":800.5,\"awardedTo\":null}", post, StringComparison.Ordinal);
        Assert.Equal(string.Empty, cut.Find("[data-testid=tender-title]").GetAttribute("value") ?? string.Empty); // the form is cleared
    }

    [Fact]
    public void A_refused_award_shows_each_reason_beside_its_field_and_keeps_what_was_typed()
    {
        Http.Json(TenderData.Path, new PilotTendersView([TenderData.Planned], YouMayManage: true), "GET");
        Http.ValidationProblem(TenderData.Path + "/t2", new Dictionary<string, string[]>
        {
            ["lots"] = ["lots: an awarded tender names the company awarded for at least one lot."],
            ["awardedOn"] = ["awardedOn: required for an awarded tender."],
            ["lots[0].budgetEur"] = ["lots[0].budgetEur: more than 0 and at most 1,000,000,000 euro, in cents at most."],
        }, "PUT");
        var cut = Render<PilotTenders>(p => p.Add(x => x.PilotId, "pl1"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=edit-tender]"));

        cut.Find("[data-testid=edit-tender]").Click();
        Assert.Equal("Smart bins", cut.Find("[data-testid=tender-title]").GetAttribute("value"));
        cut.Find("[data-testid=tender-status-select]").Change(nameof(TenderStatus.Awarded));
        cut.Find("form.tender-form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("required for an awarded tender", cut.Find("#tender-awarded-error").TextContent, StringComparison.Ordinal));
        Assert.Equal("true", cut.Find("[data-testid=tender-awarded-input]").GetAttribute("aria-invalid"));
        Assert.Contains("names the company awarded", cut.Find("#tender-lots-error").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", cut.Find("[data-testid=lot-budget-input]").GetAttribute("aria-invalid"));
        Assert.Contains("\"status\":\"Awarded\"", Http.Requests.Single(r => r.Method == "PUT").Body, StringComparison.Ordinal);
        Assert.Equal("Smart bins", cut.Find("[data-testid=tender-title]").GetAttribute("value"));
        Assert.Single(Http.Requests, r => r.Method == "GET"); // nothing reloaded: nothing changed
    }
}

/// <summary>The same in Bulgarian: words from the resources, euro amounts and dates in the reader's culture.</summary>
public sealed class PilotTendersBulgarianTests() : WebTestContext("bg")
{
    [Fact]
    public void Tenders_read_in_bulgarian()
    {
        Http.Json(TenderData.Path, new PilotTendersView([TenderData.Awarded], YouMayManage: true));
        var cut = Render<PilotTenders>(p => p.Add(x => x.PilotId, "pl1"));

        cut.WaitForAssertion(() => cut.Find("article[data-tender=t1]"));
        Assert.Equal("Обществени поръчки за иновации", cut.Find("#tenders-title").TextContent);
        Assert.Equal("Предтърговска поръчка", cut.Find("[data-testid=tender-procedure]").TextContent);
        Assert.Equal("Възложен", cut.Find("[data-testid=tender-status]").TextContent);
        var bg = CultureInfo.GetCultureInfo("bg");
        Assert.Equal(700_000.5m.ToString("N2", bg) + " €", cut.Find("[data-testid=tender-total]").TextContent);
        Assert.Contains(",50", cut.Find("[data-testid=tender-total]").TextContent, StringComparison.Ordinal); // a decimal comma
        Assert.Equal(new DateOnly(2025, 7, 1).ToString("d", bg), cut.Find("[data-testid=tender-awarded]").TextContent);
        Assert.Equal("Запази търга", cut.Find("[data-testid=save-tender]").TextContent);
        Assert.Equal("Добави обособена позиция", cut.Find("[data-testid=add-lot]").TextContent);
    }
}
