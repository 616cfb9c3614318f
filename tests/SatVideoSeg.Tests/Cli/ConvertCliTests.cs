using SatVideoSeg.Cli;
using SatVideoSeg.Tests.Support;
using Spectre.Console;

namespace SatVideoSeg.Tests.Cli;

public class ConvertCliTests
{
    private static (int Code, string Output, string Errors) Run(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });
        console.Profile.Width = 200;
        int code = CliApp.RunAsync(args, console, errors).GetAwaiter().GetResult();
        return (code, output.ToString(), errors.ToString());
    }

    [Fact]
    public void Synth_Layout_Then_Convert_Runs_In_Process_Logs_Each_Sequence_And_Resumes()
    {
        using var dir = new TempDir();
        string input = dir.File("viso"), output = dir.File("out");

        var synth = Run("synth", "--layout", "viso", "--frames", "3", "--width", "160", "--height", "120", "--airplanes", "1", "--ships", "1", "--trains", "1", "--cars", "2", "--out", input);
        var first = Run("convert", input, "--to", "mots,davis", "-s", "box", "--out", output);
        var again = Run("convert", input, "--to", "mots,davis", "-s", "box", "--out", output);

        Assert.True(synth.Code == 0, synth.Errors);
        Assert.True(first.Code == 0, first.Errors);
        // The airplane appears only in frame 5, so 3 frames hold cars, a ship and a train: one VISO sequence per class.
        Assert.Contains("[1/3] car-001: 3 frames converted", first.Output);
        Assert.Contains("[3/3] train-001: 3 frames converted", first.Output);
        Assert.Contains("done: 3/3 sequences (viso)", first.Output);
        Assert.Contains("[1/3] car-001: 3 frames (already done, skipped)", again.Output);
        Assert.True(File.Exists(Path.Combine(output, "mots", "classes.txt")));
        Assert.False(Directory.Exists(Path.Combine(output, "ytvis")));
    }

    [Fact]
    public void An_Ambiguous_Folder_Gives_One_Line_Naming_The_Candidates_And_Exit_Code_1()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("a/gt"));
        File.WriteAllText(dir.File("a/gt/gt.txt"), "1,1,0,0,2,2,1,4\n");
        Directory.CreateDirectory(dir.File("b"));
        File.WriteAllText(dir.File("b/groundtruth.txt"), "0,0,2,2\n");

        var (code, _, errors) = Run("convert", dir.Path, "-s", "box", "--out", dir.File("out"));

        Assert.Equal(1, code);
        Assert.Contains("ambiguous benchmark layout", errors);
        Assert.Contains("mot (1 sequence), sot (1 sequence)", errors);
    }

    [Theory]
    [InlineData("--to", "png")]
    [InlineData("--from", "kitti")]
    [InlineData("--shard", "4/4")]
    public void A_Bad_Option_Value_Is_One_Clear_Line_And_Exit_Code_1(string option, string value)
    {
        using var dir = new TempDir();

        var (code, _, errors) = Run("convert", dir.Path, option, value, "--out", dir.File("out"));

        Assert.Equal(1, code);
        Assert.Contains(value, errors);
        Assert.Single(errors.Trim().Split('\n'));
    }
}
