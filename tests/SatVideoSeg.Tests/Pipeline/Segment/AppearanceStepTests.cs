using SatVideoSeg.Core.Detections;
using SatVideoSeg.Core.Geometry;
using SatVideoSeg.Core.Imaging;
using SatVideoSeg.Core.Masks;
using SatVideoSeg.Pipeline.Segment;

namespace SatVideoSeg.Tests.Pipeline.Segment;

public class AppearanceStepTests
{
    // A noisy frame with a bright textured 8x6 car at (x, y).
    private static Frame Scene(int index, int x, int y)
    {
        const int w = 64, h = 48;
        var rng = new Random(10 + index);
        var pixels = new byte[w * h * 3];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(60 + rng.Next(10));
        for (int dy = 0; dy < 6; dy++)
            for (int dx = 0; dx < 8; dx++)
            {
                if (x + dx < 0) continue; // the car is partly past the left edge
                int p = ((y + dy) * w + x + dx) * 3;
                byte v = (byte)(dx < 4 ? 240 : 60 + (dx * 37 + dy * 91) % 180); // a textured front
                (pixels[p], pixels[p + 1], pixels[p + 2]) = (v, v, (byte)(255 - v));
            }
        return new Frame(index, w, h, pixels);
    }

    private static SegmentedObject Linked(ObjectPrompt prompt) =>
        new(prompt, BitMask.FromBox(prompt.Box, 64, 48), 0.9, 0.9);

    [Fact]
    public void A_Predicted_Prompt_That_Lags_Behind_Is_Moved_Onto_The_Object()
    {
        var step = new AppearanceStep();
        var annotated = new ObjectPrompt(1, ObjectClass.Car, new BoxXyxy(10, 10, 18, 16));
        step.Remember(Scene(0, 10, 10), [Linked(annotated)]);
        // The car moved to (15, 12); the motion model still expects it near (12, 11).
        var predicted = new ObjectPrompt(1, ObjectClass.Car, new BoxXyxy(11, 10, 20, 17), PromptSource.Predicted);

        var moved = step.Correct(Scene(1, 15, 12), [predicted]).Single();

        Assert.Equal(15, moved.Box.X0, 0.3);
        Assert.Equal(12, moved.Box.Y0, 0.3);
        Assert.Equal(8, moved.Box.Width, 6);
        Assert.Equal(1, step.Corrected);
    }

    [Fact]
    public void Annotated_Prompts_And_Tracks_Without_A_Template_Are_Left_As_They_Are()
    {
        var step = new AppearanceStep();
        var frame = Scene(0, 30, 20);
        var annotated = new ObjectPrompt(1, ObjectClass.Car, new BoxXyxy(5, 5, 13, 11));
        var unknown = new ObjectPrompt(2, ObjectClass.Car, new BoxXyxy(28, 18, 40, 28), PromptSource.Predicted);

        var result = step.Correct(frame, [annotated, unknown]);

        Assert.Equal([annotated, unknown], result);
        Assert.Equal(0, step.Corrected + step.Kept);
    }

    [Fact]
    public void A_Prompt_Whose_Object_Is_Not_In_The_Window_Keeps_Its_Prediction()
    {
        var step = new AppearanceStep();
        step.Remember(Scene(0, 10, 10), [Linked(new ObjectPrompt(1, ObjectClass.Car, new BoxXyxy(10, 10, 18, 16)))]);
        var predicted = new ObjectPrompt(1, ObjectClass.Car, new BoxXyxy(40, 30, 48, 36), PromptSource.Predicted);

        // The car is far from the prediction: only noise in the search window.
        var result = step.Correct(Scene(1, 5, 5), [predicted]).Single();

        Assert.Equal(predicted.Box, result.Box);
        Assert.True(result.AppearanceScore < AppearanceStep.MinScore, $"score {result.AppearanceScore}");
        Assert.Equal(1, step.Kept);
    }

    [Fact]
    public void A_Car_Entering_The_Frame_Is_Prompted_From_The_Edge_To_Where_Its_Front_Is_Found()
    {
        var step = new AppearanceStep();
        // 3 px of the car are in view at the left edge (its front: the car drives right).
        step.Remember(Scene(0, -5, 20), [Linked(new ObjectPrompt(1, ObjectClass.Car, new BoxXyxy(0, 20, 3, 26)))]);
        var predicted = new ObjectPrompt(1, ObjectClass.Car, new BoxXyxy(0, 19, 6, 27), PromptSource.Predicted);

        var moved = step.Correct(Scene(1, -2, 20), [predicted]).Single();

        Assert.Equal(0, moved.Box.X0);
        Assert.Equal(6, moved.Box.X1, 0.3);
        Assert.Equal(20, moved.Box.Y0, 0.3);
    }

    [Fact]
    public void An_Object_First_Seen_At_The_Edge_Takes_Its_First_Whole_Mask_As_Its_Appearance()
    {
        var step = new AppearanceStep();
        step.Remember(Scene(0, -5, 20), [Linked(new ObjectPrompt(1, ObjectClass.Car, new BoxXyxy(0, 20, 3, 26)))]);
        // Later the whole car is in view and its predicted prompt's mask covers it.
        var inView = new ObjectPrompt(1, ObjectClass.Car, new BoxXyxy(9, 19, 19, 27), PromptSource.Predicted);
        step.Remember(Scene(1, 10, 20), [new SegmentedObject(inView, BitMask.FromBox(new BoxXyxy(10, 20, 18, 26), 64, 48), 0.9, 0.9)]);

        var moved = step.Correct(Scene(2, 14, 21), [inView with { Box = new BoxXyxy(11, 19, 21, 27) }]).Single();

        Assert.Equal(new BoxXyxy(14, 21, 22, 27).X0, moved.Box.X0, 0.3);
        Assert.Equal(8, moved.Box.Width, 6);
    }

    [Fact]
    public void A_Template_Of_Fewer_Than_16_Pixels_Moves_Nothing()
    {
        var step = new AppearanceStep();
        // 3x3 px of the car in view at the left edge: too few pixels to tell it from texture.
        step.Remember(Scene(0, -5, 20), [Linked(new ObjectPrompt(1, ObjectClass.Car, new BoxXyxy(0, 20, 3, 23)))]);
        var predicted = new ObjectPrompt(1, ObjectClass.Car, new BoxXyxy(0, 16, 6, 26), PromptSource.Predicted);

        var result = step.Correct(Scene(1, -2, 20), [predicted]).Single();

        Assert.Equal(predicted, result);
        Assert.Null(result.AppearanceScore);
        Assert.Equal(0, step.Corrected + step.Kept);
    }
}
