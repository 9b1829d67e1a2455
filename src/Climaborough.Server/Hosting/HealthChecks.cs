namespace Climaborough.Server.Hosting;

using Climaborough.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

/// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: the silo is active and storage answers.</summary>
public static class HealthChecks
{
    private const string Ready = "ready";

    /// <summary>Registers the readiness checks.</summary>
    public static IServiceCollection AddClimaboroughHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<SiloHealthCheck>("silo", tags: [Ready])
            .AddCheck<StorageHealthCheck>("storage", tags: [Ready]);
        return services;
    }

    /// <summary>Maps both endpoints; they are public, as load balancers call them.</summary>
    public static IEndpointRouteBuilder MapClimaboroughHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous();
        return app;
    }

    private sealed class SiloHealthCheck(ISiloStatusOracle oracle) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(oracle.CurrentStatus == SiloStatus.Active
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"silo is {oracle.CurrentStatus}"));
    }

    private sealed class StorageHealthCheck(IStorageProbe probe) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(5));
                await probe.CheckAsync(timeout.Token);
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy("storage does not answer", ex);
            }
        }
    }
}
