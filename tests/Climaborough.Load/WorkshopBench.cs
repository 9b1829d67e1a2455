namespace Climaborough.Load;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;
using HdrHistogram;
using Microsoft.AspNetCore.SignalR.Client;

/// <summary>
/// The workshop scenario (issue 13, "Performance"): one lab with 100 member accounts registered the way
/// people get them (an invitation link, then the registration page), one workshop on the lab board with a
/// brainstorm, a private brainstorm and a vote step. (b) Every participant adds 5 notes in the normal step,
/// then 5 in the private step: server CPU per delivered op in each and their ratio. (a) Everyone places their
/// dots within 10 s, some retried with the same request id: each vote must be counted exactly once in the
/// results; p50/p99 of the acknowledgement and server CPU per dot. The node runs on core 0, this generator
/// on core 1 (taskset).
/// </summary>
internal static class WorkshopBench
{
    private const int NotesEach = 5;
    private const int DotsEach = 3;
    private const int MaxPerItem = 2;
    private const int VoteItems = 10;

    public static async Task<int> RunAsync(int participants, int voteSeconds)
    {
        Console.WriteLine($"workshop: {participants} participants, {NotesEach} notes each per brainstorm step, {DotsEach} dots each within {voteSeconds} s, {Environment.ProcessorCount} cores");
        using var data = new TempFolder();
        await using var node = NodeProcess.Start(new Dictionary<string, string>
        {
            ["Storage__DataPath"] = data.Path,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Boards__OpsPerSecondPerConnection"] = "1000000",
        }, environment: "Development");
        await node.WaitReadyAsync();
        Pin(node.Process.Id, "0");
        Pin(Environment.ProcessId, "1");

        // The lab (Maria owns it and facilitates), its board and 100 members.
        using var maria = await TestTokens.ClientAsync(node.Url, "maria");
        using var createdLab = await maria.PostAsJsonAsync("api/labs", new CreateLabRequest("Workshop bench", LabThemes.WasteToCircularity, "100 people in one workshop", LabVisibility.Private), BoardJson.Options);
        createdLab.EnsureSuccessStatusCode();
        var labId = (await createdLab.Content.ReadFromJsonAsync<LabDetails>(BoardJson.Options))!.Summary.Id;
        using var createdBoard = await maria.PostAsJsonAsync($"api/labs/{labId}/boards", new CreateBoardRequest("Ideas"), BoardJson.Options);
        createdBoard.EnsureSuccessStatusCode();
        var boardId = (await createdBoard.Content.ReadFromJsonAsync<BoardInfo>(BoardJson.Options))!.Id;

        var names = Enumerable.Range(0, participants).Select(i => $"bench{i:D3}").ToArray();
        var setup = Stopwatch.StartNew();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (name, ct) =>
        {
            var password = name + "-secret-123";
            await Accounts.RegisterAsync(node.Url, "maria", name, password, ct);
            TestTokens.Registered[name] = password;
            using var invited = await maria.PostAsJsonAsync($"api/labs/{labId}/invitations", new LabInviteRequest(name, null, LabRole.Member), BoardJson.Options, ct);
            invited.EnsureSuccessStatusCode();
            var invitation = (await invited.Content.ReadFromJsonAsync<LabInvitation>(BoardJson.Options, ct))!;
            using var member = await TestTokens.ClientAsync(node.Url, name);
            using var joined = await member.PostAsJsonAsync($"api/labs/{labId}/join", new { invitationId = invitation.Id }, ct);
            joined.EnsureSuccessStatusCode();
        });
        Console.WriteLine($"setup: {participants} accounts registered, signed in and joined in {setup.Elapsed.TotalSeconds:F0} s");

        var sessions = $"api/labs/{labId}/sessions";
        using var createdSession = await maria.PostAsJsonAsync(sessions, new CreateSessionRequest("Bench workshop", null, null, boardId,
            [new("Ideas together", null, 30, SessionStepKind.Brainstorm), new("Ideas on your own", null, 30, SessionStepKind.PrivateBrainstorm),
             new("Vote", null, 30, SessionStepKind.Vote), new("Wrap-up", null, 5, SessionStepKind.WrapUp)]), BoardJson.Options);
        createdSession.EnsureSuccessStatusCode();
        var sessionId = (await createdSession.Content.ReadFromJsonAsync<SessionView>(BoardJson.Options))!.Id;
        await ControlAsync(maria, sessions, sessionId, SessionCommand.Start);

        // Every participant on the board (one connection each), counting the ops delivered to it.
        var delivered = new long[participants];
        var hubs = new HubConnection[participants];
        for (var i = 0; i < participants; i++)
        {
            var index = i;
            var hub = hubs[i] = TestHubs.For(node.Url, names[i]);
            hub.On<string, IReadOnlyList<AppliedOp>>(nameof(ILiveClient.BoardOps), (_, ops) => Interlocked.Add(ref delivered[index], ops.Count));
            await hub.StartAsync();
            await hub.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), boardId, long.MaxValue);
            await hub.InvokeAsync<SessionView>(nameof(ILiveHub.WatchSession), labId, sessionId);
        }

        await Task.Delay(1000);
        var normal = await BrainstormAsync("brainstorm", node, hubs, delivered, boardId, names);
        await ControlAsync(maria, sessions, sessionId, SessionCommand.Next);
        await Task.Delay(1000);
        var hidden = await BrainstormAsync("private brainstorm", node, hubs, delivered, boardId, names);
        await ControlAsync(maria, sessions, sessionId, SessionCommand.Next);

        var ok = await VoteAsync(node, maria, hubs, labId, sessionId, sessions, normal.NoteIds, voteSeconds);

        Console.WriteLine();
        Console.WriteLine("| step | participants | ops acked | ops delivered | server CPU ms | server CPU µs / delivered op |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in new[] { normal, hidden })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Name} | {participants} | {r.Acked}/{participants * NotesEach} | {r.Delivered} | {r.Cpu.TotalMilliseconds:F0} | {r.CpuMicrosPerDelivery:F1} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CPU per delivered op, private ÷ normal: {hidden.CpuMicrosPerDelivery / normal.CpuMicrosPerDelivery:F2}x"));
        foreach (var hub in hubs)
        {
            await hub.DisposeAsync();
        }

        return ok && normal.Acked == participants * NotesEach && hidden.Acked == participants * NotesEach ? 0 : 1;
    }

    private sealed record StepResult(string Name, int Acked, long Delivered, TimeSpan Cpu, IReadOnlyList<string> NoteIds)
    {
        public double CpuMicrosPerDelivery => Delivered > 0 ? Cpu.TotalMilliseconds * 1000 / Delivered : double.NaN;
    }

    /// <summary>Every participant adds <see cref="NotesEach"/> notes, one op each, spread over about 5 s; CPU and deliveries over the step until all ops arrived.</summary>
    private static async Task<StepResult> BrainstormAsync(string name, NodeProcess node, HubConnection[] hubs, long[] delivered, string boardId, string[] names)
    {
        var before = delivered.Sum();
        node.Process.Refresh();
        var cpuStart = node.Process.TotalProcessorTime;
        var ids = new ConcurrentBag<string>();
        var acked = 0;
        var run = Guid.NewGuid().ToString("N")[..6];
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(hubs.Select((hub, i) => Task.Run(async () =>
        {
            var client = $"{names[i]}-{run}";
            for (var k = 1; k <= NotesEach; k++)
            {
                // Participant i's k-th note is due at (k - 1 + i / n) seconds: about n ops a second in all.
                var due = start + (long)((k - 1 + (double)i / hubs.Length) * Stopwatch.Frequency);
                var wait = due - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
                }

                var id = $"n{run}{i:D3}{k}";
                var result = await hub.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), boardId, new BoardEdit(client, k,
                    [new ElementChange(ChangeType.Create, id, new BoardElement(id, ElementKind.Note, (i % 20) * 200, (i / 20 * NotesEach + k) * 140, 180, 120, 0, "#fff59d", $"Idea {k} of {names[i]}", null, null, null, string.Empty, default, default))]));
                if (result.Ok)
                {
                    Interlocked.Increment(ref acked);
                    ids.Add(id);
                }
                else
                {
                    Console.WriteLine($"  {name}: {names[i]}'s note {k} refused: {result.ErrorCode} {result.Error}");
                }
            }
        })));

        // Every acknowledged op reaches every connection (as itself, or as its number without changes in a private step).
        var expected = before + ((long)acked * hubs.Length);
        // Waits for all of them, or until nothing more arrived for half a second (then the shortfall is printed).
        var last = delivered.Sum();
        var quietSince = Stopwatch.GetTimestamp();
        while (last < expected && Stopwatch.GetTimestamp() - quietSince < Stopwatch.Frequency / 2)
        {
            await Task.Delay(20);
            var now = delivered.Sum();
            if (now != last)
            {
                (last, quietSince) = (now, Stopwatch.GetTimestamp());
            }
        }

        node.Process.Refresh();
        var cpu = node.Process.TotalProcessorTime - cpuStart;
        var got = delivered.Sum() - before;
        Console.WriteLine($"  {name}: {acked} ops acked, {got} deliveries of {(long)acked * hubs.Length} expected, server CPU {cpu.TotalMilliseconds:F0} ms");
        return new StepResult(name, acked, got, cpu, [.. ids.Order(StringComparer.Ordinal)]);
    }

    /// <summary>The vote: each participant places <see cref="DotsEach"/> dots, starting at a moment spread over the window; every fifth retries one dot with its request id.</summary>
    private static async Task<bool> VoteAsync(NodeProcess node, HttpClient maria, HubConnection[] hubs, string labId, string sessionId, string sessions, IReadOnlyList<string> notes, int voteSeconds)
    {
        var items = notes.Take(VoteItems).ToList();
        await using var moderator = TestHubs.For(node.Url, "maria");
        await moderator.StartAsync();
        var started = await moderator.InvokeAsync<VoteAnswer>(nameof(ILiveHub.StartVote), labId, sessionId, new StartVoteRequest("bench-vote", items, DotsEach, MaxPerItem));
        if (!started.Ok)
        {
            throw new InvalidOperationException($"the vote did not start: {started.ErrorCode} {started.Error}");
        }

        var voteId = started.Vote!.Id;
        var expected = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var ack = new LongHistogram(TimeStamp.Minutes(1), 3);
        var acked = 0;
        var refused = 0;
        var retries = 0;
        var retriesAnsweredAsFirst = 0;
        node.Process.Refresh();
        var cpuStart = node.Process.TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();

        // Participant i starts at i / n of the first (window - 2) seconds and places a dot every 500 ms.
        var spread = Math.Max(1, voteSeconds - 2);
        await Task.WhenAll(hubs.Select((hub, i) => Task.Run(async () =>
        {
            var random = new Random(i);
            var placed = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var d = 0; d < DotsEach; d++)
            {
                var due = start + (long)(((double)i / hubs.Length * spread + (d * 0.5)) * Stopwatch.Frequency);
                var wait = due - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
                }

                string item;
                do
                {
                    item = items[random.Next(items.Count)];
                }
                while (placed.GetValueOrDefault(item) >= MaxPerItem);

                var request = new DotRequest($"p{i}-d{d}", item);
                var answer = await hub.InvokeAsync<VoteAnswer>(nameof(ILiveHub.PlaceDot), labId, sessionId, voteId, request);
                var latency = Stopwatch.GetTimestamp() - Math.Max(due, start);
                lock (ack)
                {
                    ack.RecordValue(Math.Max(1, latency * 1_000_000 / Stopwatch.Frequency));
                }

                if (!answer.Ok)
                {
                    Interlocked.Increment(ref refused);
                    Console.WriteLine($"  vote: participant {i} dot {d} refused: {answer.ErrorCode} {answer.Error}");
                    continue;
                }

                Interlocked.Increment(ref acked);
                placed[item] = placed.GetValueOrDefault(item) + 1;
                expected.AddOrUpdate(item, 1, (_, n) => n + 1);

                // A retry of the same placement (as after a lost answer) must answer the first outcome and add nothing.
                if (i % 5 == 0 && d == DotsEach - 1)
                {
                    Interlocked.Increment(ref retries);
                    var again = await hub.InvokeAsync<VoteAnswer>(nameof(ILiveHub.PlaceDot), labId, sessionId, voteId, request);
                    if (again.Ok && again.Vote?.MyDots?.Count == placed.Values.Sum())
                    {
                        Interlocked.Increment(ref retriesAnsweredAsFirst);
                    }
                }
            }
        })));

        var voteElapsed = (double)(Stopwatch.GetTimestamp() - start) / Stopwatch.Frequency;
        node.Process.Refresh();
        var cpu = node.Process.TotalProcessorTime - cpuStart;
        var closed = await moderator.InvokeAsync<VoteAnswer>(nameof(ILiveHub.CloseVote), labId, sessionId, voteId);
        if (!closed.Ok)
        {
            throw new InvalidOperationException($"the vote did not close: {closed.ErrorCode} {closed.Error}");
        }

        var results = (await maria.GetFromJsonAsync<VoteResults>($"{sessions}/{sessionId}/votes/{voteId}/results", BoardJson.Options))!;
        var mismatches = items.Where(id => (results.Ranking.FirstOrDefault(r => r.Id == id)?.Dots ?? 0) != expected.GetValueOrDefault(id)).ToList();
        var exactlyOnce = mismatches.Count == 0 && results.DotsPlaced == acked && results.Voters == hubs.Length && refused == 0;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"vote: {acked}/{hubs.Length * DotsEach} dots acknowledged in {voteElapsed:F1} s ({refused} refused), {retries} retried with the same request id ({retriesAnsweredAsFirst} answered as the first, nothing added)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"vote results: {results.Voters} voters, {results.DotsPlaced} dots counted, per item {(mismatches.Count == 0 ? "all equal to the dots acknowledged" : "MISMATCH on " + string.Join(",", mismatches))}: exactly once {(exactlyOnce ? "yes" : "NO")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"vote acknowledgement: p50 {ack.GetValueAtPercentile(50) / 1000.0:F2} ms, p99 {ack.GetValueAtPercentile(99) / 1000.0:F2} ms, max {ack.GetMaxValue() / 1000.0:F2} ms; server CPU {cpu.TotalMilliseconds:F0} ms = {cpu.TotalMilliseconds * 1000 / Math.Max(1, acked + retries):F0} µs per dot request"));
        return exactlyOnce && retries == retriesAnsweredAsFirst;
    }

    private static async Task ControlAsync(HttpClient moderator, string sessions, string sessionId, SessionCommand command)
    {
        using var response = await moderator.PostAsJsonAsync($"{sessions}/{sessionId}/control", new SessionControlRequest(command), BoardJson.Options);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Pins every thread of a process to the given cores (the node on 0, this generator on 1), as the issue's measurement asks.</summary>
    private static void Pin(int pid, string cores)
    {
        using var taskset = Process.Start(new ProcessStartInfo("taskset", ["-a", "-cp", cores, pid.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        taskset.WaitForExit();
        if (taskset.ExitCode != 0)
        {
            Console.WriteLine($"taskset could not pin process {pid} to core {cores} (exit {taskset.ExitCode}); figures are unpinned");
        }
    }
}
