using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Cli;

public class BenchModelCliTests
{
    [SamModelFact]
    public void Bench_Model_Prints_Encoder_And_Decoder_Time_Per_Crop_For_Each_Batch_Size_Of_The_Shipped_Model()
    {
        var (code, output, errors) = CliRunner.Run("bench", "model", "--model", SamModelFactAttribute.Folder, "--batch", "1,4", "--calls", "2", "--threads", "1");

        Assert.True(code == 0, errors);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("model sat-unet (float32), 64 px crops, device cpu, io-binding", lines[0]);
        foreach (int batch in new[] { 1, 4 })
        {
            var row = lines.Single(l => l.StartsWith($"{batch} ")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("2", row[1]);
            Assert.All(row[2..], v => Assert.True(double.Parse(v, System.Globalization.CultureInfo.InvariantCulture) > 0, $"{v} in '{string.Join(" ", row)}'"));
        }
        Assert.StartsWith("best batch over batch 1: ", lines[^1]);
    }

    [SamModelFact]
    public void Bench_Model_Without_Io_Binding_Says_So_In_Its_Header()
    {
        var (code, output, errors) = CliRunner.Run("bench", "model", "--model", SamModelFactAttribute.Folder, "--batch", "2", "--calls", "1", "--threads", "1", "--io-binding", "off");

        Assert.True(code == 0, errors);
        Assert.Equal("model sat-unet (float32), 64 px crops, device cpu, no io-binding", output.Split('\n')[0].Trim());
    }

    [Theory]
    [InlineData("--io-binding", "maybe", "--io-binding 'maybe' is not on or off")]
    [InlineData("--conv-search", "fastest", "--conv-search 'fastest' is not exhaustive, heuristic or default")]
    [InlineData("--gpu-mem-limit", "-1", "--gpu-mem-limit -1: give MiB")]
    public void Bench_Model_Rejects_A_Device_Setting_It_Does_Not_Know_In_One_Line(string option, string value, string message)
    {
        var (code, output, errors) = CliRunner.Run("bench", "model", option, value);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.StartsWith($"error: {message}", errors.Trim());
        Assert.DoesNotContain('\n', errors.Trim());
    }

    [Theory]
    [InlineData("0", "--batch 0")] // a batch of nothing
    [InlineData("1,x", "--batch '1,x'")] // not a number
    public void Bench_Model_Rejects_A_Batch_List_It_Cannot_Run_In_One_Line(string batch, string named)
    {
        var (code, output, errors) = CliRunner.Run("bench", "model", "--batch", batch);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.StartsWith($"error: {named}", errors.Trim());
        Assert.DoesNotContain('\n', errors.Trim());
    }
}
