namespace Climaborough.Abstractions;

using Climaborough.Contracts;

/// <summary>
/// Why an operation was refused: one code of <see cref="ErrorCodes"/> and a message for people. The one
/// form of "no" that grains answer; the host translates it once for REST (problem details) and once for
/// the hub (a coded hub error). Nothing was changed when a refusal comes back.
/// </summary>
[GenerateSerializer, Immutable, Alias("climaborough.refusal.v1")]
public sealed record Refusal([property: Id(0)] string Code, [property: Id(1)] string Message)
{
    /// <summary>No such object, or not one the caller may see.</summary>
    public static Refusal NotFound(string message) => new(ErrorCodes.NotFound, message);

    /// <summary>Visible, but the caller's role does not allow it.</summary>
    public static Refusal Forbidden(string message) => new(ErrorCodes.Forbidden, message);

    /// <summary>Bad input; the message starts with the field (<c>field: text</c>).</summary>
    public static Refusal Invalid(string message) => new(ErrorCodes.Invalid, message);

    /// <summary>Refused to keep the object sound.</summary>
    public static Refusal Conflict(string message) => new(ErrorCodes.Conflict, message);
}

/// <summary>
/// The answer of an operation: a value, or a <see cref="Abstractions.Refusal"/>. Crosses silos (never stored),
/// so it is serialized; a refusal converts to any outcome (<c>return Refusal.NotFound(…)</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("climaborough.outcome.v1`1")]
public sealed record Outcome<T>([property: Id(0)] T? Value, [property: Id(1)] Refusal? Refusal = null)
{
    /// <summary>Whether it worked.</summary>
    public bool Ok => Refusal is null;

    /// <summary>The refusal's code (<see cref="ErrorCodes"/>), null when it worked.</summary>
    public string? Code => Refusal?.Code;

    /// <summary>The refusal's message, null when it worked.</summary>
    public string? Message => Refusal?.Message;

    /// <summary>A refusal as an outcome of any type.</summary>
    public static implicit operator Outcome<T>(Refusal refusal) => new(default, refusal);
}
