using SatVideoSeg.Core.Detections;
using SatVideoSeg.Synth;

namespace SatVideoSeg.Tests.Synth;

public class SynthVideoGeneratorTests
{
    // Small frames keep the suite fast: the layout scales with the frame, object sizes in pixels do not.
    private static readonly SynthOptions Small = new() { Seed = 7, Width = 256, Height = 192, FrameCount = 20 };

    private static List<SynthFrame> Run(SynthOptions options) => [.. new SynthVideoGenerator().Generate(options)];

    [Fact]
    public void Generate_Is_Deterministic_For_A_Seed()
    {
        var first = Run(Small);
        var second = Run(Small);

        Assert.Equal(first.Count, second.Count);
        for (int f = 0; f < first.Count; f++)
        {
            Assert.Equal(first[f].Frame.Pixels, second[f].Frame.Pixels);
            Assert.Equal(first[f].Objects.Count, second[f].Objects.Count);
            for (int i = 0; i < first[f].Objects.Count; i++)
            {
                SynthObject a = first[f].Objects[i], b = second[f].Objects[i];
                Assert.Equal(a.TrackId, b.TrackId);
                Assert.Equal(a.Class, b.Class);
                Assert.Equal(a.Box, b.Box);
                Assert.Equal(a.Mask.Rect, b.Mask.Rect);
                Assert.Equal(a.Mask.Data, b.Mask.Data);
                Assert.Equal(a.Angle, b.Angle);
                Assert.Equal(a.VisibleFraction, b.VisibleFraction);
            }
        }
    }

    [Fact]
    public void Different_Seeds_Give_Different_Videos()
    {
        var one = Run(Small with { FrameCount = 2 });
        var other = Run(Small with { FrameCount = 2, Seed = 8 });

        Assert.NotEqual(one[0].Frame.Pixels, other[0].Frame.Pixels);
    }

    [Fact]
    public void Generate_Yields_FrameCount_Frames_Of_The_Requested_Size_With_0_Based_Indices()
    {
        var frames = Run(Small with { Width = 200, Height = 150, FrameCount = 5 });

        Assert.Equal(5, frames.Count);
        for (int f = 0; f < frames.Count; f++)
        {
            Assert.Equal(f, frames[f].Frame.Index);
            Assert.Equal(200, frames[f].Frame.Width);
            Assert.Equal(150, frames[f].Frame.Height);
            foreach (var o in frames[f].Objects)
            {
                Assert.Equal(200, o.Mask.FrameWidth);
                Assert.Equal(150, o.Mask.FrameHeight);
            }
        }
    }

    [Fact]
    public void Frames_Are_Streamed_One_At_A_Time()
    {
        // A million frames would never fit in memory; taking two must still be quick.
        var frames = new SynthVideoGenerator().Generate(Small with { FrameCount = 1_000_000 }).Take(2).ToList();

        Assert.Equal(2, frames.Count);
        Assert.NotSame(frames[0].Frame.Pixels, frames[1].Frame.Pixels);
    }

    [Fact]
    public void Masks_Of_One_Frame_Never_Overlap()
    {
        // Crowded on purpose: many objects of every class on a small frame must occlude each other.
        var crowded = Small with { Airplanes = 8, Ships = 8, Trains = 4, Cars = 24 };
        foreach (var frame in Run(crowded))
        {
            var objects = frame.Objects;
            for (int i = 0; i < objects.Count; i++)
            {
                for (int j = i + 1; j < objects.Count; j++)
                    Assert.Equal(0, objects[i].Mask.IntersectionArea(objects[j].Mask));
            }
        }
    }

    [Fact]
    public void Every_Box_Is_The_Tight_Box_Of_Its_Mask()
    {
        foreach (var frame in Run(Small))
        {
            foreach (var o in frame.Objects)
                Assert.Equal(o.Mask.TightRect().ToBox(), o.Box);
        }
    }

    [Fact]
    public void Listed_Objects_Have_Trimmed_Non_Empty_Masks_And_A_Visible_Fraction_In_0_1()
    {
        foreach (var frame in Run(Small))
        {
            foreach (var o in frame.Objects)
            {
                Assert.True(o.Mask.Area > 0, $"frame {frame.Frame.Index}, track {o.TrackId}: empty mask listed");
                Assert.Equal(o.Mask.TightRect(), o.Mask.Rect);
                Assert.InRange(o.VisibleFraction, double.Epsilon, 1.0);
                Assert.InRange(o.Angle, -Math.PI, Math.PI);
            }
        }
    }

    [Fact]
    public void Objects_Are_Listed_In_Track_Id_Order_With_1_Based_Ids_Unique_In_A_Frame()
    {
        foreach (var frame in Run(Small))
        {
            var ids = frame.Objects.Select(o => o.TrackId).ToList();
            Assert.All(ids, id => Assert.True(id >= 1));
            Assert.Equal(ids.OrderBy(id => id), ids);
            Assert.Equal(ids.Count, ids.Distinct().Count());
        }
    }

    [Fact]
    public void A_Track_Keeps_Its_Class_In_Every_Frame()
    {
        var classOf = new Dictionary<int, ObjectClass>();
        foreach (var frame in Run(Small))
        {
            foreach (var o in frame.Objects)
            {
                if (classOf.TryGetValue(o.TrackId, out var known)) Assert.Equal(known, o.Class);
                else classOf[o.TrackId] = o.Class;
            }
        }
    }

    [Fact]
    public void All_Four_Classes_Appear_With_Default_Counts()
    {
        var seen = Run(Small).SelectMany(f => f.Objects).Select(o => o.Class).ToHashSet();

        Assert.Equal(ObjectClasses.Known.ToHashSet(), seen);
    }

    [Fact]
    public void The_Default_Sample_Shows_About_15_Objects()
    {
        var tracks = Run(new SynthOptions { FrameCount = 10 }).SelectMany(f => f.Objects).Select(o => o.TrackId).ToHashSet();

        // 4 airplanes + 4 ships + 2 trains + 6 cars = 16 casts; a train may still be off screen this early.
        Assert.InRange(tracks.Count, 14, 16);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public void Class_Counts_Are_Respected(int seed)
    {
        var onlyShips = Small with { Seed = seed, Airplanes = 0, Ships = 3, Trains = 0, Cars = 0 };
        var objects = Run(onlyShips).SelectMany(f => f.Objects).ToList();

        // ActorCast's contract: every cast object is on screen for part of the video, and track
        // ids are 1-based in the order airplanes, ships, trains, cars; with no airplanes the three
        // ships are exactly tracks 1, 2 and 3.
        Assert.All(objects, o => Assert.Equal(ObjectClass.Ship, o.Class));
        Assert.Equal([1, 2, 3], objects.Select(o => o.TrackId).Distinct().Order().ToArray());
    }

    [Fact]
    public void An_Empty_Scene_Has_No_Objects()
    {
        var empty = Small with { Airplanes = 0, Ships = 0, Trains = 0, Cars = 0, FrameCount = 3 };

        Assert.All(Run(empty), f => Assert.Empty(f.Objects));
    }

    [Fact]
    public void Cars_Are_8_To_14_Pixels_Long_Along_Their_Heading()
    {
        int measured = 0;
        foreach (var frame in Run(Small with { Cars = 12 }))
        {
            foreach (var car in frame.Objects.Where(o => o.Class == ObjectClass.Car && o.VisibleFraction >= 1))
            {
                // Extent of the pixel centres projected on the heading, plus one pixel for the pixel's own
                // width. The pixel-centre rule can lose up to ~1 px of a 8-px body and gain up to 1 px
                // on a 14-px one, hence the half-open tolerance below.
                double ux = Math.Cos(car.Angle), uy = Math.Sin(car.Angle), low = double.MaxValue, high = double.MinValue;
                var rect = car.Mask.Rect;
                for (int y = rect.Y; y < rect.Bottom; y++)
                {
                    for (int x = rect.X; x < rect.Right; x++)
                    {
                        if (!car.Mask[x, y]) continue;
                        double along = (x + 0.5) * ux + (y + 0.5) * uy;
                        low = Math.Min(low, along);
                        high = Math.Max(high, along);
                    }
                }
                Assert.InRange(high - low + 1, 7.0, 15.0);
                measured++;
            }
        }
        Assert.True(measured > 0, "no fully visible car to measure");
    }

    [Fact]
    public void At_Least_One_Object_Enters_Or_Leaves_The_Frame()
    {
        var frames = Run(Small);
        var firstSeen = new Dictionary<int, int>();
        var lastSeen = new Dictionary<int, int>();
        foreach (var frame in frames)
        {
            foreach (var o in frame.Objects)
            {
                firstSeen.TryAdd(o.TrackId, frame.Frame.Index);
                lastSeen[o.TrackId] = frame.Frame.Index;
            }
        }

        Assert.Contains(firstSeen.Keys, id => firstSeen[id] > 0 || lastSeen[id] < frames.Count - 1);
    }

    [Fact]
    public void Some_Object_Is_Partly_Hidden_By_The_Frame_Edge_Or_Another_Object()
    {
        var fractions = Run(Small).SelectMany(f => f.Objects).Select(o => o.VisibleFraction);

        Assert.Contains(fractions, v => v < 1);
    }

    [Fact]
    public void Invalid_Options_Throw_At_The_Call_Not_On_First_Iteration()
    {
        var generator = new SynthVideoGenerator();

        var error = Assert.Throws<ArgumentException>(() => generator.Generate(Small with { Width = 10 }));
        Assert.Contains("width must be between 64 and 4096 pixels (got 10)", error.Message);
    }
}
