namespace Climaborough.Grains.Text;

using System.Globalization;
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

/// <summary>
/// A full-text index in memory (Lucene.NET) of documents given as an id and their words: each document's
/// words indexed twice, once with the English analyser and once with the Bulgarian one (stemming, stop
/// words), and searched in both. It holds nothing that is not in the stored records it is built from, so
/// it is rebuilt from them at will. Used by the lessons library and the Climate Sandbox register.
/// </summary>
public sealed class TextIndex : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private static readonly string[] Fields = ["en", "bg"];
    private readonly RAMDirectory directory = new();
    private readonly Analyzer analyzer;
    private readonly IndexWriter writer;
    private DirectoryReader? reader;

    private TextIndex()
    {
        analyzer = new PerFieldAnalyzerWrapper(
            new StandardAnalyzer(Version),
            new Dictionary<string, Analyzer> { ["en"] = new EnglishAnalyzer(Version), ["bg"] = new BulgarianAnalyzer(Version) });
        writer = new IndexWriter(directory, new IndexWriterConfig(Version, analyzer));
    }

    /// <summary>An index of the given documents (id and words).</summary>
    public static TextIndex Build(IEnumerable<(string Id, string Words)> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var index = new TextIndex();
        foreach (var (id, words) in documents)
        {
            index.writer.UpdateDocument(new Term("id", id), Document(id, words));
        }

        index.writer.Commit();
        return index;
    }

    /// <summary>Adds or replaces a document.</summary>
    public void Add(string id, string words)
    {
        writer.UpdateDocument(new Term("id", id), Document(id, words));
        writer.Commit();
    }

    /// <summary>
    /// Document ids matching every word (in either language), best first. The text is taken literally:
    /// lower-cased (so AND/OR/NOT are words) and escaped, so operators and odd characters never error.
    /// </summary>
    public IReadOnlyList<string> Search(string text, int max = 500)
    {
        var literal = QueryParserBase.Escape(text.Trim().ToLowerInvariant());
        if (literal.Length == 0)
        {
            return [];
        }

        Query query;
        try
        {
            query = new MultiFieldQueryParser(Version, Fields, analyzer) { DefaultOperator = Operator.AND }.Parse(literal);
        }
        catch (ParseException)
        {
            return [];
        }

        var newer = reader is null ? DirectoryReader.Open(writer, applyAllDeletes: true) : DirectoryReader.OpenIfChanged(reader, writer, applyAllDeletes: true);
        if (newer is not null)
        {
            reader?.Dispose();
            reader = newer;
        }

        var searcher = new IndexSearcher(reader!);
        return [.. searcher.Search(query, max).ScoreDocs.Select(hit => searcher.Doc(hit.Doc).Get("id", CultureInfo.InvariantCulture))];
    }

    public void Dispose()
    {
        reader?.Dispose();
        writer.Dispose();
        analyzer.Dispose();
        directory.Dispose();
    }

    private static Document Document(string id, string words) =>
    [
        new StringField("id", id, Field.Store.YES),
        new TextField("en", words, Field.Store.NO),
        new TextField("bg", words, Field.Store.NO),
    ];
}
