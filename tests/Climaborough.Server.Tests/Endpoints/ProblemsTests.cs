namespace Climaborough.Server.Tests.Endpoints;

using System.Text.Json;
using Climaborough.Abstractions;
using Climaborough.Contracts;
using Climaborough.Server.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The one translation of a refusal to problem details: what a REST client reads (status, title, detail,
/// the <c>code</c> member, the fields of invalid input) follows from the refusal's code alone.
/// </summary>
public sealed class ProblemsTests
{
    private static async Task<(int Status, JsonElement Body)> WriteAsync(IResult result)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddOptions().BuildServiceProvider() };
        using var body = new MemoryStream();
        http.Response.Body = body;
        await result.ExecuteAsync(http);
        body.Position = 0;
        using var json = await JsonDocument.ParseAsync(body, cancellationToken: TestContext.Current.CancellationToken);
        return (http.Response.StatusCode, json.RootElement.Clone());
    }

    [Theory]
    [InlineData(ErrorCodes.NotFound, 404, "Not found")]
    [InlineData(ErrorCodes.NoSuchBoard, 404, "Board not found")]
    [InlineData(ErrorCodes.Forbidden, 403, "Forbidden")]
    [InlineData(ErrorCodes.Conflict, 409, "Refused")]
    [InlineData(ErrorCodes.VoteStillOpen, 409, "Refused")]
    [InlineData(ErrorCodes.VoteClosed, 409, "Refused")]
    [InlineData(ErrorCodes.VoteForbidden, 403, "Refused")]
    [InlineData(ErrorCodes.NoSuchVote, 404, "Refused")]
    [InlineData(ErrorCodes.InvalidVote, 400, "Refused")]
    public async Task A_refusal_answers_the_status_and_title_of_its_code_with_its_message_and_the_code(string code, int status, string title)
    {
        var (written, body) = await WriteAsync(Problems.For(new Refusal(code, "Because.")));

        Assert.Equal(status, written);
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        Assert.Equal(title, body.GetProperty("title").GetString());
        Assert.Equal("Because.", body.GetProperty("detail").GetString());
        Assert.Equal(code, body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Invalid_input_is_a_validation_problem_naming_each_field_of_the_message()
    {
        var (status, body) = await WriteAsync(Problems.For(Refusal.Invalid("title: 1 to 160 characters.\ntarget.date: after the baseline.\ntitle: no line breaks.")));

        Assert.Equal(400, status);
        Assert.Equal(ErrorCodes.Invalid, body.GetProperty("code").GetString());
        var errors = body.GetProperty("errors");
        Assert.Equal(["title: 1 to 160 characters.", "title: no line breaks."], errors.GetProperty("title").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("target.date: after the baseline.", Assert.Single(errors.GetProperty("target.date").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task A_route_may_give_its_own_title_and_keeps_the_status_and_code()
    {
        var (status, body) = await WriteAsync(Problems.For(new Refusal(ErrorCodes.LimitExceeded, "Too many elements."), "The export cannot be imported"));

        Assert.Equal(400, status);
        Assert.Equal("The export cannot be imported", body.GetProperty("title").GetString());
        Assert.Equal(ErrorCodes.LimitExceeded, body.GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_outcome_answers_its_value_or_its_refusal()
    {
        var (okStatus, okBody) = await WriteAsync(Problems.Answer(new Outcome<string>("done")));
        var (refusedStatus, refusedBody) = await WriteAsync(Problems.Answer<string>(Refusal.NotFound("There is no such lab.")));

        Assert.Equal(200, okStatus);
        Assert.Equal("done", okBody.GetString());
        Assert.Equal(404, refusedStatus);
        Assert.Equal("There is no such lab.", refusedBody.GetProperty("detail").GetString());
    }
}
