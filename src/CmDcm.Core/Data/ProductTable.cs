using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace CmDcm.Data;

/// <summary>What the product table held and how the join on item went; part of the ingest report.</summary>
public sealed class ProductJoinReport
{
    public string Input { get; set; } = "";
    /// <summary>Non-empty lines of the product table.</summary>
    public long Rows { get; set; }
    public long Items { get; set; }
    public long Categories { get; set; }
    /// <summary>Further rows of an item already seen: the first row wins.</summary>
    public long DuplicateItemRows { get; set; }
    /// <summary>Rows without six 0x01-separated fields or with a non-numeric item id: skipped.</summary>
    public long BadRows { get; set; }
    /// <summary>In-window events whose item is not in the table: kept with category -1 (unknown).</summary>
    public long JoinMisses { get; set; }
}

/// <summary>
/// The Tmall product table `tianchi_2014001_rec_tmall_product.txt` (0x01 separated, no header:
/// `item_id, title, pict_url, category, brand_id, seller_id`) reduced to item -> category id.
/// Category strings ("x-y") get dense ids 0, 1, 2, ... in order of first appearance, so the same file always
/// gives the same ids. Brands are not kept: the canonical event has no brand column.
/// </summary>
public sealed class ProductTable
{
    const byte Separator = 0x01;
    const int ColumnCount = 6;
    const int CategoryColumn = 3;
    /// <summary>More bad rows than this share means the file is not a product table.</summary>
    const double BadRowLimit = 0.01;

    readonly Dictionary<long, int> categoryOf = new();
    readonly Dictionary<string, int> categoryIds = new(StringComparer.Ordinal);
    long rows, duplicates, badRows, firstBadLine;
    string firstBadText = "";

    public int Items => categoryOf.Count;
    public int Categories => categoryIds.Count;

    ProductTable() { }

    public bool TryGetCategory(long item, out int category) => categoryOf.TryGetValue(item, out category);

    public ProductJoinReport Report(string input, long joinMisses) => new()
    {
        Input = Path.GetFileName(input),
        Rows = rows,
        Items = Items,
        Categories = Categories,
        DuplicateItemRows = duplicates,
        BadRows = badRows,
        JoinMisses = joinMisses,
    };

    public static ProductTable Load(string path)
    {
        if (Directory.Exists(path)) throw new InputError($"{path} is a directory; --products names the product table file");
        if (!File.Exists(path)) throw new InputError($"{path}: no such file (--products)");
        var table = new ProductTable();
        var lines = new Lines(table);
        Utf8LineReader.Read(path, ref lines);
        if (table.rows == 0) throw new InputError($"{path}: the product table has no rows");
        if (table.badRows > BadRowLimit * table.rows)
            throw new InputError(string.Create(CultureInfo.InvariantCulture,
                $"{path}: {table.badRows:N0} of {table.rows:N0} rows are not 0x01-separated 'item_id, title, pict_url, category, brand_id, seller_id' " +
                $"(first at line {table.firstBadLine}: '{table.firstBadText}'); is this tianchi_2014001_rec_tmall_product.txt?"));
        return table;
    }

    void Add(ReadOnlySpan<byte> text, long line)
    {
        rows++;
        var itemText = text[..Math.Max(0, text.IndexOf(Separator))];
        if (itemText.StartsWith("i"u8)) itemText = itemText[1..];
        if (text.Count(Separator) != ColumnCount - 1 || !Utf8Parser.TryParse(itemText, out long item, out int used) || used != itemText.Length || item < 0)
        {
            if (badRows++ == 0)
            {
                firstBadLine = line;
                firstBadText = Encoding.UTF8.GetString(text[..Math.Min(text.Length, 200)]);
            }
            return;
        }
        if (categoryOf.ContainsKey(item))
        {
            duplicates++;
            return;
        }
        var rest = text;
        for (int i = 0; i < CategoryColumn; i++) rest = rest[(rest.IndexOf(Separator) + 1)..];
        categoryOf[item] = CategoryId(rest[..rest.IndexOf(Separator)]);
    }

    int CategoryId(ReadOnlySpan<byte> category)
    {
        var name = Encoding.UTF8.GetString(category); // once per product row, not per event
        if (!categoryIds.TryGetValue(name, out int id)) categoryIds[name] = id = categoryIds.Count;
        return id;
    }

    readonly struct Lines(ProductTable table) : ILineHandler
    {
        public void Line(ReadOnlySpan<byte> text, long line)
        {
            if (!text.IsEmpty) table.Add(text, line);
        }
    }
}
