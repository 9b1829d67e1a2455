namespace Climaborough.Client;

using Climaborough.Contracts;

/// <summary>
/// The answer of an API call that can be refused: the value, or the server's refusal — its HTTP status,
/// its code (<see cref="ErrorCodes"/>, the problem's <c>code</c>), the explanation, and for invalid input
/// each field's reasons (keys as the server names them: <c>title</c>, <c>target.date</c>, <c>rows[3].value</c>).
/// Deconstructs as <c>var (value, error) = …</c>.
/// </summary>
/// <param name="Value">The answer when accepted.</param>
/// <param name="Error">The whole explanation when refused (null when accepted).</param>
/// <param name="Code">The refusal's code when the server gave one.</param>
/// <param name="Status">The HTTP status when refused; 0 when accepted.</param>
/// <param name="Fields">Reasons by field (empty unless the input was invalid).</param>
public sealed record ApiResult<T>(T? Value, string? Error, string? Code, int Status, IReadOnlyDictionary<string, string[]> Fields)
{
    /// <summary>No field errors.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> NoFields = new Dictionary<string, string[]>();

    /// <summary>Whether the call was accepted.</summary>
    public bool Ok => Error is null;

    /// <summary>The reasons given for <paramref name="field"/>, each without its <c>field: </c> prefix.</summary>
    public IEnumerable<string> For(string field) =>
        Fields.TryGetValue(field, out var reasons) ? reasons.Select(r => r.StartsWith(field + ": ", StringComparison.Ordinal) ? r[(field.Length + 2)..] : r) : [];

    /// <summary>The value and the explanation, for <c>var (value, error) = …</c>.</summary>
    public void Deconstruct(out T? value, out string? error)
    {
        value = Value;
        error = Error;
    }
}
