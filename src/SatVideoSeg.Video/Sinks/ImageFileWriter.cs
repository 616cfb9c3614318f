using OpenCvSharp;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.OpenCv;

namespace SatVideoSeg.Video.Sinks;

/// <summary>
/// Writes one frame as an image file (format from the extension: .png lossless, .jpg quality 95),
/// atomically: encoded in memory, written to a temporary name unique to this run (<see cref="Core.Files.PartialFileName"/>), renamed into place.
/// </summary>
public static class ImageFileWriter
{
    /// <summary>Encodes and writes the frame; the folder is created when missing.</summary>
    public static void Write(string path, Frame frame)
    {
        byte[] bytes;
        using (var pinned = PinnedMat.Of(frame))
        {
            string ext = Path.GetExtension(path).ToLowerInvariant();
            var parameters = ext is ".jpg" or ".jpeg" ? new[] { new ImageEncodingParam(ImwriteFlags.JpegQuality, 95) } : [];
            Cv2.ImEncode(ext, pinned.Mat, out bytes, parameters);
            if (bytes.Length == 0) throw new VideoFormatException($"{path}: OpenCV cannot encode frame {frame.Index + 1} as {ext}");
        }
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = Core.Files.PartialFileName.For(full);
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, full, overwrite: true);
    }
}
