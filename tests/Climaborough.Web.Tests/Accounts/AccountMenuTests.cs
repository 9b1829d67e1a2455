namespace Climaborough.Web.Tests.Accounts;

using Bunit;
using Bunit.TestDoubles;
using Climaborough.Web.Accounts;
using Microsoft.Extensions.DependencyInjection;

public sealed class AccountMenuTests : WebTestContext
{
    [Fact]
    public void Signed_out_the_menu_offers_sign_in_which_starts_the_standard_flow()
    {
        AddAuthorization().SetNotAuthorized();
        var cut = Render<AccountMenu>();

        cut.Find("[data-testid=sign-in]").Click();

        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        Assert.EndsWith("authentication/login", navigation.Uri, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=signed-in]"));
    }

    [Fact]
    public void Signed_in_the_menu_names_the_person_and_offers_password_change_and_sign_out()
    {
        AddAuthorization().SetAuthorized("Maria Petrova");
        var cut = Render<AccountMenu>();

        Assert.Equal("Signed in as Maria Petrova", cut.Find("[data-testid=signed-in]").TextContent);
        Assert.Equal("/account/password?lang=en", cut.Find("a").GetAttribute("href"));
        cut.FindAll("button").Single(b => b.TextContent == "Sign out").Click();
        Assert.EndsWith("authentication/logout", Services.GetRequiredService<BunitNavigationManager>().Uri, StringComparison.Ordinal);
    }
}
