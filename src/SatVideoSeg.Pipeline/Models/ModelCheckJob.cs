using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Segmentation.Sam;

namespace SatVideoSeg.Pipeline.Models;

/// <summary>`satvidseg models check`: loads a model folder and validates it against its contract.</summary>
public static class ModelCheckJob
{
    /// <summary>What the check found out about a conforming model.</summary>
    /// <param name="Manifest">The manifest read.</param>
    /// <param name="EncoderBatchable">Encoder has a batch axis.</param>
    /// <param name="DecoderBatchable">Decoder has a batch axis.</param>
    /// <param name="MaskOutput">Which of the decoder's masks segmenting uses, in words.</param>
    public sealed record Result(ModelManifest Manifest, bool EncoderBatchable, bool DecoderBatchable, string MaskOutput);

    /// <summary>Loads the model; a mismatch is a <see cref="JobException"/> naming every problem.</summary>
    /// <param name="folder">Model folder holding model.json.</param>
    /// <param name="cancellationToken">Checked before and after loading (one load is one native call that cannot be interrupted).</param>
    public static Result Run(string folder, CancellationToken cancellationToken = default)
    {
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var model = SamModel.Load(folder);
            cancellationToken.ThrowIfCancellationRequested();
            return new Result(model.Manifest, model.EncoderBatchable, model.DecoderBatchable, model.DescribeMaskOutput());
        }
        catch (ModelContractException e)
        {
            throw new JobException(e.Message, e);
        }
    }
}
