using SatVideoSeg.Synth.Geometry;
using SatVideoSeg.Synth.Rendering;

namespace SatVideoSeg.Synth.Actors;

/// <summary>One filled polygon of an object's body. The union of an object's parts is its mask footprint.</summary>
internal readonly record struct ShapePart(Vec2[] Polygon, Bgr Colour);
