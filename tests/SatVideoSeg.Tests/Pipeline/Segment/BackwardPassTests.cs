using SatVideoSeg.Pipeline.Segment;

namespace SatVideoSeg.Tests.Pipeline.Segment;

public class BackwardPassTests
{
    // A track whose boxes are used on frames 9, 19 and 29 (--boxes-every 10 from frame 9).
    private static readonly int[] Used = [9, 19, 29];

    [Theory]
    [InlineData(0, true)]   // before the first box: only the backward pass reaches it
    [InlineData(8, true)]
    [InlineData(9, false)]  // a box's own frame: the forward pass prompts with the box
    [InlineData(12, false)] // 3 frames after a box, 7 before the next: forward
    [InlineData(14, false)] // halfway: forward
    [InlineData(15, true)]  // 6 after, 4 before the next: backward
    [InlineData(28, true)]
    [InlineData(29, false)]
    [InlineData(35, false)] // after the last box: no backward pass reaches it
    public void Both_Ways_Each_Frame_Takes_The_Pass_Whose_Box_Is_Strictly_Nearer(int frame, bool backward) =>
        Assert.Equal(backward, BackwardPass.NearerTheNextBox(Used, frame));
}
