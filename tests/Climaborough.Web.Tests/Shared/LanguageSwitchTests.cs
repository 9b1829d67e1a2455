namespace Climaborough.Web.Tests.Shared;

using Bunit;
using Bunit.TestDoubles;
using Climaborough.Web.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

public sealed class LanguageSwitchTests : WebTestContext
{
    [Fact]
    public void Choosing_bulgarian_stores_the_choice_and_reloads_the_page_in_it()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("cities");
        var cut = Render<LanguageSwitch>();

        cut.Find("select").Change("bg");

        var store = Assert.Single(JSInterop.Invocations, i => i.Identifier == "localStorage.setItem");
        Assert.Equal([CulturePreference.StorageKey, "bg"], store.Arguments);
        var fake = Assert.IsType<BunitNavigationManager>(navigation);
        var reload = fake.History.First();
        Assert.True(reload.Options.ForceLoad);
        Assert.EndsWith("/cities", reload.Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Choosing_the_current_language_does_nothing()
    {
        var cut = Render<LanguageSwitch>();
        cut.Find("select").Change("en");
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "localStorage.setItem");
    }

    [Fact]
    public void Both_languages_are_offered_in_their_own_names()
    {
        var cut = Render<LanguageSwitch>();
        var options = cut.FindAll("option").Select(o => (o.GetAttribute("value"), o.TextContent)).ToList();
        Assert.Equal([("en", "English"), ("bg", "Български")], options);
    }
}
