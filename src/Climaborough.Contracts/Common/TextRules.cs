namespace Climaborough.Contracts;

using System.Globalization;
using System.Text;

/// <summary>
/// Rules for text people type that ends up in other people's views and in exports (board notes and
/// titles, names). One place, so that the hub, the endpoints and the grains refuse the same things.
/// </summary>
public static class TextRules
{
    /// <summary>The message that goes with a refusal by <see cref="HasControlCharacters"/>.</summary>
    public const string ControlCharactersMessage = "Text may not contain control characters (only tab and line breaks are allowed).";

    /// <summary>
    /// Whether <paramref name="text"/> has a C0 control character other than tab, line feed and
    /// carriage return, DEL, or a C1 control character (U+0080–U+009F). Such characters are not
    /// allowed in XML 1.0 (U+0000 makes an SVG export unreadable) and draw nothing visible.
    /// </summary>
    public static bool HasControlCharacters(string? text)
    {
        if (text is null)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (IsForbiddenControl(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="c"/> is refused by <see cref="HasControlCharacters"/>.</summary>
    public static bool IsForbiddenControl(char c) => c is (< ' ' and not '\t' and not '\n' and not '\r') or (>= '\u007F' and <= '\u009F');

    /// <summary>The most combining marks one letter may carry in a display name.</summary>
    public const int MaxCombiningMarks = 2;

    /// <summary>
    /// A display name as stored: Unicode NFC, trimmed, each run of white space one ordinary space. Text
    /// that is not valid UTF-16 comes back unchanged (and <see cref="CheckName"/> refuses it).
    /// </summary>
    public static string NormalizeName(string? name)
    {
        var text = (name ?? string.Empty).Trim();
        try
        {
            text = text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return text; // a lone surrogate
        }

        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) && !char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator)
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }

            space = false;
            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Whether a (normalized) display name can impersonate or deface: characters of the Unicode categories
    /// Cc (controls), Cf (format: zero-width space and joiners, bidi overrides and isolates, soft hyphen,
    /// BOM…), Zl/Zp (line and paragraph separators) or lone surrogates; or more than
    /// <see cref="MaxCombiningMarks"/> combining marks (Mn, Me) on one letter.
    /// </summary>
    public static NameProblem CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var marks = 0;
        for (var i = 0; i < name.Length; i++)
        {
            if (Rune.DecodeFromUtf16(name.AsSpan(i), out var rune, out var used) != System.Buffers.OperationStatus.Done)
            {
                return NameProblem.InvisibleCharacter;
            }

            i += used - 1;
            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate:
                    return NameProblem.InvisibleCharacter;
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark:
                    if (++marks > MaxCombiningMarks)
                    {
                        return NameProblem.StackedMarks;
                    }

                    break;
                default:
                    marks = 0;
                    break;
            }
        }

        return NameProblem.None;
    }
}

/// <summary>What is wrong with a display name, if anything.</summary>
public enum NameProblem
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary>A control, format (zero-width, bidi override, …) or line-separator character, or a broken surrogate.</summary>
    InvisibleCharacter,

    /// <summary>More than <see cref="TextRules.MaxCombiningMarks"/> combining marks on one letter (text drawn over other lines).</summary>
    StackedMarks,
}
