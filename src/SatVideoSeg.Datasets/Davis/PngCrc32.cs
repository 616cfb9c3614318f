namespace SatVideoSeg.Datasets.Davis;

/// <summary>
/// CRC-32 as PNG chunks use it (ISO 3309 / ITU-T V.42: reflected polynomial 0xEDB88320, initial
/// value and final XOR 0xFFFFFFFF), table-driven. CRC32("IEND") = 0xAE426082.
/// </summary>
public static class PngCrc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>CRC of the concatenation of the given spans.</summary>
    public static uint Compute(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second = default)
    {
        uint c = 0xFFFFFFFFu;
        foreach (byte b in first) c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
        foreach (byte b in second) c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
