// Load tool for the scenario "one hot board" (issue 3): N receivers and 5 writers at a fixed offered
// rate against (a) the Climaborough node and (b) a bare SignalR relay hub, both as separate processes
// started by this tool, measured in the same run. Latency is measured from each op's intended send
// time (so a stalled server cannot hide its queueing), recorded in HDR histograms.
//
//   dotnet run -c Release --project tests/Climaborough.Load -- [--receivers 10,50,200] [--rate 200]
//       [--seconds 6] [--capacity 100,200,400,800,1200] [--capacity-receivers 50] [--fsync]
//   dotnet run -c Release --project tests/Climaborough.Load -- --frames [2000]     (board page frame times in Chromium)
//   dotnet run -c Release --project tests/Climaborough.Load -- --workshop [100] [10]  (issue 13: votes and private notes of a workshop)
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Load;
using Climaborough.Testing;
using HdrHistogram;
using Microsoft.AspNetCore.SignalR.Client;

if (args.Length == 2 && args[0] == "--serve-bare-hub")
{
    await BareHub.ServeAsync(int.Parse(args[1], CultureInfo.InvariantCulture));
    return 0;
}

if (args.Length >= 1 && args[0] == "--workshop")
{
    return await WorkshopBench.RunAsync(
        args.Length >= 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100,
        args.Length >= 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10);
}

if (args.Length >= 1 && args[0] == "--frames")
{
    await FrameTimes.RunAsync(args.Length >= 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000);
    return 0;
}

var options = LoadOptions.Parse(args);
Console.WriteLine($"one hot board: writers {LoadOptions.Writers}, receivers {string.Join(",", options.Receivers)}, offered {options.Rate} ops/s, {options.Seconds} s per run, fsync {(options.Fsync ? "on" : "off")}, {Environment.ProcessorCount} cores");

using var data = new TempFolder();
await using var node = NodeProcess.Start(new Dictionary<string, string>
{
    ["Storage__DataPath"] = data.Path,
    ["Logging__LogLevel__Default"] = "Warning",
    ["Boards__OpsPerSecondPerConnection"] = "1000000",
    ["Storage__Fsync"] = options.Fsync ? "true" : "false",
}, environment: "Development");
await node.WaitReadyAsync();
var bareHub = await BareHubProcess.StartAsync();

var targets = new ITarget[] { new NodeTarget(node), new BareTarget(bareHub) };
Console.WriteLine("warm-up (discarded):");
foreach (var target in targets)
{
    await Runner.RunAsync(target, 20, options.Rate, 3);
}

var results = new List<RunResult>();
foreach (var receivers in options.Receivers)
{
    foreach (var target in targets)
    {
        results.Add(await Runner.RunAsync(target, receivers, options.Rate, options.Seconds));
    }
}

Console.WriteLine();
Console.WriteLine($"## Fixed offered rate: {options.Rate} ops/s from {LoadOptions.Writers} writers");
Report.Print(results);

Console.WriteLine();
Console.WriteLine($"## Capacity at p99 <= 50 ms, {options.CapacityReceivers} receivers");
var capacity = new List<RunResult>();
var best = new Dictionary<string, double>();
foreach (var target in targets)
{
    foreach (var rate in options.Capacity)
    {
        var run = await Runner.RunAsync(target, options.CapacityReceivers, rate, options.Seconds);
        capacity.Add(run);
        if (run.P99Ms <= 50 && run.Lost == 0 && run.Acked == run.Sent)
        {
            best[target.Name] = Math.Max(best.GetValueOrDefault(target.Name), run.DeliveriesPerSecond);
        }
        else
        {
            break;
        }
    }
}

Report.Print(capacity);
var nodeBest = best.GetValueOrDefault("climaborough");
var bareBest = best.GetValueOrDefault("bare-hub");
Console.WriteLine($"capacity (deliveries/s at p99 <= 50 ms): climaborough {nodeBest:F0}, bare hub {bareBest:F0}, ratio {(bareBest > 0 ? nodeBest / bareBest : double.NaN):F2}");

bareHub.Kill(entireProcessTree: true);
return 0;

namespace Climaborough.Load
{
    internal sealed record LoadOptions(int[] Receivers, int Rate, int Seconds, int[] Capacity, int CapacityReceivers, bool Fsync)
    {
        public const int Writers = 5;

        public static LoadOptions Parse(string[] args)
        {
            string Arg(string name, string fallback)
            {
                var i = Array.IndexOf(args, name);
                return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
            }

            static int[] Ints(string s) => [.. s.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture))];
            return new LoadOptions(
                Ints(Arg("--receivers", "10,50,200")),
                int.Parse(Arg("--rate", "200"), CultureInfo.InvariantCulture),
                int.Parse(Arg("--seconds", "6"), CultureInfo.InvariantCulture),
                Ints(Arg("--capacity", "200,400,800,1200,1600")),
                int.Parse(Arg("--capacity-receivers", "50"), CultureInfo.InvariantCulture),
                args.Contains("--fsync"));
        }
    }

    internal static class BareHubProcess
    {
        public static async Task<Process> StartAsync()
        {
            var port = FreePorts.Next();
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(typeof(BareHub).Assembly.Location);
            start.ArgumentList.Add("--serve-bare-hub");
            start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
            var process = Process.Start(start)!;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await FreePorts.WaitListeningAsync(port, TimeSpan.FromSeconds(30), () => !process.HasExited);
            BarePort = port;
            return process;
        }

        public static int BarePort { get; private set; }
    }

    /// <summary>A server under test: how to prepare a board, connect writers and receivers, send an op.</summary>
    internal interface ITarget
    {
        string Name { get; }

        Process Process { get; }

        Task<string> PrepareAsync();

        Task<HubConnection> ConnectReceiverAsync(string group, Action<IReadOnlyList<AppliedOp>> onOps);

        Task<HubConnection> ConnectWriterAsync(string group, int writer);

        Task<EditResult> SendAsync(HubConnection writer, string group, int writerIndex, long k);
    }

    internal sealed class NodeTarget(NodeProcess node) : ITarget
    {
        public string Name => "climaborough";

        public Process Process => node.Process;

        public async Task<string> PrepareAsync()
        {
            using var http = await TestTokens.ClientAsync(node.Url, "bench");
            using var response = await http.PostAsJsonAsync("api/boards", new CreateBoardRequest("hot board"));
            response.EnsureSuccessStatusCode();
            var board = (await response.Content.ReadFromJsonAsync<BoardInfo>())!;
            await using var setup = Connect("bench");
            await setup.StartAsync();
            await setup.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), board.Id, 0L);
            var notes = Enumerable.Range(0, LoadOptions.Writers).Select(w => new ElementChange(ChangeType.Create, $"w{w}",
                new BoardElement($"w{w}", ElementKind.Note, w * 150, 0, 120, 120, 0, "#ffeb3b", string.Empty, null, null, null, string.Empty, default, default))).ToList();
            var created = await setup.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), board.Id, new BoardEdit("setup", 1, notes));
            if (!created.Ok)
            {
                throw new InvalidOperationException(created.Error);
            }

            return board.Id;
        }

        public async Task<HubConnection> ConnectReceiverAsync(string group, Action<IReadOnlyList<AppliedOp>> onOps)
        {
            var c = Connect("receiver");
            c.On<string, IReadOnlyList<AppliedOp>>(nameof(ILiveClient.BoardOps), (_, ops) => onOps(ops));
            await c.StartAsync();
            await c.InvokeAsync<BoardJoin>(nameof(ILiveHub.JoinBoard), group, long.MaxValue);
            return c;
        }

        public async Task<HubConnection> ConnectWriterAsync(string group, int writer)
        {
            var c = Connect($"writer-{writer}");
            await c.StartAsync();
            return c;
        }

        public Task<EditResult> SendAsync(HubConnection writer, string group, int writerIndex, long k) =>
            writer.InvokeAsync<EditResult>(nameof(ILiveHub.Edit), group, new BoardEdit($"w{writerIndex}-{group}", k,
                [new ElementChange(ChangeType.Update, $"w{writerIndex}", Patch: new ElementPatch(X: k % 1000, Text: $"{writerIndex}:{k}"))]));

        private HubConnection Connect(string user) => new HubConnectionBuilder()
            .WithUrl(new Uri(node.Url, "hubs/live"), o => o.AccessTokenProvider = async () => await TestTokens.ForAsync(node.Url, user))
            .AddJsonProtocol(o => BoardJson.Configure(o.PayloadSerializerOptions))
            .Build();
    }

    internal sealed class BareTarget(Process process) : ITarget
    {
        public string Name => "bare-hub";

        public Process Process => process;

        public Task<string> PrepareAsync() => Task.FromResult("g" + Guid.NewGuid().ToString("N")[..8]);

        public async Task<HubConnection> ConnectReceiverAsync(string group, Action<IReadOnlyList<AppliedOp>> onOps)
        {
            var c = Connect();
            c.On<string, IReadOnlyList<AppliedOp>>(nameof(ILiveClient.BoardOps), (_, ops) => onOps(ops));
            await c.StartAsync();
            await c.InvokeAsync("Join", group);
            return c;
        }

        public async Task<HubConnection> ConnectWriterAsync(string group, int writer)
        {
            var c = Connect();
            await c.StartAsync();
            return c;
        }

        public Task<EditResult> SendAsync(HubConnection writer, string group, int writerIndex, long k) =>
            writer.InvokeAsync<EditResult>("Relay", group, new AppliedOp(k, $"w{writerIndex}", k, "bench", DateTimeOffset.UtcNow, OpKind.Edit,
                [new ElementChange(ChangeType.Update, $"w{writerIndex}", Patch: new ElementPatch(X: k % 1000, Text: $"{writerIndex}:{k}"))]));

        private static HubConnection Connect() => new HubConnectionBuilder()
            .WithUrl($"http://127.0.0.1:{BareHubProcess.BarePort}/hubs/bare")
            .AddJsonProtocol(o => BoardJson.Configure(o.PayloadSerializerOptions))
            .Build();
    }

    internal sealed record RunResult(
        string Server, int Receivers, int OfferedOpsPerSecond, long Sent, long Acked, long Deliveries, double DeliveriesPerSecond,
        double P50Ms, double P99Ms, double P999Ms, long Lost, long Duplicated, double CpuMsPer1000Deliveries, double MemoryKbPerConnection);

    internal static class Runner
    {
        public static async Task<RunResult> RunAsync(ITarget target, int receivers, int rate, int seconds)
        {
            var group = await target.PrepareAsync();
            var process = target.Process;
            process.Refresh();
            var memoryBefore = process.WorkingSet64;
            var perReceiver = new Receiver[receivers];
            var connections = new List<HubConnection>();
            for (var i = 0; i < receivers; i++)
            {
                var r = perReceiver[i] = new Receiver();
                connections.Add(await target.ConnectReceiverAsync(group, r.OnOps));
            }

            await Task.Delay(500);
            process.Refresh();
            var memoryPerConnection = (process.WorkingSet64 - memoryBefore) / 1024.0 / receivers;
            var writers = new List<HubConnection>();
            for (var w = 0; w < LoadOptions.Writers; w++)
            {
                writers.Add(await target.ConnectWriterAsync(group, w));
            }

            // Fixed schedule: writer w sends op k at start + (k * Writers + w) / rate.
            var perWriterRate = (double)rate / LoadOptions.Writers;
            var total = (long)(perWriterRate * seconds);
            Receiver.Intended = new long[LoadOptions.Writers, total + 1];
            var warmup = (long)(perWriterRate * 1);
            var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
            var cpuStart = TimeSpan.Zero;
            long deliveriesAtWarmup = 0;
            long warmupEndTicks = start + (long)(Stopwatch.Frequency * 1.0);
            var sendTasks = new List<Task<EditResult>>[LoadOptions.Writers];
            var writerLoops = Enumerable.Range(0, LoadOptions.Writers).Select(w => Task.Run(async () =>
            {
                sendTasks[w] = [];
                for (long k = 1; k <= total; k++)
                {
                    var intended = start + (long)(((k - 1) * LoadOptions.Writers + w) / (double)rate * Stopwatch.Frequency);
                    var wait = intended - Stopwatch.GetTimestamp();
                    if (wait > 0)
                    {
                        await Task.Delay(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
                    }

                    Receiver.Intended[w, k] = intended;
                    sendTasks[w].Add(target.SendAsync(writers[w], group, w, k));
                }
            })).ToList();

            // CPU and delivery counts are taken from the end of the warm-up second to the end of sending.
            var warmupDelay = TimeSpan.FromSeconds((double)(warmupEndTicks - Stopwatch.GetTimestamp()) / Stopwatch.Frequency);
            if (warmupDelay > TimeSpan.Zero)
            {
                await Task.Delay(warmupDelay);
            }

            process.Refresh();
            cpuStart = process.TotalProcessorTime;
            deliveriesAtWarmup = perReceiver.Sum(r => r.Count);
            var measureStart = Stopwatch.GetTimestamp();
            await Task.WhenAll(writerLoops);
            var measureEnd = Stopwatch.GetTimestamp();
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuStart;
            var deliveries = perReceiver.Sum(r => r.Count) - deliveriesAtWarmup;

            // Only acknowledged ops count as expected deliveries; refusals are reported apart.
            var acked = new HashSet<long>();
            for (var w = 0; w < LoadOptions.Writers; w++)
            {
                for (var k = 0; k < sendTasks[w].Count; k++)
                {
                    try
                    {
                        if ((await sendTasks[w][k]).Ok)
                        {
                            acked.Add((w * 100_000_000L) + k + 1);
                        }
                    }
                    catch (Exception)
                    {
                    }
                }
            }

            await Task.Delay(2000);

            var histogram = new LongHistogram(TimeStamp.Minutes(1), 3);
            long lost = 0, dup = 0, delivered = 0;
            foreach (var r in perReceiver)
            {
                lock (r)
                {
                    histogram.Add(r.Latency(warmup));
                    dup += r.Duplicates;
                    delivered += r.Count;
                    lost += r.Missing(acked);
                }
            }

            foreach (var c in connections.Concat(writers))
            {
                await c.DisposeAsync();
            }

            var seconds2 = (double)(measureEnd - measureStart) / Stopwatch.Frequency;
            var result = new RunResult(
                target.Name, receivers, rate, LoadOptions.Writers * total, acked.Count, delivered, deliveries / seconds2,
                histogram.GetValueAtPercentile(50) / 1000.0, histogram.GetValueAtPercentile(99) / 1000.0, histogram.GetValueAtPercentile(99.9) / 1000.0,
                lost, dup, deliveries > 0 ? cpu.TotalMilliseconds / deliveries * 1000 : double.NaN, memoryPerConnection);
            Console.WriteLine($"  {result.Server,-13} receivers {receivers,4} offered {rate,5} ops/s: {result.DeliveriesPerSecond,8:F0} deliveries/s, p99 {result.P99Ms,7:F2} ms, acked {acked.Count}/{result.Sent}, lost {lost}, dup {dup}");
            return result;
        }
    }

    internal sealed class Receiver
    {
        private readonly HashSet<long> seen = [];
        private readonly List<(int Writer, long K, long Latency)> samples = [];

        public static long[,] Intended { get; set; } = new long[0, 0];

        public long Count { get; private set; }

        public long Duplicates { get; private set; }

        public long Unique => seen.Count;

        /// <summary>Acknowledged ops this receiver never got.</summary>
        public long Missing(HashSet<long> acked) => acked.Count(a => !seen.Contains(a));

        public void OnOps(IReadOnlyList<AppliedOp> ops)
        {
            var now = Stopwatch.GetTimestamp();
            lock (this)
            {
                foreach (var op in ops)
                {
                    var text = op.Changes.Count == 1 ? op.Changes[0].Patch?.Text : null;
                    if (text is null)
                    {
                        continue;
                    }

                    var colon = text.IndexOf(':', StringComparison.Ordinal);
                    var w = int.Parse(text.AsSpan(0, colon), CultureInfo.InvariantCulture);
                    var k = long.Parse(text.AsSpan(colon + 1), CultureInfo.InvariantCulture);
                    Count++;
                    if (!seen.Add((w * 100_000_000L) + k))
                    {
                        Duplicates++;
                        continue;
                    }

                    samples.Add((w, k, now - Intended[w, k]));
                }
            }
        }

        /// <summary>Latencies in microseconds of ops after the warm-up.</summary>
        public LongHistogram Latency(long warmupOpsPerWriter)
        {
            var h = new LongHistogram(TimeStamp.Minutes(1), 3);
            foreach (var (_, k, latency) in samples)
            {
                if (k > warmupOpsPerWriter)
                {
                    h.RecordValue(Math.Max(1, latency * 1_000_000 / Stopwatch.Frequency));
                }
            }

            return h;
        }
    }

    internal static class Report
    {
        public static void Print(IReadOnlyList<RunResult> results)
        {
            Console.WriteLine("| server | receivers | offered ops/s | acked | deliveries/s | p50 ms | p99 ms | p99.9 ms | lost | dup | server CPU ms / 1000 deliveries | server memory KB / connection |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var r in results)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {r.Server} | {r.Receivers} | {r.OfferedOpsPerSecond} | {r.Acked}/{r.Sent} | {r.DeliveriesPerSecond:F0} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.P999Ms:F2} | {r.Lost} | {r.Duplicated} | {r.CpuMsPer1000Deliveries:F1} | {r.MemoryKbPerConnection:F0} |"));
            }

            foreach (var group in results.GroupBy(r => (r.Receivers, r.OfferedOpsPerSecond)))
            {
                var node = group.FirstOrDefault(r => r.Server == "climaborough");
                var bare = group.FirstOrDefault(r => r.Server == "bare-hub");
                if (node is not null && bare is not null)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"ratios at {group.Key.Receivers} receivers, {group.Key.OfferedOpsPerSecond} ops/s: p99 {node.P99Ms / bare.P99Ms:F2}x (+{node.P99Ms - bare.P99Ms:F2} ms), deliveries/s {node.DeliveriesPerSecond / bare.DeliveriesPerSecond:F2}x, CPU per delivery {node.CpuMsPer1000Deliveries / bare.CpuMsPer1000Deliveries:F2}x"));
                }
            }
        }
    }
}
