namespace SatVideoSeg.Segmentation.Sam;

/// <summary>The execution device asked for cannot run here (no CUDA libraries, no GPU); the message is one line that says what is missing.</summary>
public sealed class DeviceUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
