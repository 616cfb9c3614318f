using OpenCvSharp;
using SatVideoSeg.Core.Imaging;

namespace SatVideoSeg.Video.Sources;

/// <summary>
/// A folder of images (png, jpg, tif, bmp) in natural sort order ("2.png" before "10.png"), or a
/// single image read as a one-frame video. Frames whose size differs from the first frame's are
/// handled by a <see cref="FrameSizePolicy"/>; frame files cut short (<see cref="FrameFileCheck"/>,
/// checked for the whole folder when the source opens) by a <see cref="DamagedFramePolicy"/>.
/// </summary>
public sealed class ImageSequenceSource : IFrameSource
{
    /// <summary>File extensions read as frames (lower case).</summary>
    public static readonly IReadOnlySet<string> ImageExtensions =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp" };

    private readonly string[] _files;
    private readonly FrameSizePolicy _policy;
    private readonly List<FrameSizeChange> _changes = [];
    private readonly Dictionary<int, DamagedFrame> _damaged = [];

    /// <summary>
    /// Lists the frames of a folder (or takes one image file), checks every file for damage
    /// (<paramref name="damaged"/> Fail stops here, naming the first damaged file and its 1-based
    /// frame) and reads the first frame used to learn the size.
    /// </summary>
    public ImageSequenceSource(string path, double fps = 10, FrameSizePolicy policy = FrameSizePolicy.AnchorTopLeft, DamagedFramePolicy damaged = DamagedFramePolicy.Fail)
    {
        _policy = policy;
        if (File.Exists(path))
        {
            _files = [path];
        }
        else if (Directory.Exists(path))
        {
            _files = Directory.EnumerateFiles(path)
                .Where(f => ImageExtensions.Contains(Path.GetExtension(f)))
                .Order(NaturalStringComparer.Instance)
                .ToArray();
            if (_files.Length == 0)
                throw new VideoFormatException($"{path}: folder holds no images ({string.Join(", ", ImageExtensions)})");
        }
        else
        {
            throw new VideoFormatException($"{path}: no such file or folder");
        }
        for (int i = 0; i < _files.Length; i++)
        {
            if (FrameFileCheck.Problem(_files[i]) is not string problem) continue;
            if (damaged == DamagedFramePolicy.Fail)
                throw new VideoFormatException($"{_files[i]}: frame {i + 1} is damaged: {problem}; --damaged-frames skip leaves such frames out, use decodes what is there");
            _damaged[i] = new DamagedFrame(i, _files[i], problem, damaged);
        }
        DamagedFrames = _damaged.Values.OrderBy(d => d.FrameIndex).ToArray();
        int firstUsed = Enumerable.Range(0, _files.Length).FirstOrDefault(i => !Skips(i), -1);
        if (firstUsed < 0) throw new VideoFormatException($"{path}: every frame is damaged and skipped");
        using var first = Load(_files[firstUsed], firstUsed);
        Info = new VideoInfo(path, first.Width, first.Height, fps, _files.Length);
    }

    /// <summary>Damaged frame files found when the source opened, and what is done with each (empty with the Fail policy).</summary>
    public IReadOnlyList<DamagedFrame> DamagedFrames { get; }

    private bool Skips(int index) => _damaged.TryGetValue(index, out var d) && d.Policy == DamagedFramePolicy.Skip;

    /// <inheritdoc />
    public VideoInfo Info { get; }

    /// <inheritdoc />
    public IReadOnlyList<FrameSizeChange> SizeChanges => _changes;

    /// <summary>The image files, in frame order.</summary>
    public IReadOnlyList<string> Files => _files;

    /// <inheritdoc />
    public IEnumerable<Frame> ReadFrames(CancellationToken cancellationToken = default)
    {
        (int W, int H) previous = (Info.Width, Info.Height);
        for (int i = 0; i < _files.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Skips(i)) continue;
            using var image = Load(_files[i], i);
            if (image.Width != Info.Width || image.Height != Info.Height)
            {
                if (_policy == FrameSizePolicy.Fail)
                    throw new VideoFormatException($"{_files[i]}: frame {i + 1} is {image.Width}x{image.Height}, the first frame is {Info.Width}x{Info.Height}");
            }
            // Record where the size changes, not every frame of a run of the same size.
            if ((image.Width, image.Height) != previous)
            {
                _changes.Add(new FrameSizeChange(i, _files[i], image.Width, image.Height));
                previous = (image.Width, image.Height);
            }
            yield return ToFrame(image, i, Info.Width, Info.Height);
        }
    }

    /// <summary>
    /// The frames from <paramref name="last"/> (0-based) back to the first, for propagating masks
    /// backward in time; sizes, skipped and damaged frames as <see cref="ReadFrames"/> treats them.
    /// </summary>
    public IEnumerable<Frame> ReadFramesBackward(int last, CancellationToken cancellationToken = default)
    {
        for (int i = Math.Min(last, _files.Length - 1); i >= 0; i--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Skips(i)) continue;
            using var image = Load(_files[i], i);
            if ((image.Width != Info.Width || image.Height != Info.Height) && _policy == FrameSizePolicy.Fail)
                throw new VideoFormatException($"{_files[i]}: frame {i + 1} is {image.Width}x{image.Height}, the first frame is {Info.Width}x{Info.Height}");
            yield return ToFrame(image, i, Info.Width, Info.Height);
        }
    }

    private static Mat Load(string file, int index)
    {
        var image = Cv2.ImRead(file, ImreadModes.Color);
        if (image.Empty())
        {
            image.Dispose();
            throw new VideoFormatException($"{file}: frame {index + 1} is not a readable image");
        }
        return image;
    }

    // Copies the image into a width x height BGR24 frame anchored at the top-left corner:
    // extra rows/columns are cut, missing ones stay zero.
    private static Frame ToFrame(Mat image, int index, int width, int height)
    {
        var pixels = new byte[width * height * 3];
        int rows = Math.Min(height, image.Height), rowBytes = Math.Min(width, image.Width) * 3;
        for (int y = 0; y < rows; y++)
        {
            unsafe
            {
                var src = new ReadOnlySpan<byte>((byte*)image.Ptr(y), rowBytes);
                src.CopyTo(pixels.AsSpan(y * width * 3, rowBytes));
            }
        }
        return new Frame(index, width, height, pixels);
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
