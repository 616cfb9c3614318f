namespace SatVideoSeg.Datasets.Davis;

/// <summary>
/// Writes DAVIS annotation PNGs: 8-bit indexed colour (colour type 3) with the 256-entry PASCAL
/// VOC palette (<see cref="VocPalette"/>), one byte per pixel = object index (0 background,
/// 1..N objects, 255 void). Output is deterministic: the same indices give the same bytes.
/// Read back with <see cref="IndexedPng"/>.
/// </summary>
public static class IndexedPngWriter
{
    /// <summary>Encodes a width x height row-major index image.</summary>
    public static byte[] Encode(int width, int height, ReadOnlySpan<byte> indices) =>
        PngChunks.Encode(width, height, bitDepth: 8, colorType: 3, VocPalette.Rgb, indices, width);
}
