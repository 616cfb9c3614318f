using OpenCvSharp;
using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.OpenCv;

namespace SatVideoSeg.Video.Rendering;

/// <summary>
/// Grids of zoomed crops: a contact sheet (one row per track, one column per sampled frame, blank
/// where the track is absent) and per-track strips. Pure layout over a <see cref="TrackCropCollector"/>.
/// </summary>
public static class ContactSheet
{
    private const int Spacing = 2;
    private const int RowLabelWidth = 80;
    private const int HeaderHeight = 16;
    private static readonly byte Background = 24;

    /// <summary>
    /// The sheet: rows are tracks (ascending id; only <paramref name="trackIds"/> when given, so a
    /// run of thousands of tracks does not make an image of thousands of rows), columns up to
    /// <paramref name="maxColumns"/> sampled frames spread evenly.
    /// </summary>
    public static Frame Compose(TrackCropCollector crops, int maxColumns = 12, IReadOnlySet<int>? trackIds = null)
    {
        var frames = Spread(crops.SampledFrames.ToArray(), maxColumns);
        var ids = crops.TrackIds.Where(id => trackIds is null || trackIds.Contains(id)).ToArray();
        int t = crops.TileSize;
        int width = RowLabelWidth + Math.Max(1, frames.Length) * (t + Spacing);
        int height = HeaderHeight + Math.Max(1, ids.Length) * (t + Spacing);
        width += width % 2;
        height += height % 2;
        var sheet = Blank(width, height);
        using var mat = PinnedMat.Of(sheet);
        for (int c = 0; c < frames.Length; c++)
            Text(mat.Mat, $"f{frames[c] + 1}", RowLabelWidth + c * (t + Spacing) + 2, 12, Scalar.White);
        for (int r = 0; r < ids.Length; r++)
        {
            int y = HeaderHeight + r * (t + Spacing);
            var cls = crops.ClassOf(ids[r]);
            Text(mat.Mat, $"{ids[r]}", 4, y + 14, TrackColors.ScalarFor(ids[r]));
            if (cls != ObjectClass.Unknown) Text(mat.Mat, ObjectClasses.Name(cls), 4, y + 28, Scalar.White);
            var byFrame = crops.TilesOf(ids[r]).ToDictionary(x => x.FrameIndex);
            for (int c = 0; c < frames.Length; c++)
                if (byFrame.TryGetValue(frames[c], out var tile)) Paste(sheet, tile, RowLabelWidth + c * (t + Spacing), y);
        }
        return sheet;
    }

    /// <summary>One track's tiles in a row, at most <paramref name="maxTiles"/> spread evenly; null when the track has none.</summary>
    public static Frame? Strip(TrackCropCollector crops, int trackId, int maxTiles = 12)
    {
        var tiles = crops.TilesOf(trackId);
        if (tiles.Count == 0) return null;
        var keep = Spread(tiles.Select(x => x.FrameIndex).ToArray(), maxTiles).ToHashSet();
        var chosen = tiles.Where(x => keep.Contains(x.FrameIndex)).ToArray();
        int t = crops.TileSize;
        int width = chosen.Length * (t + Spacing);
        var strip = Blank(width + width % 2, t + t % 2);
        for (int k = 0; k < chosen.Length; k++) Paste(strip, chosen[k], k * (t + Spacing), 0);
        return strip;
    }

    /// <summary>The frames of each tile <see cref="Strip"/> shows, in order.</summary>
    public static int[] StripFrames(TrackCropCollector crops, int trackId, int maxTiles = 12) =>
        Spread(crops.TilesOf(trackId).Select(x => x.FrameIndex).ToArray(), maxTiles);

    // At most n items, evenly spaced, always keeping the first and the last.
    private static int[] Spread(int[] items, int n)
    {
        if (items.Length <= n) return items;
        if (n <= 1) return [items[0]];
        return Enumerable.Range(0, n).Select(k => items[(int)Math.Round(k * (items.Length - 1) / (double)(n - 1))]).Distinct().ToArray();
    }

    private static Frame Blank(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        pixels.AsSpan().Fill(Background);
        return new Frame(0, width, height, pixels);
    }

    private static void Paste(Frame target, CropTile tile, int x0, int y0)
    {
        for (int y = 0; y < tile.Size && y0 + y < target.Height; y++)
        {
            int n = Math.Min(tile.Size, target.Width - x0) * 3;
            if (n <= 0) return;
            Buffer.BlockCopy(tile.Pixels, y * tile.Size * 3, target.Pixels, ((y0 + y) * target.Width + x0) * 3, n);
        }
    }

    private static void Text(Mat mat, string text, int x, int y, Scalar colour) =>
        Cv2.PutText(mat, text, new Point(x, y), HersheyFonts.HersheySimplex, 0.35, colour, 1, LineTypes.AntiAlias);
}
