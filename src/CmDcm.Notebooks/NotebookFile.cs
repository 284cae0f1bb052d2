using System.Text.Json;
using System.Text.Json.Nodes;
using CmDcm.Data;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace CmDcm.Notebooks;

/// <summary>Writes an executed notebook as .ipynb, atomically (temporary name, then rename).</summary>
static class NotebookFile
{
    /// <param name="path">Where to write; null writes a temporary copy and deletes it (--check).</param>
    public static void Write(InteractiveDocument document, string? path)
    {
        using var buffer = new MemoryStream();
        Notebook.Write(document, buffer, NotebookKernel.KernelInfos());
        // The writer adds a top-level metadata.kernelInfo beside the standard polyglot_notebook.kernelInfo;
        // Jupyter and VS Code ignore it, so it is dropped to keep the committed files as the editors write them.
        var json = JsonNode.Parse(buffer.ToArray())!;
        json["metadata"]?.AsObject().Remove("kernelInfo");
        var target = path ?? Path.Combine(Path.GetTempPath(), $"cmdcm-notebook-{Guid.NewGuid():N}.ipynb");
        AtomicFile.Write(target, stream =>
        {
            using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, IndentSize = 1, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            json.WriteTo(writer);
        });
        if (path == null) File.Delete(target);
    }
}
