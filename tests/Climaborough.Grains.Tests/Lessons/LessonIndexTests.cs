namespace Climaborough.Grains.Tests.Lessons;

using Climaborough.Abstractions.Lessons;
using Climaborough.Contracts;
using Climaborough.Grains.Lessons;

/// <summary>The library's index on its own: words found by stem in both languages, odd queries taken as text.</summary>
public sealed class LessonIndexTests
{
    private static StoredLesson Lesson(string id, string title, string context) => new()
    {
        Id = id,
        Request = new LessonRequest(title, LessonKind.Lesson, context, string.Empty, "-", string.Empty, "waste-to-circularity", ["waste"], null, LessonVisibility.Public),
        CityId = "sofia",
        AuthorName = "Maria Petrova",
    };

    [Theory]
    [InlineData("отпадъци")]
    [InlineData("отпадъците")]
    [InlineData("контейнери рециклиране")]
    public void Bulgarian_words_are_found_in_other_forms(string query)
    {
        using var index = LessonIndex.Build([Lesson("s1", "Разделно събиране на отпадъците", "Жителите не знаеха къде са контейнерите за рециклиране."), Lesson("s2", "Recycling containers near schools", "Parents walked past.")]);
        Assert.Equal(["s1"], index.Search(query));
    }

    [Theory]
    [InlineData("recycled container")]
    [InlineData("RECYCLING")]
    [InlineData("parent walking")]
    public void English_words_are_found_by_stem(string query)
    {
        using var index = LessonIndex.Build([Lesson("s1", "Разделно събиране на отпадъците", "Жителите не знаеха."), Lesson("s2", "Recycling containers near schools", "Parents walked past.")]);
        Assert.Equal(["s2"], index.Search(query));
    }

    [Theory]
    [InlineData("\"unclosed (recycling", "")]
    [InlineData("* ? ~ ^ : \\ / [ ] { } ! - + && ||", "")]
    [InlineData("NOT", "")]
    [InlineData("", "")]
    [InlineData("(recycling*", "s2")]
    [InlineData("schools!", "s2")]
    [InlineData("title:schools~2", "")]
    [InlineData("\"parents\" && +containers", "s2")]
    public void Operators_and_odd_characters_are_text_and_never_throw(string query, string expected)
    {
        using var index = LessonIndex.Build([Lesson("s2", "Recycling containers near schools", "Parents walked past.")]);

        // Taken literally: the words inside still match, the symbols alone match nothing, and "title:schools"
        // is one word to the tokenizer (not a field query), so it matches nothing either — without an error.
        Assert.Equal(expected.Length == 0 ? [] : [expected], index.Search(query));
    }

    [Fact]
    public void A_lesson_added_later_is_found_without_a_rebuild()
    {
        using var index = LessonIndex.Build([]);
        Assert.Empty(index.Search("bicycle"));
        index.Add(Lesson("s3", "Bicycle lanes", "Painted lanes first."));
        Assert.Equal(["s3"], index.Search("bicycles"));
    }
}
