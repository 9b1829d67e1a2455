namespace Climaborough.Client;

/// <summary>
/// A server's answer that can name the fields it refused: the value, or the explanation and, for invalid
/// input, each field's reasons (keys as the server names them: <c>title</c>, <c>target.date</c>, <c>rows[3].value</c>).
/// </summary>
/// <param name="Value">The answer when accepted.</param>
/// <param name="Error">The whole explanation when refused.</param>
/// <param name="Fields">Reasons by field (empty unless the input was invalid).</param>
/// <param name="Status">The HTTP status when refused for another reason than invalid input (413 for a file too large); 0 otherwise.</param>
public sealed record FieldAnswer<T>(T? Value, string? Error, IReadOnlyDictionary<string, string[]> Fields, int Status = 0)
{
    /// <summary>No field errors.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> NoFields = new Dictionary<string, string[]>();

    /// <summary>The reasons given for <paramref name="field"/>, each without its <c>field: </c> prefix.</summary>
    public IEnumerable<string> For(string field) =>
        Fields.TryGetValue(field, out var reasons) ? reasons.Select(r => r.StartsWith(field + ": ", StringComparison.Ordinal) ? r[(field.Length + 2)..] : r) : [];
}
