namespace SatVideoSeg.Datasets.Davis;

/// <summary>
/// The PASCAL VOC colour map DAVIS uses: index i gets r,g,b from the bits of i, 3 bits per round,
/// most significant first (1 = (128,0,0), 2 = (0,128,0), 3 = (128,128,0), 4 = (0,0,128), 255 = (224,224,192)).
/// </summary>
public static class VocPalette
{
    /// <summary>256 RGB triples, 768 bytes.</summary>
    public static ReadOnlySpan<byte> Rgb => Table;

    private static readonly byte[] Table = Build();

    private static byte[] Build()
    {
        var p = new byte[256 * 3];
        for (int i = 0; i < 256; i++)
        {
            int r = 0, g = 0, b = 0, c = i;
            for (int j = 0; j < 8; j++)
            {
                r |= ((c >> 0) & 1) << (7 - j);
                g |= ((c >> 1) & 1) << (7 - j);
                b |= ((c >> 2) & 1) << (7 - j);
                c >>= 3;
            }
            p[3 * i] = (byte)r;
            p[3 * i + 1] = (byte)g;
            p[3 * i + 2] = (byte)b;
        }
        return p;
    }
}
