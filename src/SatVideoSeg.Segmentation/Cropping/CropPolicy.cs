using SatVideoSeg.Core.Geometry;

namespace SatVideoSeg.Segmentation.Cropping;

/// <summary>How the square crop around an object is chosen (ROS-SAM pipeline, FORMATS.md §2).</summary>
/// <param name="Adaptive">False: side = inputSize / upsampleFactor (ROS-SAM). True: side = contextFactor x the box's longer side (SOPSeg-style size-adaptive magnification).</param>
/// <param name="UpsampleFactor">Fixed mode's magnification (2 in ROS-SAM).</param>
/// <param name="ContextFactor">Adaptive mode's crop side over the box's longer side.</param>
/// <param name="MinSide">Adaptive mode's smallest side in pixels (tiny objects stop gaining magnification).</param>
/// <param name="ShiftInside">True: move the window inside the frame near borders. False: keep it centred and zero-pad, as the reference does.</param>
public sealed record CropPolicy(bool Adaptive, double UpsampleFactor, double ContextFactor, int MinSide, bool ShiftInside)
{
    /// <summary>The window for a box in a width x height frame, for an encoder of side inputSize.</summary>
    public CropWindow WindowFor(BoxXyxy box, int width, int height, int inputSize)
    {
        // The same rule the shipped model was trained with (training/common.py crop_window):
        // side = round(max(context x longer side, min side)), left = floor(cx - side/2 + 0.5).
        int side = Adaptive
            ? (int)Math.Round(Math.Max(ContextFactor * Math.Max(box.Width, box.Height), MinSide), MidpointRounding.ToEven)
            : Math.Max(1, (int)Math.Round(inputSize / UpsampleFactor));
        int x = (int)Math.Floor(box.CenterX - side / 2.0 + 0.5);
        int y = (int)Math.Floor(box.CenterY - side / 2.0 + 0.5);
        if (ShiftInside)
        {
            // Move inside where the frame is big enough; a frame smaller than the window stays padded.
            x = side <= width ? Math.Clamp(x, 0, width - side) : (width - side) / 2;
            y = side <= height ? Math.Clamp(y, 0, height - side) : (height - side) / 2;
        }
        return new CropWindow(x, y, side);
    }
}
