namespace Climaborough.Contracts;

using System.Text.Json;
using System.Text.Json.Serialization;

/// <summary>
/// An enum in JSON is one of its names, nothing else: numbers (<c>99</c>, <c>-1</c>), numeric strings
/// (<c>"99"</c>) and comma lists (<c>"Owner, Member"</c>) are refused with a <see cref="JsonException"/>,
/// which the host answers with a 400 naming the field. Names are written as declared and read
/// case-insensitively, as <see cref="JsonStringEnumConverter{TEnum}"/> does.
/// </summary>
/// <typeparam name="T">The enum.</typeparam>
public sealed class StrictEnumConverter<T> : JsonConverter<T>
    where T : struct, Enum
{
    private static readonly JsonConverter<T> Names =
        (JsonConverter<T>)new JsonStringEnumConverter<T>(namingPolicy: null, allowIntegerValues: false).CreateConverter(typeof(T), JsonSerializerOptions.Default);

    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? Parse(reader.GetString()) : throw new JsonException($"Expected one of {Expected()}.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => Names.Write(writer, value, options);

    /// <inheritdoc />
    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Parse(reader.GetString());

    /// <inheritdoc />
    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => Names.WriteAsPropertyName(writer, value, options);

    private static T Parse(string? text) =>
        !string.IsNullOrEmpty(text) && char.IsLetter(text[0]) && !text.Contains(',', StringComparison.Ordinal) && Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : throw new JsonException($"Expected one of {Expected()}.");

    private static string Expected() => string.Join(", ", Enum.GetNames<T>().Select(n => $"\"{n}\""));
}
