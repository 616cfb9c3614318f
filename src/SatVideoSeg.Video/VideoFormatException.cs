namespace SatVideoSeg.Video;

/// <summary>A video or image input that cannot be read; the message names the file and, where known, the frame.</summary>
public sealed class VideoFormatException(string message, Exception? inner = null) : Exception(message, inner);
