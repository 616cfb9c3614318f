using Microsoft.ML.OnnxRuntime;

namespace SatVideoSeg.Segmentation.Sam;

/// <summary>
/// The encoder's outputs for a batch of images (image_embeddings plus any extra features), kept
/// as ONNX Runtime values so the decoder reads them where the encoder wrote them: copying them out
/// and back cost ~0.5 MB per crop with the shipped model. Owns the native memory: dispose after
/// the last decoder call; spans and values are invalid after that.
/// </summary>
public sealed class ImageFeatures : IDisposable
{
    private readonly IReadOnlyList<string> _names;
    private readonly IReadOnlyList<OrtValue> _values;
    private readonly IDisposable _owner;

    /// <summary>Wraps encoder outputs; <paramref name="owner"/> is disposed with this object.</summary>
    internal ImageFeatures(IReadOnlyList<string> names, IReadOnlyList<OrtValue> values, IDisposable owner)
    {
        _names = names;
        _values = values;
        _owner = owner;
        EmbeddingShape = values[0].GetTensorTypeAndShape().Shape;
    }

    /// <summary>Shape of image_embeddings, [B,C,h,w].</summary>
    public long[] EmbeddingShape { get; }

    /// <summary>Decoder inputs, embedding first, in the manifest's order.</summary>
    internal IEnumerable<(string Name, OrtValue Value)> Inputs => _names.Select((n, i) => (n, _values[i]));

    /// <inheritdoc />
    public void Dispose() => _owner.Dispose();
}
