namespace CmDcm.Data.Simulation;

/// <summary>
/// A simulated user's latent traits. Intent (standard normal, logit scale) raises carts and purchases
/// alike, which is what confounds the effect of add-to-cart; it shows in the user's past cart and buy
/// counts. Price sensitivity (0..1) scales how much a promotion discount matters and tilts the user to
/// cheaper categories, so it shows in their carted/bought categories. Activity scales clicks per visit.
/// </summary>
public sealed record Shopper(long Id, double Intent, double PriceSensitivity, double Activity, int[] PreferredCategories)
{
    /// <summary>Share of clicks that go to the user's preferred categories (the rest follow global popularity).</summary>
    public const double PreferredShare = 0.6;

    public static Shopper Draw(long id, ItemUniverse items, SimulationRandom random)
    {
        double intent = random.Normal();
        double sensitivity = random.NextDouble();
        double activity = Math.Exp(0.7 * random.Normal() - 0.245); // log-normal with mean 1
        var weights = new double[items.CategoryCount];
        double total = 0;
        for (int c = 0; c < weights.Length; c++)
        {
            // Price-sensitive users lean to cheap categories, insensitive ones to dear ones.
            total += items.CategoryPopularity[c] * Math.Exp(-1.5 * (sensitivity - 0.5) * items.CategoryPriceZ[c]);
            weights[c] = total;
        }
        var preferred = new int[3];
        for (int k = 0; k < preferred.Length; k++) preferred[k] = random.Pick(weights);
        return new Shopper(id, intent, sensitivity, activity, preferred);
    }
}
