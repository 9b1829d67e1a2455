namespace Climaborough.Server.Endpoints;

using Climaborough.Abstractions.Cities;
using Climaborough.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

/// <summary>REST for cities: <c>GET /api/cities</c>, <c>GET /api/cities/{cityId}</c>.</summary>
public static class CitiesApi
{
    /// <summary>Maps the endpoints; city profiles are public.</summary>
    public static IEndpointRouteBuilder MapCitiesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cities").WithTags("Cities").AllowAnonymous();
        group.MapGet("/", ListAsync).WithName("ListCities").WithSummary("Every partner city, by name.");
        group.MapGet("/{cityId}", GetAsync).WithName("GetCity").WithSummary("One partner city.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<CityDto[]>> ListAsync(IGrainFactory grains)
    {
        var ids = await grains.GetGrain<ICityDirectoryGrain>(ICityDirectoryGrain.NetworkKey).ListAsync();
        var cities = await Task.WhenAll(ids.Select(id => grains.GetGrain<ICityGrain>(id).GetAsync()));
        return TypedResults.Ok(cities.OfType<CityInfo>()
            .Select(c => c.ToDto())
            .OrderBy(c => c.Name, StringComparer.InvariantCulture)
            .ToArray());
    }

    private static async Task<Results<Ok<CityDto>, ProblemHttpResult>> GetAsync(string cityId, IGrainFactory grains)
    {
        if (!CityIds.IsValid(cityId))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Invalid city id",
                detail: "A city id is 2 to 40 lower-case letters, digits or dashes, starting with a letter.");
        }

        var city = await grains.GetGrain<ICityGrain>(cityId).GetAsync();
        return city is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "City not found", detail: $"There is no city '{cityId}'.")
            : TypedResults.Ok(city.ToDto());
    }
}
