using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;

namespace CmDcm.Notebooks;

/// <summary>The kernel a notebook runs in: C# with the usual helpers (display, #!who), as Polyglot Notebooks sets it up.</summary>
static class NotebookKernel
{
    public static CompositeKernel Create()
    {
        var csharp = new CSharpKernel().UseKernelHelpers().UseValueSharing();
        var kernel = new CompositeKernel { csharp };
        kernel.DefaultKernelName = csharp.Name;
        return kernel;
    }

    /// <summary>The kernels a notebook's cells may name; markdown cells are kept as they are.</summary>
    public static KernelInfoCollection KernelInfos()
    {
        var infos = new KernelInfoCollection { new Microsoft.DotNet.Interactive.Documents.KernelInfo("csharp", "C#", ["c#", "C#"]) };
        infos.DefaultKernelName = "csharp";
        return infos;
    }
}
