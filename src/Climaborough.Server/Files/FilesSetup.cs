namespace Climaborough.Server.Files;

using System.Threading.RateLimiting;
using Climaborough.Abstractions.Files;
using Climaborough.Contracts;
using Climaborough.Server.Endpoints;
using Climaborough.Server.Identity;
using Microsoft.AspNetCore.RateLimiting;

/// <summary>Registration of the files area: limits (<c>Files</c> section), signed links and the per-person upload rate limit.</summary>
public static class FilesSetup
{
    /// <summary>Adds what <see cref="FilesApi"/> needs.</summary>
    public static IServiceCollection AddClimaboroughFiles(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LabFileOptions>(configuration.GetSection("Files"));
        services.AddSingleton<FileLinks>();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(FilesApi.UploadRateLimit, http =>
            {
                var perMinute = Math.Max(1, http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<LabFileOptions>>().Value.UploadsPerMinute);
                return RateLimitPartition.GetTokenBucketLimiter(CurrentUser.Id(http.User) ?? "anonymous", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perMinute,
                    TokensPerPeriod = perMinute,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.OnRejected = async (context, cancellationToken) =>
            {
                var problem = Problems.For(new Abstractions.Refusal(ErrorCodes.RateLimited, "Too many uploads; wait a minute and try again. Nothing was stored."));
                await problem.ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }
}
