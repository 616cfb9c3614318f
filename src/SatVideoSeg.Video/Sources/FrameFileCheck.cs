namespace SatVideoSeg.Video.Sources;

/// <summary>
/// Finds frame files that are cut short, which OpenCV's decoders do not report as errors: libjpeg
/// prints "Premature end of JPEG file" to stderr (naming no file) and returns an image whose
/// missing rows are grey, and a PNG without its last chunks decodes as far as its data goes. A
/// complete JPEG ends with the EOI marker FF D9 (in entropy-coded data a 0xFF is always followed
/// by 00 or a restart marker, so FF D9 there is the end); a complete PNG ends with its IEND chunk.
/// Only the first and last bytes are read, so a whole folder is checked before any frame is decoded.
/// The format is told by the first bytes, not the name; other formats (TIFF, BMP) are not checked.
/// </summary>
public static class FrameFileCheck
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    // Length 0, "IEND", and the CRC of "IEND": the 12 bytes every complete PNG ends with.
    private static readonly byte[] PngEnd = [0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82];

    // Writers may pad a JPEG after its EOI marker with zero bytes; up to this many are looked past.
    private const int TailBytes = 4096;

    /// <summary>What is wrong with the file, or null when it looks complete (or is neither JPEG nor PNG, told by its first bytes).</summary>
    public static string? Problem(string file)
    {
        using var stream = File.OpenRead(file);
        var head = new byte[8];
        int headLength = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var tail = new byte[(int)Math.Min(TailBytes, stream.Length)];
        stream.Seek(-tail.Length, SeekOrigin.End);
        stream.ReadExactly(tail);
        return Problem(head.AsSpan(0, headLength), tail);
    }

    /// <summary>The same from a file's first bytes (at least 8 where it has them) and last bytes.</summary>
    public static string? Problem(ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
    {
        if (head.StartsWith(PngSignature))
            return tail.EndsWith(PngEnd) ? null : "no PNG IEND chunk at the end: the file is cut short";
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
            return tail.TrimEnd((byte)0).EndsWith((ReadOnlySpan<byte>)[0xFF, 0xD9]) ? null : "no JPEG end marker (FF D9): the file is cut short";
        return null;
    }
}
