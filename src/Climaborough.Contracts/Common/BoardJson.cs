namespace Climaborough.Contracts;

using System.Text.Json;
using System.Text.Json.Serialization;

/// <summary>
/// The JSON settings of board types everywhere (hub, grain calls, log, snapshots, exports): web
/// defaults, and NaN or infinities readable, so that such a coordinate reaches validation and is
/// refused with a typed error instead of failing somewhere in transport.
/// </summary>
public static class BoardJson
{
    /// <summary>The options; do not mutate.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Applies the settings to options owned by someone else (SignalR, ASP.NET Core).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.NumberHandling |= JsonNumberHandling.AllowNamedFloatingPointLiterals;
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
