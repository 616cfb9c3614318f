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
        Assert.Equal("model sat-unet, 64 px crops, device cpu", lines[0]);
        foreach (int batch in new[] { 1, 4 })
        {
            var row = lines.Single(l => l.StartsWith($"{batch} ")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("2", row[1]);
            Assert.All(row[2..], v => Assert.True(double.Parse(v, System.Globalization.CultureInfo.InvariantCulture) > 0, $"{v} in '{string.Join(" ", row)}'"));
        }
        Assert.StartsWith("best batch over batch 1: ", lines[^1]);
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
