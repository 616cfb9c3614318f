using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Segmentation.Sam;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Segmentation.Sam;

/// <summary>A box-echo model folder (training/make_box_echo.py), made once per test class.</summary>
public sealed class BoxEchoModelFixture : IDisposable
{
    private readonly TempDir _dir = new();

    /// <summary>Writes the model folder.</summary>
    public BoxEchoModelFixture()
    {
        Folder = Path.Combine(_dir.Path, "box-echo");
        TrainingPython.Run("make_box_echo.py", "--out", Folder);
    }

    /// <summary>The model folder.</summary>
    public string Folder { get; }

    /// <inheritdoc />
    public void Dispose() => _dir.Dispose();
}

/// <summary>
/// The segmenter's plumbing checked without a trained model: real ONNX files run by ONNX Runtime
/// whose logits are the signed distance to the prompt box (training/make_box_echo.py), so the
/// expected mask is worked out from the box alone (<see cref="BitMask.FromBox"/>: the pixels
/// whose centres lie inside it). A wrong crop window, coordinate scale, batch order, resize or
/// paste-back moves or reshapes the mask and fails here, whatever a real model would have made of
/// the pixels.
/// </summary>
public class SamPlumbingTests(BoxEchoModelFixture echo) : IClassFixture<BoxEchoModelFixture>
{
    private const int W = 160, H = 120;

    // Interior boxes of several sizes and aspects (no edge through a pixel centre, where the distance is 0 and the pixel is out).
    private static readonly BoxXyxy[] Interior =
    [
        new(20, 30, 34, 37),     // 14 x 7: longer side sets the window (22 px)
        new(84, 56, 96, 64),     // 12 x 8
        new(60, 90, 64, 93),     // 4 x 3: the 16 px minimum window
        new(100, 10, 140, 50),   // 40 x 40
        new(10.25, 70, 30.75, 76), // edges between pixel centres: pixels 10..30 inside
        new(120, 80, 123, 111),  // 3 x 31: tall and thin
    ];

    private static Frame Grey() => new(0, W, H, Enumerable.Repeat((byte)90, W * H * 3).ToArray());

    private static ObjectPrompt[] Prompts(IEnumerable<BoxXyxy> boxes) =>
        boxes.Select((b, i) => new ObjectPrompt(i + 1, ObjectClass.Car, b)).ToArray();

    private IReadOnlyList<SegmentedObject> Segment(ObjectPrompt[] prompts, Func<SamOptions, SamOptions> configure)
    {
        using var model = SamModel.Load(echo.Folder);
        using var sam = new SamSegmenter(model, configure(SamOptions.FromManifest(model.Manifest)), ownsModel: false);
        return sam.Segment(Grey(), prompts);
    }

    // allowCorners: where the model's grid is coarser than the frame's pixels, bilinear resampling
    // of the distance (a minimum of two distances at a corner) dips below 0 in the box's four
    // corner pixels; a wrong transform moves whole edges instead.
    private static void AssertMaskIsItsBox(ObjectPrompt prompt, SegmentedObject result, bool allowCorners = false)
    {
        var expected = BitMask.FromBox(prompt.Box, W, H);
        Assert.Equal(prompt.TrackId, result.Prompt.TrackId);
        Assert.True(expected.Rect == result.Mask.Rect, $"prompt {prompt.TrackId} {prompt.Box}: mask rect {result.Mask.Rect}, box pixels {expected.Rect}");
        var wrong = Enumerable.Range(0, expected.Data.Length).Where(i => expected.Data[i] != result.Mask.Data[i])
            .Select(i => (X: expected.Rect.X + i % expected.Rect.Width, Y: expected.Rect.Y + i / expected.Rect.Width)).ToArray();
        var r = expected.Rect;
        (int, int)[] corners = [(r.X, r.Y), (r.Right - 1, r.Y), (r.X, r.Bottom - 1), (r.Right - 1, r.Bottom - 1)];
        if (allowCorners) wrong = wrong.Except(corners).ToArray();
        Assert.True(wrong.Length == 0, $"prompt {prompt.TrackId} {prompt.Box}: pixels {string.Join(' ', wrong)} differ");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)] // crops of different sizes in one batch: a mix-up of batch items shows here
    [InlineData(8)]
    public void Each_Prompt_Gets_Exactly_Its_Box_Back_Whatever_The_Batch_Size(int batchSize)
    {
        var prompts = Prompts(Interior);

        var result = Segment(prompts, o => o with { BatchSize = batchSize });

        Assert.Equal(prompts.Length, result.Count);
        for (int i = 0; i < prompts.Length; i++) AssertMaskIsItsBox(prompts[i], result[i]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // ROS-SAM's rule: the window is not moved, the part past the frame is zero padding
    public void A_Box_At_The_Frame_Edge_Or_Corner_Gets_Its_Box_Back_Inside_The_Frame(bool shiftInside)
    {
        var prompts = Prompts([new(0, 0, 9, 6), new(151, 0, 160, 8), new(0, 113, 12, 120), new(150, 110, 160, 120), new(70, 0, 90, 5)]);

        var result = Segment(prompts, o => o with { Crop = o.Crop with { ShiftInside = shiftInside } });

        for (int i = 0; i < prompts.Length; i++) AssertMaskIsItsBox(prompts[i], result[i]);
    }

    [Fact]
    public void Whole_Frame_Mode_Maps_The_Frame_To_The_Model_And_The_Masks_Back()
    {
        // One 64 px grid for the 160 x 120 frame: 2.5 frame pixels per cell; boxes with edges on
        // cell boundaries (multiples of 2.5 px) come back exactly but for their corner pixels.
        var prompts = Prompts([new(20, 30, 40, 50), new(100, 10, 140, 45), new(5, 80, 65, 115)]);

        var result = Segment(prompts, o => o with { WholeFrame = true });

        for (int i = 0; i < prompts.Length; i++) AssertMaskIsItsBox(prompts[i], result[i], allowCorners: true);
    }
}
