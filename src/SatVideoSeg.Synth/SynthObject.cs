using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Masks;

namespace SatVideoSeg.Synth;

/// <summary>
/// The ground truth of one object in one synthetic frame.
/// </summary>
/// <param name="TrackId">1-based id, unique in the video and the same in every frame the object appears in.</param>
/// <param name="Class">Airplane, ship, train or car.</param>
/// <param name="Mask">
/// The exact visible footprint, cropped to its tight rectangle: pixels whose centre lies inside the
/// object's polygons (before blur), minus pixels outside the frame and pixels covered by objects
/// drawn later (or by the bridge deck). Masks of one frame never overlap.
/// </param>
/// <param name="Box">The tight edge-coordinate box of <paramref name="Mask"/> (<c>Mask.TightRect().ToBox()</c>).</param>
/// <param name="Angle">Heading (direction of motion) in radians, atan2(dy, dx) in image coordinates (x right, y down), in (-pi, pi].</param>
/// <param name="VisibleFraction">Visible mask area over the full footprint area (in (0, 1]; below 1 when cut by the frame edge or occluded).</param>
public sealed record SynthObject(int TrackId, ObjectClass Class, BitMask Mask, BoxXyxy Box, double Angle, double VisibleFraction);
