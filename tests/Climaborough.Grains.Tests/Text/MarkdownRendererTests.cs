namespace Climaborough.Grains.Tests.Text;

using System.Text.RegularExpressions;
using Climaborough.Grains.Text;

/// <summary>The Markdown pipeline against an XSS corpus: nothing executable survives, ordinary Markdown still works.</summary>
public sealed partial class MarkdownRendererTests
{
    public static TheoryData<string> Corpus() =>
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "![x](x \"onerror=alert(1)\")",
        "![x](javascript:alert(1))",
        "Text {onclick=alert(1)}",
        "# Heading {onclick=\"alert(1)\" #id .class}",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "[click](&#106;avascript:alert(1))",
        "[click](&#x6A;&#x61;vascript:alert(1))",
        "[click](java\tscript:alert(1))",
        "[click](  javascript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](DATA:text/html,<script>alert(1)</script>)",
        "[x](vbscript:msgbox(1))",
        "[x](VbScRiPt:msgbox(1))",
        "[x](&#100;ata:text/html,<script>alert(1)</script>)",
        "[x](&#x76;bscript:msgbox(1))",
        "<IMG SRC=x OnErRoR=alert(1)>",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "<javascript:alert(1)>",
        "[x][evil]\n\n[evil]: javascript:alert(1)",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<div style=\"position:fixed;top:0;left:0;width:100%;height:100%;background:red\">covered</div>",
        "<p style=\"position: fixed\">x</p>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "[x](https://ok.example \"title\" onmouseover=alert(1))",
    ];

    [Theory]
    [MemberData(nameof(Corpus))]
    public void No_executable_vector_survives(string markdown)
    {
        var html = MarkdownRenderer.ToSafeHtml(markdown);

        // Read the output as a browser would; escaped text ("&lt;script&gt;") is text, not a vector.
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + html + "</body>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.DoesNotMatch(DangerousTag(), "<" + element.LocalName);
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{attribute.Name} on <{element.LocalName}> in {html}");
                if (attribute.Name is "href" or "src")
                {
                    Assert.Matches(SafeUrl(), attribute.Value);
                }

                if (attribute.Name == "style")
                {
                    Assert.DoesNotContain("position", attribute.Value, StringComparison.OrdinalIgnoreCase);
                }
            }
        }
    }

    [Fact]
    public void Ordinary_markdown_renders_and_links_are_marked_external()
    {
        var html = MarkdownRenderer.ToSafeHtml("## Goals\n\n**Less traffic**, _more trees_ and [the plan](https://sofia.bg/plan).\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |");

        Assert.Contains("<h2", html, StringComparison.Ordinal);
        Assert.Contains("<strong>Less traffic</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<em>more trees</em>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://sofia.bg/plan\"", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"nofollow noopener noreferrer\"", html, StringComparison.Ordinal);
        Assert.Contains("<li>two</li>", html, StringComparison.Ordinal);
        Assert.Contains("<td>2</td>", html, StringComparison.Ordinal);
        Assert.Equal(string.Empty, MarkdownRenderer.ToSafeHtml("   "));
    }

    [Theory]
    [InlineData("Sorting ==marked== here", "<mark>marked</mark>")]
    [InlineData("x^sup^ and more", "x<sup>sup</sup>")]
    [InlineData("H~2~O is water", "H<sub>2</sub>O")]
    [InlineData("Text ++inserted++ now", "<ins>inserted</ins>")]
    [InlineData("~~gone~~ but kept", "<del>gone</del>")]
    [InlineData("See ![the compost map](https://evil.example/map.png)", ">the compost map</a>")]
    [InlineData("See ![bins](/files/bins.png)", "href=\"/files/bins.png\"")]
    [InlineData("![alt](javascript:alert(1))", ">alt</a>")]
    public void Every_construct_the_preview_shows_keeps_its_words(string markdown, string expected)
    {
        var html = MarkdownRenderer.ToSafeHtml(markdown);

        Assert.Contains(expected, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        var text = new AngleSharp.Html.Parser.HtmlParser().ParseDocument("<body>" + html + "</body>").Body!.TextContent;
        foreach (var word in Regex.Matches(Regex.Replace(markdown, @"\]\([^)]*\)", "]"), @"\p{L}{3,}").Select(m => m.Value))
        {
            Assert.Contains(word, text, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("<\\s*/?\\s*(script|svg|iframe|img|math|style|object|embed|details|form|input)\\b", RegexOptions.IgnoreCase)]
    private static partial Regex DangerousTag();

    [GeneratedRegex("^(https?://|mailto:|#|/|[^:]*$)", RegexOptions.IgnoreCase)]
    private static partial Regex SafeUrl();
}
