namespace Climaborough.Grains.Pilots;

using System.Globalization;
using Climaborough.Abstractions.Pilots;
using Climaborough.Contracts;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Bg;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Orleans.Runtime;

/// <summary>
/// See <see cref="ISandboxRegisterGrain"/>. The search index is the lessons library's kind (Lucene.NET in memory,
/// each barrier's words indexed with the English and the Bulgarian analysers); it holds nothing that is not in
/// the stored state, so it is built on activation and rebuilt after each change.
/// </summary>
public sealed class SandboxRegisterGrain(
    [PersistentState("sandbox-register")] IPersistentState<SandboxRegisterState> state) : Grain, ISandboxRegisterGrain, IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private static readonly string[] Fields = ["en", "bg"];
    private Index? index;

    public async Task UpsertAsync(SandboxPilotEntries entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        state.State.Pilots[entries.PilotId] = entries;
        await state.WriteStateAsync();
        index?.Dispose();
        index = null;
    }

    public Task<IReadOnlyList<SandboxRegisterHit>> SearchAsync(string? text)
    {
        var all = state.State.Pilots.Values
            .SelectMany(p => p.Entries.Select(e => (Key: p.PilotId + "/" + e.Id, Hit: new SandboxRegisterHit(p.LabId, new SandboxHit(e, p.PilotTitle, p.CityId, p.HubId)))))
            .ToDictionary(x => x.Key, x => x.Hit, StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return Task.FromResult<IReadOnlyList<SandboxRegisterHit>>([.. all.Values.OrderByDescending(h => h.Hit.Entry.UpdatedAt)]);
        }

        index ??= new Index(state.State.Pilots.Values);
        return Task.FromResult<IReadOnlyList<SandboxRegisterHit>>([.. index.Search(text).Where(all.ContainsKey).Select(k => all[k])]);
    }

    public void Dispose() => index?.Dispose();

    /// <summary>An in-memory index of every barrier, keyed <c>pilotId/entryId</c>.</summary>
    private sealed class Index : IDisposable
    {
        private readonly RAMDirectory directory = new();
        private readonly Analyzer analyzer = new PerFieldAnalyzerWrapper(
            new StandardAnalyzer(Version),
            new Dictionary<string, Analyzer> { ["en"] = new EnglishAnalyzer(Version), ["bg"] = new BulgarianAnalyzer(Version) });

        private readonly DirectoryReader reader;

        public Index(IEnumerable<SandboxPilotEntries> pilots)
        {
            using (var writer = new IndexWriter(directory, new IndexWriterConfig(Version, analyzer)))
            {
                foreach (var pilot in pilots)
                {
                    foreach (var e in pilot.Entries)
                    {
                        var words = string.Join("\n", [e.Title, e.Rule, e.Description, e.Outcome ?? string.Empty, e.Kind.ToString(), pilot.PilotTitle, pilot.CityId, .. e.History.Select(h => h.Outcome ?? string.Empty)]);
                        writer.AddDocument(
                        [
                            new StringField("id", pilot.PilotId + "/" + e.Id, Field.Store.YES),
                            new TextField("en", words, Field.Store.NO),
                            new TextField("bg", words, Field.Store.NO),
                        ]);
                    }
                }

                writer.Commit();
            }

            reader = DirectoryReader.Open(directory);
        }

        /// <summary>Keys matching every word, in either language, best first; the text is taken literally (escaped, lower-cased).</summary>
        public IEnumerable<string> Search(string text)
        {
            var literal = QueryParserBase.Escape(text.Trim().ToLowerInvariant());
            Query query;
            try
            {
                query = new MultiFieldQueryParser(Version, Fields, analyzer) { DefaultOperator = Operator.AND }.Parse(literal);
            }
            catch (ParseException)
            {
                return [];
            }

            var searcher = new IndexSearcher(reader);
            return [.. searcher.Search(query, 500).ScoreDocs.Select(hit => searcher.Doc(hit.Doc).Get("id", CultureInfo.InvariantCulture))];
        }

        public void Dispose()
        {
            reader.Dispose();
            analyzer.Dispose();
            directory.Dispose();
        }
    }
}
