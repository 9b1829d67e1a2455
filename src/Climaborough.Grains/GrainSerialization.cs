namespace Climaborough.Grains;

using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

/// <summary>How grain calls and grain state are serialised: the same in a node's silo and in a test cluster.</summary>
public static class GrainSerialization
{
    /// <summary>
    /// Board wire types (<c>Climaborough.Contracts</c>, which has no Orleans dependency) cross grain
    /// calls through Orleans' System.Text.Json codec; everything else uses generated serializers.
    /// </summary>
    public static IServiceCollection AddClimaboroughSerialization(this IServiceCollection services)
    {
        services.AddSerializer(s => s.AddJsonSerializer(
            isSupported: type => type.Namespace == "Climaborough.Contracts",
            jsonSerializerOptions: new System.Text.Json.JsonSerializerOptions(Climaborough.Contracts.BoardJson.Options)));
        return services;
    }
}
