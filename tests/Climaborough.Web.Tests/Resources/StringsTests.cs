namespace Climaborough.Web.Tests.Resources;

using System.Collections;
using System.Globalization;
using System.Resources;
using Climaborough.Web.Resources;

public sealed class StringsTests
{
    [Fact]
    public void Every_english_string_has_a_bulgarian_translation()
    {
        var manager = new ResourceManager("Climaborough.Web.Resources.Strings", typeof(Strings).Assembly);
        var english = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        var bulgarian = manager.GetResourceSet(CultureInfo.GetCultureInfo("bg"), createIfNotExists: true, tryParents: false)!;
        var englishKeys = english.Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();
        var bulgarianKeys = bulgarian.Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet();

        Assert.True(englishKeys.Count > 20);
        Assert.Empty(englishKeys.Except(bulgarianKeys));
        Assert.Equal("Живи лаборатории", bulgarian.GetString("NavLivingLabs"));
    }
}
