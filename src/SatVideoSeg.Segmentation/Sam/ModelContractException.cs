namespace SatVideoSeg.Segmentation.Sam;

/// <summary>A model folder, manifest or ONNX file that does not meet its contract; the message names the file and tensor.</summary>
public sealed class ModelContractException(string message, Exception? inner = null) : Exception(message, inner);
