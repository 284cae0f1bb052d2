using System.Globalization;

namespace CmDcm.Data;

/// <summary>
/// Item price and promotion discount (the simulator's side file `items.csv`: header `item,price,discount`).
/// The public datasets have no prices; models then leave the price features out.
/// </summary>
public sealed class ItemCatalog
{
    readonly Dictionary<long, (float Price, float Discount)> items = new();

    public int Count => items.Count;

    public void Set(long item, float price, float discount) => items[item] = (price, discount);

    public bool TryGet(long item, out float price, out float discount)
    {
        bool found = items.TryGetValue(item, out var entry);
        (price, discount) = entry;
        return found;
    }

    public void Write(string path)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream);
            writer.WriteLine("item,price,discount");
            foreach (var (item, (price, discount)) in items.OrderBy(p => p.Key))
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{item},{price:0.##},{discount:0.###}"));
        });
    }

    public static ItemCatalog Read(string path)
    {
        var catalog = new ItemCatalog();
        int line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (line == 1)
            {
                if (text.Trim() != "item,price,discount") throw new InputError($"{path}: expected the header 'item,price,discount', found '{text}'");
                continue;
            }
            if (text.Length == 0) continue;
            var parts = text.Split(',');
            if (parts.Length != 3
                || !long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var item)
                || !float.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var price)
                || !float.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var discount))
                throw new InputError($"{path}:{line}: expected 'item,price,discount', found '{text}'");
            // float.TryParse takes "NaN", "Infinity" and 1e39 (as infinity): one such price would poison training.
            if (!float.IsFinite(price) || !float.IsFinite(discount))
                throw new InputError($"{path}:{line}: price and discount must be finite numbers, found '{text}'");
            catalog.Set(item, price, discount);
        }
        return catalog;
    }
}
