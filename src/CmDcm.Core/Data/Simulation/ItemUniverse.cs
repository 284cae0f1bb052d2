namespace CmDcm.Data.Simulation;

/// <summary>
/// The simulated items: a Zipf-like popularity (rank shuffled so ids say nothing), a Zipf category,
/// a log-normal price around its category's price level, a promotion discount, and an appeal that
/// rises with popularity (so item pv counts, which models see, carry the item's conversion quality).
/// Item ids are 1..Items and category ids 1..Categories.
/// </summary>
public sealed class ItemUniverse
{
    /// <summary>Centre and spread of log price; <see cref="PriceZ"/> is log price standardised by them.</summary>
    public const double LogPriceMean = 4.1; // about 60 yuan
    public const double LogPriceSd = 0.9;

    public int Count { get; }
    public int CategoryCount { get; }
    public int[] Category { get; }
    public float[] Price { get; }
    public float[] Discount { get; }
    public double[] PriceZ { get; }
    public double[] Appeal { get; }

    /// <summary>Each category's price level (standardised), used to tilt price-sensitive users to cheap categories.</summary>
    public double[] CategoryPriceZ { get; }
    public double[] CategoryPopularity { get; }

    readonly double[] cumulativePopularity;
    readonly int[][] categoryItems;
    readonly double[][] categoryCumulative;

    public ItemUniverse(int items, int categories, long seed)
    {
        var random = new SimulationRandom(seed, stream: -1);
        Count = items;
        CategoryCount = categories;

        CategoryPopularity = new double[categories];
        CategoryPriceZ = new double[categories];
        var categoryCumulativeWeights = new double[categories];
        double total = 0;
        for (int c = 0; c < categories; c++)
        {
            CategoryPopularity[c] = 1.0 / Math.Pow(c + 2, 1.1); // Zipf over categories
            total += CategoryPopularity[c];
            categoryCumulativeWeights[c] = total;
            CategoryPriceZ[c] = 0.75 * random.Normal();
        }

        var rank = Enumerable.Range(0, items).ToArray();
        for (int i = items - 1; i > 0; i--)
        {
            int j = random.NextInt(i + 1);
            (rank[i], rank[j]) = (rank[j], rank[i]);
        }

        Category = new int[items];
        Price = new float[items];
        Discount = new float[items];
        PriceZ = new double[items];
        Appeal = new double[items];
        var popularity = new double[items];
        cumulativePopularity = new double[items];
        double meanLogPopularity = 0;
        for (int i = 0; i < items; i++)
        {
            popularity[i] = 1.0 / Math.Pow(rank[i] + 10, 0.95); // Zipf-like item popularity
            meanLogPopularity += Math.Log(popularity[i]) / items;
        }
        total = 0;
        for (int i = 0; i < items; i++)
        {
            int c = random.Pick(categoryCumulativeWeights);
            Category[i] = c;
            double logPrice = LogPriceMean + LogPriceSd * (CategoryPriceZ[c] + 0.65 * random.Normal());
            Price[i] = (float)Math.Round(Math.Clamp(Math.Exp(logPrice), 1.0, 50_000.0), 2);
            PriceZ[i] = (Math.Log(Price[i]) - LogPriceMean) / LogPriceSd;
            // 15 % of items join no promotion; the rest get 5-60 % off, deep discounts rarer.
            Discount[i] = random.Bernoulli(0.15) ? 0f : (float)Math.Round(0.05 + 0.55 * Math.Pow(random.NextDouble(), 1.6), 2);
            Appeal[i] = 0.25 * Math.Clamp(Math.Log(popularity[i]) - meanLogPopularity, -2, 3) + 0.3 * random.Normal();
            total += popularity[i];
            cumulativePopularity[i] = total;
        }

        categoryItems = new int[categories][];
        categoryCumulative = new double[categories][];
        var members = Enumerable.Range(0, categories).Select(_ => new List<int>()).ToArray();
        for (int i = 0; i < items; i++) members[Category[i]].Add(i);
        for (int c = 0; c < categories; c++)
        {
            categoryItems[c] = members[c].ToArray();
            categoryCumulative[c] = new double[categoryItems[c].Length];
            double sum = 0;
            for (int k = 0; k < categoryItems[c].Length; k++)
            {
                sum += popularity[categoryItems[c][k]];
                categoryCumulative[c][k] = sum;
            }
        }
    }

    public long ItemId(int item) => item + 1;

    public long CategoryId(int item) => Category[item] + 1;

    /// <summary>An item drawn by global popularity.</summary>
    public int PickPopular(SimulationRandom random) => random.Pick(cumulativePopularity);

    /// <summary>An item of the category drawn by popularity, or a global one if the category is empty.</summary>
    public int PickInCategory(int category, SimulationRandom random)
    {
        var inCategory = categoryItems[category];
        return inCategory.Length == 0 ? PickPopular(random) : inCategory[random.Pick(categoryCumulative[category])];
    }

    public ItemCatalog ToCatalog()
    {
        var catalog = new ItemCatalog();
        for (int i = 0; i < Count; i++) catalog.Set(ItemId(i), Price[i], Discount[i]);
        return catalog;
    }
}
