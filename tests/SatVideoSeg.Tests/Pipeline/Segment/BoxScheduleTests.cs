using SatVideoSeg.Pipeline.Segment;

namespace SatVideoSeg.Tests.Pipeline.Segment;

public class BoxScheduleTests
{
    public static TheoryData<string, BoxSchedule, int, int[]> Cases => new()
    {
        // Object first annotated in frame 9 (0-based), frames 0-20.
        { "every box", BoxSchedule.All, 9, [9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20] },
        { "every 5th from the object's first", BoxSchedule.Every(5), 9, [9, 14, 19] },
        { "first only", BoxSchedule.InitOnly, 9, [9] },
        { "every 1 is every box", BoxSchedule.Every(1), 0, Enumerable.Range(0, 21).ToArray() },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Uses_Picks_The_Scheduled_Frames(string name, BoxSchedule schedule, int first, int[] expected)
    {
        var used = Enumerable.Range(0, 21).Where(f => schedule.Uses(first, f)).ToArray();

        Assert.True(expected.SequenceEqual(used), $"{name}: {string.Join(",", used)}");
    }

    [Fact]
    public void Every_Rejects_Intervals_Below_One_And_Names_Itself()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BoxSchedule.Every(0));
        Assert.Equal("every 5 frames", BoxSchedule.Every(5).ToString());
        Assert.Equal("init-only", BoxSchedule.InitOnly.ToString());
        Assert.True(BoxSchedule.All.IsDense);
        Assert.False(BoxSchedule.InitOnly.IsDense);
    }
}
