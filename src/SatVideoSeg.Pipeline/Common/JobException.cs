namespace SatVideoSeg.Pipeline.Common;

/// <summary>A job that cannot run with the inputs given; the message says what is wrong and where.</summary>
public sealed class JobException(string message, Exception? inner = null) : Exception(message, inner);
