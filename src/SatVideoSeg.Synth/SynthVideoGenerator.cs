using SatVideoSeg.Synth.Actors;
using SatVideoSeg.Synth.Rendering;
using SatVideoSeg.Synth.Scene;

namespace SatVideoSeg.Synth;

/// <summary>
/// Generates procedural satellite-like videos with exact per-frame instance masks: airplanes,
/// ships with wakes, articulated trains and cars moving over textured terrain with roads, an
/// airport, a railway and water, seen through a blurry, noisy sensor with drifting illumination.
/// Pure and deterministic: no I/O, and the same options (including the seed) give byte-identical
/// frames and masks on every run.
/// </summary>
public sealed class SynthVideoGenerator
{
    /// <summary>
    /// Streams the video frame by frame. The static scene is rendered once up front; each frame
    /// then costs one copy plus the objects and the sensor model, and nothing is kept between
    /// frames except reusable buffers, so memory does not grow with <see cref="SynthOptions.FrameCount"/>.
    /// Each yielded <see cref="SynthFrame"/> owns a fresh pixel buffer.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid (thrown at the call, not on first iteration); the message lists every problem.</exception>
    public IEnumerable<SynthFrame> Generate(SynthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return GenerateValidated(options);
    }

    private static IEnumerable<SynthFrame> GenerateValidated(SynthOptions options)
    {
        // One random stream, consumed in a fixed order (layout, scenery, sensor, objects), is what
        // makes a seed reproduce the same video.
        var random = new Random(options.Seed);
        var layout = new SceneLayout(options.Width, options.Height, random);
        var backdrop = BackdropBuilder.Build(layout, options.Seed, random);
        var sensor = new SensorModel(options, random);
        var actors = ActorCast.Create(options, layout, random);
        var composer = new FrameComposer(options.Width, options.Height, backdrop, actors, sensor);
        for (int index = 0; index < options.FrameCount; index++) yield return composer.Compose(index);
    }
}
