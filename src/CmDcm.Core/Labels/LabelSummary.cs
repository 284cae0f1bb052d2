namespace CmDcm.Labels;

/// <summary>The paper's Table 1 as counts: how many clicks of each period and label a run has.</summary>
public sealed record LabelSummary(int RegularClicks, int RegularConversions, int PrePromotionClicks, int Direct, int Delayed, int NotConverted, int AddedToCart, int Train, int Eval)
{
    public static LabelSummary Of(ClickSamples samples)
    {
        int regular = 0, regularBuys = 0, pre = 0, direct = 0, delayed = 0, atc = 0, eval = 0;
        for (int i = 0; i < samples.Count; i++)
        {
            if (samples.Period[i] == Period.Regular)
            {
                regular++;
                regularBuys += samples.YCvr[i];
                continue;
            }
            pre++;
            if (samples.YDelay[i] == 1) delayed++;
            else if (samples.YAll[i] == 1) direct++;
            atc += samples.Atc[i];
            if (samples.Split[i] == SampleSplit.Eval) eval++;
        }
        return new LabelSummary(regular, regularBuys, pre, direct, delayed, pre - direct - delayed, atc, pre - eval, eval);
    }
}
