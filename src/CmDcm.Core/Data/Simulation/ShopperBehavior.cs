namespace CmDcm.Data.Simulation;

/// <summary>
/// The simulator's generative story for what follows a click, as logits. Notation: intent `u` (user),
/// price sensitivity `s` (user), discount `d`, standardised log price `z` and appeal `a` (item).
/// <list type="bullet">
/// <item>Regular days: cart and same-day buy rise with intent and appeal and fall with price; the
/// discount plays no part (there is no promotion price yet), so a regular-day CVR model learns nothing
/// about it.</item>
/// <item>Pre-promotion days: shoppers wait, so the direct buy dips by `s·d`, while carting rises by
/// `s·d` (they park the item for the promotion).</item>
/// <item>Delayed purchase of a pre-promotion click (the paper's delayed conversion) is driven by the
/// promotion: `s·d` and `d` dominate, with intent and appeal. Add-to-cart (T) has a heterogeneous causal
/// effect on it, larger for deep discounts and price-sensitive users; intent raises both T and the
/// outcome, which confounds a naive comparison.</item>
/// <item>Promotion day(s): new clicks buy more, again driven by `s·d`.</item>
/// </list>
/// </summary>
public sealed class ShopperBehavior(SimulatorConfig config, ItemUniverse items)
{
    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    double Promo(Shopper user, int item) => user.PriceSensitivity * items.Discount[item];

    public double Fav(Shopper user, int item) =>
        Sigmoid(config.FavBase + 0.3 * user.Intent + 0.3 * items.Appeal[item]);

    public double RegularCart(Shopper user, int item) =>
        Sigmoid(config.CartBase + 0.7 * user.Intent + 0.3 * items.Appeal[item] - 0.2 * items.PriceZ[item]);

    /// <summary>Same-day buy on a regular day; price hurts price-sensitive users more.</summary>
    public double RegularBuy(Shopper user, int item, bool carted) =>
        Sigmoid(config.BuyBase + 0.8 * user.Intent + 0.4 * items.Appeal[item]
            - 0.4 * (0.5 + user.PriceSensitivity) * items.PriceZ[item] + (carted ? 1.8 : 0));

    /// <summary>P(T = 1): carting after a pre-promotion click, raised by intent (the confounder) and by s·d.</summary>
    public double PrePromotionCart(Shopper user, int item) =>
        Sigmoid(config.CartBase + 0.4 + 0.7 * user.Intent + 0.3 * items.Appeal[item] - 0.2 * items.PriceZ[item] + 2.0 * Promo(user, item));

    /// <summary>Direct (same-day) buy in the pre-promotion days: dips, most for those who gain most by waiting.</summary>
    public double PrePromotionDirectBuy(Shopper user, int item, bool carted) =>
        Sigmoid(config.BuyBase - 0.6 + 0.8 * user.Intent + 0.4 * items.Appeal[item]
            - 0.4 * (0.5 + user.PriceSensitivity) * items.PriceZ[item] - 2.0 * Promo(user, item) + (carted ? 1.2 : 0));

    /// <summary>Logit of P(delayed buy | T = 0) for a pre-promotion click.</summary>
    public double DelayedLogit(Shopper user, int item) =>
        config.DelayedBase + 0.8 * user.Intent + 3.0 * Promo(user, item) + 1.5 * items.Discount[item]
            + 0.4 * items.Appeal[item] - 0.2 * items.PriceZ[item];

    /// <summary>The causal effect of add-to-cart on delayed purchase, on the logit scale (heterogeneous, always positive).</summary>
    public double CartEffectLogit(Shopper user, int item) =>
        0.4 + 2.5 * items.Discount[item] + 0.6 * user.PriceSensitivity;

    /// <summary>Potential outcomes (p0, p1) = P(delayed buy | T = 0), P(delayed buy | T = 1).</summary>
    public (double P0, double P1) DelayedPotentialOutcomes(Shopper user, int item)
    {
        double logit = DelayedLogit(user, item);
        return (Sigmoid(logit), Sigmoid(logit + CartEffectLogit(user, item)));
    }

    public double PromotionCart(Shopper user, int item) =>
        Sigmoid(config.CartBase + 0.2 + 0.7 * user.Intent + 0.3 * items.Appeal[item] - 0.2 * items.PriceZ[item] + 1.0 * Promo(user, item));

    public double PromotionBuy(Shopper user, int item, bool carted) =>
        Sigmoid(config.BuyBase - 1.05 + 0.8 * user.Intent + 0.4 * items.Appeal[item]
            - 0.4 * (0.5 + user.PriceSensitivity) * items.PriceZ[item] + 1.5 * Promo(user, item) + (carted ? 1.8 : 0));
}
