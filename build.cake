// Build targets: Build, Test (C# tests + training smoke test), Demo (segment the committed sample).
var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var cli = $"src/SatVideoSeg.Cli/bin/{configuration}/net10.0/linux-x64/satvidseg.dll";

Task("Build").Does(() =>
{
    DotNetBuild("SatVideoSeg.sln", new DotNetBuildSettings { Configuration = configuration });
});

Task("Test").IsDependentOn("Build").Does(() =>
{
    DotNetTest("SatVideoSeg.sln", new DotNetTestSettings { Configuration = configuration, NoBuild = true });
    if (DirectoryExists("training/tests"))
    {
        var code = StartProcess("/usr/bin/python3", new ProcessSettings { Arguments = "-m unittest discover -s training/tests -v" });
        if (code != 0) throw new Exception($"training smoke test failed (exit {code})");
    }
});

Task("Demo").IsDependentOn("Build").Does(() =>
{
    var code = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = $"{cli} segment videos/synth-sample/video.mp4 --boxes videos/synth-sample/boxes.mot.txt --out out/demo",
    });
    if (code != 0) throw new Exception($"demo failed (exit {code})");
});

RunTarget(target);
