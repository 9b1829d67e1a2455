namespace Climaborough.Server.Tests.Discussions;

using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;

/// <summary>The demo data of a fresh Development start includes a lab with a thread and a public lesson, made once.</summary>
public sealed class DemoContentTests
{
    [Fact]
    public async Task A_fresh_demo_start_has_a_lab_with_a_discussion_and_a_lesson_and_a_restart_adds_no_second()
    {
        var ct = TestContext.Current.CancellationToken;
        using var data = new TempFolder();
        var settings = new Dictionary<string, string> { ["Storage__DataPath"] = data.Path, ["DemoData__Content"] = "true" };
        for (var start = 0; start < 2; start++)
        {
            await using var node = NodeProcess.Start(settings);
            await node.WaitReadyAsync();
            using var ivan = await TestTokens.ClientAsync(node.Url, "ivan");
            var labs = (await ivan.GetFromJsonAsync<LabSummary[]>("api/labs?city=sofia", BoardJson.Options, ct))!;
            var lab = Assert.Single(labs, l => l.Title == "Circular Sofia");
            var threads = (await ivan.GetFromJsonAsync<ThreadSummary[]>($"api/labs/{lab.Id}/threads", BoardJson.Options, ct))!;
            Assert.Equal(1, Assert.Single(threads).Replies);

            using var anonymous = new HttpClient { BaseAddress = node.Url };
            var found = await anonymous.GetFromJsonAsync<LessonSummary[]>("api/lessons?q=" + Uri.EscapeDataString("отпадъци"), BoardJson.Options, ct);
            Assert.Single(found!);
            TestTokens.Forget(node.Url);
        }
    }
}
