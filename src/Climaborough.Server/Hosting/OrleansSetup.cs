namespace Climaborough.Server.Hosting;

using System.Net;
using Climaborough.Abstractions.Boards;
using Climaborough.Grains;
using Climaborough.Storage;
using global::Azure.Data.Tables;
using Orleans.Configuration;

/// <summary>The node's silo: clustering and storage from configuration.</summary>
public static class OrleansSetup
{
    /// <summary>
    /// Adds the co-hosted silo. <c>Cluster:Membership</c> is <c>Localhost</c> (default, one node) or
    /// <c>AzureStorage</c> (membership in Azure Table Storage, any number of nodes).
    /// </summary>
    public static WebApplicationBuilder AddClimaboroughOrleans(this WebApplicationBuilder builder, StorageOptions storage)
    {
        var config = builder.Configuration;
        var siloPort = config.GetValue("Cluster:SiloPort", 11111);
        var gatewayPort = config.GetValue("Cluster:GatewayPort", 30000);
        var clustering = config.GetValue("Cluster:Membership", "Localhost");
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = config.GetValue("Cluster:ClusterId", "climaborough")!;
                o.ServiceId = config.GetValue("Cluster:ServiceId", "climaborough")!;
            });
            if (string.Equals(clustering, "AzureStorage", StringComparison.OrdinalIgnoreCase))
            {
                var connectionString = storage.Azure.ConnectionString
                    ?? throw new StorageConfigurationException("Storage:Azure:ConnectionString", "is required when Cluster:Membership is AzureStorage.");
                var advertised = IPAddress.Parse(config.GetValue("Cluster:AdvertisedIP", "127.0.0.1")!);
                silo.ConfigureEndpoints(advertised, siloPort, gatewayPort, listenOnAnyHostAddress: true);
                silo.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(connectionString));
            }
            else
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort);
            }

            silo.AddClimaboroughStorage(storage);
        });
        builder.Services.AddClimaboroughSerialization();
        builder.Services.Configure<BoardOptions>(config.GetSection("Boards"));
        builder.Services.Configure<Climaborough.Abstractions.Labs.LabOptions>(config.GetSection("Auth"));
        return builder;
    }
}
