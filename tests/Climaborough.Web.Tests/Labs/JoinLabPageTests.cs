namespace Climaborough.Web.Tests.Labs;

using System.Globalization;
using Bunit;
using Bunit.TestDoubles;
using Climaborough.Contracts;
using Climaborough.Web.Labs;
using Microsoft.Extensions.DependencyInjection;

/// <summary>An invitation link opened by someone not signed in (perhaps without an account): whose invitation, to which lab, and a way in.</summary>
public sealed class JoinLabPageTests : WebTestContext
{
    [Theory]
    [InlineData("en", "Maria Petrova invites you to the living lab “Circular Sofia” of София (Sofia), as moderator.", "Create an account and join")]
    [InlineData("bg", "Maria Petrova ви кани в живата лаборатория „Circular Sofia“ на София (Sofia) като модератор.", "Създайте профил и се присъединете")]
    public void A_stranger_sees_whose_invitation_it_is_and_can_create_an_account_with_it(string culture, string invitation, string create)
    {
        var c = CultureInfo.GetCultureInfo(culture);
        CultureInfo.CurrentCulture = c;
        CultureInfo.CurrentUICulture = c;
        AddAuthorization().SetNotAuthorized();
        Http.Json("/api/cities", new[] { new CityDto("sofia", "София (Sofia)", "BG", ["bg"], DateTimeOffset.UnixEpoch) });
        Http.Json("/api/labs/l1/join/preview", new LabInvitationPreview("l1", "Circular Sofia", "sofia", "Maria Petrova", LabRole.Moderator), "POST");
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("labs/l1/join?token=abc123");
        var cut = Render<JoinLab>(p => p.Add(j => j.LabId, "l1"));

        cut.WaitForAssertion(() => Assert.Equal(invitation, cut.Find("[data-testid=join-invitation]").TextContent));
        Assert.Contains("abc123", Http.Requests.Single(r => r.Path == "/api/labs/l1/join/preview").Body!, StringComparison.Ordinal);
        Assert.DoesNotContain(Http.Requests, r => r.Path == "/api/labs/l1/join");
        Assert.Equal(create, cut.Find("[data-testid=join-create-account]").TextContent);

        cut.Find("[data-testid=join-create-account]").Click();

        Assert.EndsWith($"/account/register?lab=l1&labInvitation=abc123&lang={culture}", navigation.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spent_or_wrong_link_says_so_instead_of_asking_to_sign_in()
    {
        AddAuthorization().SetNotAuthorized();
        Http.Problem("/api/labs/l1/join/preview", System.Net.HttpStatusCode.NotFound, "There is no open invitation for you to this lab.", "POST");
        Services.GetRequiredService<BunitNavigationManager>().NavigateTo("labs/l1/join?token=spent");
        var cut = Render<JoinLab>(p => p.Add(j => j.LabId, "l1"));

        cut.WaitForAssertion(() => Assert.Contains("This invitation link is not valid", cut.Find("[data-testid=join-error]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=join-create-account]"));
    }

    [Fact]
    public void A_signed_in_person_joins_at_once_and_lands_in_the_lab()
    {
        AddAuthorization().SetAuthorized("Ivan Georgiev");
        Http.Json("/api/labs/l1/join/preview", new LabInvitationPreview("l1", "Circular Sofia", "sofia", "Maria Petrova", LabRole.Member), "POST");
        Http.Json("/api/labs/l1/join", new LabDetails(new LabSummary("l1", "sofia", "Circular Sofia", LabThemes.WasteToCircularity, LabVisibility.Private, 2, DateTimeOffset.UnixEpoch), string.Empty, string.Empty, [], [], [], LabRole.Member), "POST");
        Services.GetRequiredService<BunitNavigationManager>().NavigateTo("labs/l1/join?token=abc123");
        var cut = Render<JoinLab>(p => p.Add(j => j.LabId, "l1"));

        cut.WaitForAssertion(() => Assert.EndsWith("labs/l1", Services.GetRequiredService<BunitNavigationManager>().Uri, StringComparison.Ordinal));
        Assert.Contains("abc123", Http.Requests.Single(r => r.Path == "/api/labs/l1/join").Body!, StringComparison.Ordinal);
    }
}
