using SatVideoSeg.Synth;

namespace SatVideoSeg.Tests.Synth;

public class SynthOptionsTests
{
    [Fact]
    public void Defaults_Describe_The_Committed_Sample()
    {
        var options = new SynthOptions();

        Assert.Equal((640, 480, 90, 10.0), (options.Width, options.Height, options.FrameCount, options.Fps));
        Assert.Equal((4, 4, 2, 6), (options.Airplanes, options.Ships, options.Trains, options.Cars));
        Assert.True(options.Blur);
        Assert.Empty(options.Problems());
    }

    public static TheoryData<SynthOptions, string> BadOptions => new()
    {
        // Frame sides below the smallest scene that still holds every element.
        { new SynthOptions { Width = 63 }, "width must be between 64 and 4096 pixels (got 63)" },
        { new SynthOptions { Height = 5000 }, "height must be between 64 and 4096 pixels (got 5000)" },
        // An empty video is a caller error, not an empty file.
        { new SynthOptions { FrameCount = 0 }, "frame count must be at least 1 (got 0)" },
        { new SynthOptions { Fps = 0 }, "fps must be a number above 0 and at most 1000 (got 0)" },
        { new SynthOptions { Fps = double.NaN }, "fps must be a number above 0 and at most 1000 (got NaN)" },
        { new SynthOptions { Airplanes = -1 }, "airplanes must be between 0 and 100 (got -1)" },
        { new SynthOptions { Ships = 101 }, "ships must be between 0 and 100 (got 101)" },
        { new SynthOptions { Trains = -2 }, "trains must be between 0 and 100 (got -2)" },
        { new SynthOptions { Cars = 1000 }, "cars must be between 0 and 100 (got 1000)" },
        { new SynthOptions { NoiseSigma = -0.5 }, "noise sigma must be between 0 and 100 grey levels (got -0.5)" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Problems_Name_The_Setting_The_Range_And_The_Value(SynthOptions options, string expected)
    {
        var problem = Assert.Single(options.Problems());
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Validate_Lists_Every_Problem_In_One_Message()
    {
        var options = new SynthOptions { Width = 0, Cars = -1 };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith("invalid synthetic video options: ", error.Message);
        Assert.Contains("width must be between 64 and 4096 pixels (got 0)", error.Message);
        Assert.Contains("cars must be between 0 and 100 (got -1)", error.Message);
    }

    [Fact]
    public void Zero_Noise_Zero_Objects_And_No_Blur_Are_Valid()
    {
        var options = new SynthOptions { NoiseSigma = 0, Blur = false, Airplanes = 0, Ships = 0, Trains = 0, Cars = 0 };

        Assert.Empty(options.Problems());
    }
}
