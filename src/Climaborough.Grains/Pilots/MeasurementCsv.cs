namespace Climaborough.Grains.Pilots;

using System.Globalization;
using Climaborough.Contracts;
using CsvHelper;
using CsvHelper.Configuration;

/// <summary>
/// Reads a CSV of measurements (CsvHelper). The rule, also in docs/pilots.md: a header row names the columns
/// <c>date</c>, <c>value</c>, <c>source</c> and optionally <c>note</c>, in any order, case-insensitive. The
/// separator is the header row's: a semicolon if it holds one, otherwise a comma. With a comma, numbers use a
/// decimal point (<c>12.5</c>); with a semicolon, a decimal comma (<c>12,5</c>); never a thousands separator.
/// Dates are ISO <c>yyyy-mm-dd</c>. Rows are numbered as in a spreadsheet (the header is row 1); blank lines
/// are skipped.
/// </summary>
public static class MeasurementCsv
{
    private static readonly string[] Known = ["date", "value", "source", "note"];

    private static readonly NumberFormatInfo DecimalComma = new() { NumberDecimalSeparator = ",", NegativeSign = "-" };

    /// <summary>A read file: its separator and rows (each with the request it makes and the reasons it cannot), or what is wrong with the file as a whole.</summary>
    public sealed record Result(string Separator, IReadOnlyList<Row> Rows, string? FileError);

    /// <summary>One data row: what could be read, and one <c>field: reason</c> per problem found so far.</summary>
    public sealed record Row(int Number, DateOnly? Date, double? Value, string Source, string? Note, List<string> Errors);

    /// <summary>Reads <paramref name="csv"/>; at most <see cref="PilotLimits.MaxImportRows"/> data rows.</summary>
    public static Result Read(string csv)
    {
        csv = csv.TrimStart('\uFEFF');
        var firstLine = csv.AsSpan()[..Math.Max(0, csv.AsSpan().IndexOfAny('\n', '\r') is var end and >= 0 ? end : csv.Length)];
        var separator = firstLine.Contains(';') ? ";" : ",";
        var numbers = separator == ";" ? DecimalComma : NumberFormatInfo.InvariantInfo;
        var rows = new List<Row>();
        if (firstLine.Trim().IsEmpty)
        {
            return new(separator, rows, "the first row is the header: date, value, source and note.");
        }

        var badData = new HashSet<int>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = separator,
            HasHeaderRecord = true,
            TrimOptions = TrimOptions.Trim,
            IgnoreBlankLines = true,
            DetectColumnCountChanges = false,
            MissingFieldFound = null,
            BadDataFound = args => badData.Add(args.Context.Parser?.Row ?? 0),
        };
        using var reader = new CsvReader(new StringReader(csv), config);
        reader.Read();
        reader.ReadHeader();
        var header = (reader.HeaderRecord ?? []).Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var unknown = header.Where(h => !Known.Contains(h)).ToList();
        var missing = Known[..3].Where(k => !header.Contains(k)).ToList();
        if (unknown.Count > 0 || missing.Count > 0 || header.Distinct().Count() != header.Length)
        {
            return new(separator, rows, $"the header row names the columns date, value, source and (optionally) note, each once{(missing.Count > 0 ? "; missing: " + string.Join(", ", missing) : string.Empty)}{(unknown.Count > 0 ? "; unknown: " + string.Join(", ", unknown) : string.Empty)}.");
        }

        int dateAt = Array.IndexOf(header, "date"), valueAt = Array.IndexOf(header, "value"), sourceAt = Array.IndexOf(header, "source"), noteAt = Array.IndexOf(header, "note");
        while (reader.Read())
        {
            if (rows.Count == PilotLimits.MaxImportRows)
            {
                return new(separator, [], $"at most {PilotLimits.MaxImportRows} rows in one import; this file has more.");
            }

            var row = reader.Parser.Row;
            var errors = new List<string>();
            if (badData.Contains(row))
            {
                errors.Add("row: a quote (\") inside a field that is not quoted as a whole.");
            }

            if (reader.Parser.Count != header.Length)
            {
                errors.Add($"row: {reader.Parser.Count} fields where the header has {header.Length} (the separator is '{separator}'{(separator == "," ? "; numbers with a decimal comma need ';' as separator" : string.Empty)}).");
            }

            string? Field(int at) => at >= 0 && at < reader.Parser.Count ? reader.Parser[at] : null;
            var dateText = Field(dateAt);
            DateOnly? date = DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
            if (date is null)
            {
                errors.Add("date: a date as yyyy-mm-dd (e.g. 2025-03-31).");
            }

            var valueText = Field(valueAt);
            double? value = double.TryParse(valueText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, numbers, out var v) ? v : null;
            if (value is null)
            {
                errors.Add(separator == ";" ? "value: a number with a decimal comma (e.g. 12,5), as the separator is ';'." : "value: a number with a decimal point (e.g. 12.5), as the separator is ','.");
            }

            var source = Field(sourceAt) ?? string.Empty;
            var note = Field(noteAt) is { Length: > 0 } n ? n : null;
            rows.Add(new Row(row, date, value, source, note, errors));
        }

        return rows.Count == 0 ? new(separator, rows, "no rows under the header.") : new(separator, rows, null);
    }
}
