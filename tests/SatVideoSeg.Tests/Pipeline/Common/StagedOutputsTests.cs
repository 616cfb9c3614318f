using SatVideoSeg.Core.Files;
using SatVideoSeg.Pipeline.Common;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Pipeline.Common;

public class StagedOutputsTests
{
    private static string[] Entries(string folder) =>
        Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Nothing_Appears_Until_Publish_Then_Every_Output_At_Once()
    {
        using var dir = new TempDir();
        using var staged = new StagedOutputs();
        File.WriteAllText(staged.Stage(dir.File("a.txt")), "a");
        string frames = staged.StageFolder(dir.File("frames"));
        File.WriteAllText(Path.Combine(frames, "0.png"), "png");
        File.WriteAllText(staged.Stage(dir.File("sub/b.txt")), "b");

        Assert.False(File.Exists(dir.File("a.txt")) || Directory.Exists(dir.File("frames")) || File.Exists(dir.File("sub/b.txt")));
        staged.Publish();

        Assert.Equal(["a.txt", "frames", Path.Combine("frames", "0.png"), "sub", Path.Combine("sub", "b.txt")], Entries(dir.Path));
        Assert.Equal("b", File.ReadAllText(dir.File("sub/b.txt")));
    }

    [Fact]
    public void An_Unpublished_Set_Leaves_No_Staged_File_Nor_The_Folders_Made_For_It()
    {
        using var dir = new TempDir();
        using (var staged = new StagedOutputs())
        {
            File.WriteAllText(staged.Stage(dir.File("deep/er/a.txt")), "a");
            File.WriteAllText(Path.Combine(staged.StageFolder(dir.File("frames")), "0.png"), "png");
        }

        Assert.Empty(Entries(dir.Path));
    }

    [Fact]
    public void A_Publish_That_Fails_Part_Way_Puts_Back_The_Files_It_Had_Replaced()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("a.txt"), "old a");
        Directory.CreateDirectory(dir.File("b.txt")); // a folder where the second output goes: its rename fails
        File.WriteAllText(dir.File("b.txt/keep"), "the user's");
        using var staged = new StagedOutputs();
        File.WriteAllText(staged.Stage(dir.File("a.txt")), "new a");
        File.WriteAllText(staged.Stage(dir.File("b.txt")), "new b");

        var e = Assert.Throws<IOException>(staged.Publish);

        Assert.Contains("b.txt: a folder is in the way of this output", e.Message);
        Assert.Equal("old a", File.ReadAllText(dir.File("a.txt")));
        Assert.Equal("the user's", File.ReadAllText(dir.File("b.txt/keep")));
        staged.Dispose();
        Assert.Equal(["a.txt", "b.txt", Path.Combine("b.txt", "keep")], Entries(dir.Path));
    }

    [Fact]
    public void An_Output_Staged_But_Never_Written_Fails_The_Publish_Before_Anything_Moves()
    {
        using var dir = new TempDir();
        using var staged = new StagedOutputs();
        File.WriteAllText(staged.Stage(dir.File("a.txt")), "a");
        staged.Stage(dir.File("never.txt"));

        var e = Assert.Throws<IOException>(staged.Publish);

        Assert.Contains("never.txt: the run staged this output but never wrote it", e.Message);
        Assert.False(File.Exists(dir.File("a.txt")));
    }

    [Fact]
    public void An_Owner_Removes_What_A_Killed_Run_Staged_For_The_Same_Output_And_Others_Keep_It()
    {
        using var dir = new TempDir();
        string killed = PartialFileName.For(dir.File("a.txt")).Replace($".{Environment.ProcessId}-", ".999999-");
        File.WriteAllText(killed, "staged by a run killed with SIGKILL");
        Directory.CreateDirectory(dir.File("frames.999999-1.partial"));

        using (var shared = new StagedOutputs()) shared.Stage(dir.File("a.txt"));
        Assert.True(File.Exists(killed));
        using (var owner = new StagedOutputs(ownsDestinations: true))
        {
            owner.Stage(dir.File("a.txt"));
            owner.StageFolder(dir.File("frames"));
        }

        Assert.Empty(Entries(dir.Path));
    }
}
