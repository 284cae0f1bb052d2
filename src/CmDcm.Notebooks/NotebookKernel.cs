using CmDcm.Reporting.Charts;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;

namespace CmDcm.Notebooks;

/// <summary>The kernel a notebook runs in: C# with the usual helpers (display, #!who), as Polyglot Notebooks sets it up.</summary>
static class NotebookKernel
{
    public static CompositeKernel Create()
    {
        var csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        var kernel = new CompositeKernel { csharp };
        kernel.DefaultKernelName = csharp.Name;
        ShowChartsAsImages();
        return kernel;
    }

    /// <summary>
    /// A displayed Plotly chart becomes an image/png output. Plotly.NET.Interactive's own output is HTML that
    /// fetches plotly.js from a CDN, blank on GitHub and offline; a PNG renders everywhere. The interactive
    /// version is the self-contained HTML a notebook saves under results/figures/.
    /// </summary>
    static void ShowChartsAsImages()
    {
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(Convert.ToBase64String(ChartOutput.Png(chart))), "image/png");
        Formatter.SetPreferredMimeTypesFor(typeof(GenericChart), "image/png");
    }

    /// <summary>The kernels a notebook's cells may name; markdown cells are kept as they are.</summary>
    public static KernelInfoCollection KernelInfos()
    {
        var infos = new KernelInfoCollection { new Microsoft.DotNet.Interactive.Documents.KernelInfo("csharp", "C#", ["c#", "C#"]) };
        infos.DefaultKernelName = "csharp";
        return infos;
    }
}
