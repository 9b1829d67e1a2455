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

    [Fact]
    public void Both_languages_have_the_same_keys_no_empty_values_and_the_same_placeholders()
    {
        var manager = new ResourceManager("Climaborough.Web.Resources.Strings", typeof(Strings).Assembly);
        var english = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value);
        var bulgarian = manager.GetResourceSet(CultureInfo.GetCultureInfo("bg"), createIfNotExists: true, tryParents: false)!.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value);

        Assert.Empty(bulgarian.Keys.Except(english.Keys));
        Assert.Empty(english.Keys.Except(bulgarian.Keys));
        Assert.Empty(english.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => "en " + e.Key));
        Assert.Empty(bulgarian.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => "bg " + e.Key));
        var mismatched = english.Keys.Where(k => !Placeholders(english[k]).SequenceEqual(Placeholders(bulgarian[k]))).ToList();
        Assert.True(mismatched.Count == 0, "placeholders differ: " + string.Join(", ", mismatched));
    }

    private static IEnumerable<string> Placeholders(string? text) =>
        System.Text.RegularExpressions.Regex.Matches(text ?? string.Empty, @"\{(\d+)(?:[,:][^}]*)?\}").Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal);
}
