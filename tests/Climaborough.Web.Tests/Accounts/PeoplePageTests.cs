namespace Climaborough.Web.Tests.Accounts;

using Bunit;
using Climaborough.Contracts;
using Climaborough.Web.Accounts;

public sealed class PeoplePageTests : WebTestContext
{
    [Fact]
    public void A_coordinator_creates_an_invitation_link_to_pass_on_but_sees_no_role_table()
    {
        Http.Json("/api/me", new Me("m1", "Maria Petrova", "sofia", ["member", "city-coordinator"]));
        Http.Json("/api/invitations", new InvitationLink("http://localhost/account/register?invitation=abc", DateTimeOffset.UnixEpoch));
        var cut = Render<People>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=invite-email]"));
        cut.Find("[data-testid=invite-email]").Change("petar@example.org");
        cut.Find("form.invite").Submit();

        cut.WaitForAssertion(() => Assert.Equal("http://localhost/account/register?invitation=abc", cut.Find("[data-testid=invitation-link]").GetAttribute("value")));
        var posted = Assert.Single(Http.Requests, r => r.Method == "POST");
        Assert.Contains("petar@example.org", posted.Body, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("table.users"));
    }

    [Fact]
    public void An_administrator_changes_someones_platform_roles()
    {
        Http.Json("/api/me", new Me("a1", "Platform admin", null, ["member", "admin"]));
        Http.Json("/api/users", new[] { new UserSummary("u2", "ivan", "Ivan Georgiev", "ivan@example.org", "sofia", ["member"]) });
        Http.Json("/api/users/u2/roles", new UserSummary("u2", "ivan", "Ivan Georgiev", "ivan@example.org", "sofia", ["member", "city-coordinator"]));
        var cut = Render<People>();

        cut.WaitForAssertion(() => cut.Find("tr[data-user=ivan]"));
        var boxes = cut.FindAll("tr[data-user=ivan] input[type=checkbox]");
        Assert.True(boxes[0].HasAttribute("checked"));
        boxes[1].Change(true);
        cut.FindAll("tr[data-user=ivan] button").Single().Click();

        var put = Assert.Single(Http.Requests, r => r.Method == "PUT");
        Assert.Equal("/api/users/u2/roles", put.Path);
        Assert.Contains("city-coordinator", put.Body, StringComparison.Ordinal);
        cut.WaitForAssertion(() => Assert.Contains("Saved.", cut.Find("tr[data-user=ivan]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void A_stakeholder_is_told_who_manages_people()
    {
        Http.Json("/api/me", new Me("i1", "Ivan Georgiev", "sofia", ["member"]));
        var cut = Render<People>();
        cut.WaitForAssertion(() => Assert.Equal("City coordinators and administrators manage people here.", cut.Find("[data-testid=people-not-allowed]").TextContent));
        Assert.Empty(cut.FindAll("form"));
    }
}
