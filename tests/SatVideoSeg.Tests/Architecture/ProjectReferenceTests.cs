using System.Text.RegularExpressions;
using System.Xml.Linq;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Architecture;

/// <summary>
/// Guards the layering of ../shared/docs/ARCHITECTURE.md ("Projects"): reads the ProjectReference
/// items of every .csproj in the repository, as committed, and compares them with the graph below.
/// </summary>
public class ProjectReferenceTests
{
    /// <summary>
    /// Every project and the projects it may reference directly. A project missing from this table
    /// fails the test, so a new project has to say where it sits.
    /// </summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        // Value types, metrics and tracking kernels: no I/O, no native code, so it references nothing of ours.
        ["SatVideoSeg.Core"] = [],
        // The OpenCV bridge (PinnedMat: a Mat over a Core frame's pixels); only Core's Frame.
        ["SatVideoSeg.OpenCv"] = ["SatVideoSeg.Core"],
        // Frame sources, sinks and rendering: Core's frames and masks, OpenCv's Mat views.
        ["SatVideoSeg.Video"] = ["SatVideoSeg.Core", "SatVideoSeg.OpenCv"],
        // Segmenters: Core's prompts and masks, OpenCv's Mat views for preprocessing and GrabCut.
        // Not Video: a segmenter takes frames, it does not decode or render them.
        ["SatVideoSeg.Segmentation"] = ["SatVideoSeg.Core", "SatVideoSeg.OpenCv"],
        // Benchmark readers and dataset writers: Core's types, Video's frame listing (FramesFolder).
        ["SatVideoSeg.Datasets"] = ["SatVideoSeg.Core", "SatVideoSeg.Video"],
        // The synthetic generator draws into Core frames with its own rasteriser.
        ["SatVideoSeg.Synth"] = ["SatVideoSeg.Core"],
        // The jobs wire every stage together, so they may use all of the above (not the Cli).
        ["SatVideoSeg.Pipeline"] = ["SatVideoSeg.Core", "SatVideoSeg.Video", "SatVideoSeg.Segmentation", "SatVideoSeg.Datasets", "SatVideoSeg.Synth"],
        // One thin command per Pipeline job.
        ["SatVideoSeg.Cli"] = ["SatVideoSeg.Pipeline"],
        // Kernel micro-benchmarks measure Segmentation's crop/paste/preprocess (Core and OpenCv come with it).
        ["SatVideoSeg.Benchmarks"] = ["SatVideoSeg.Segmentation"],
        // The tests run the CLI in-process, which brings every project.
        ["SatVideoSeg.Tests"] = ["SatVideoSeg.Cli"],
    };

    private static IEnumerable<string> ProjectFiles() =>
        new[] { "src", "benchmarks", "tests" }
            .Select(folder => Path.Combine(RepoPaths.Root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.csproj", SearchOption.AllDirectories))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "bin-gpu" or "obj-gpu"));

    private static string NameOf(string csproj) => Path.GetFileNameWithoutExtension(csproj);

    /// <summary>The project names a .csproj references (all ItemGroups, whatever their conditions).</summary>
    internal static IReadOnlyList<string> ReferencesOf(string csproj) =>
        XDocument.Load(csproj).Descendants("ProjectReference")
            .Select(e => (string?)e.Attribute("Include") ?? throw new InvalidDataException($"{csproj}: a ProjectReference without Include"))
            .Select(include => Path.GetFileNameWithoutExtension(include.Replace('\\', '/')))
            .ToList();

    [Fact]
    public void Every_Project_Is_In_The_Allowed_Graph()
    {
        var names = ProjectFiles().Select(NameOf).ToList();

        Assert.Contains("SatVideoSeg.Core", names); // the scan found the repository's projects at all
        Assert.All(names, name => Assert.True(Allowed.ContainsKey(name), $"{name} is not in ProjectReferenceTests.Allowed: say which projects it may reference"));
    }

    [Fact]
    public void No_Project_References_One_It_May_Not_Use()
    {
        var forbidden = ProjectFiles()
            .Where(p => Allowed.ContainsKey(NameOf(p)))
            .SelectMany(p => ReferencesOf(p).Where(r => !Allowed[NameOf(p)].Contains(r)).Select(r => $"{NameOf(p)} -> {r}"))
            .ToList();

        Assert.True(forbidden.Count == 0, "forbidden project references: " + string.Join(", ", forbidden));
    }

    [Fact]
    public void Segmentation_Does_Not_Reference_Video()
    {
        // The edge this guard was written for (issue 19): named on its own so its failure reads plainly.
        var segmentation = ProjectFiles().Single(p => NameOf(p) == "SatVideoSeg.Segmentation");

        Assert.DoesNotContain("SatVideoSeg.Video", ReferencesOf(segmentation));
    }

    [Fact]
    public void Every_Project_Reference_Is_Used_By_Some_Source_File()
    {
        // A reference is used when a .cs file of the project names one of the referenced
        // project's namespaces (all of ours are rooted at the project's name).
        var unused = new List<string>();
        foreach (var csproj in ProjectFiles())
        {
            var folder = Path.GetDirectoryName(csproj)!;
            var sources = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "bin-gpu" or "obj-gpu"))
                .Select(File.ReadAllText)
                .ToList();
            foreach (var reference in ReferencesOf(csproj))
            {
                var named = new Regex(@"\b" + Regex.Escape(reference) + @"(\.|;|\b)");
                if (!sources.Any(text => named.IsMatch(text))) unused.Add($"{NameOf(csproj)} -> {reference}");
            }
        }

        Assert.True(unused.Count == 0, "project references no source file uses: " + string.Join(", ", unused));
    }

    [Fact]
    public void The_Readme_Layout_Table_Shows_The_Same_Graph()
    {
        // README "## Layout": one row per project, "| `src/Name` | what | Core, Video (why) |";
        // short names there, words in parentheses are explanations.
        var readme = File.ReadAllLines(Path.Combine(RepoPaths.Root, "README.md"));
        var rows = readme
            .SkipWhile(line => line != "## Layout")
            .TakeWhile(line => !line.StartsWith("Data terms", StringComparison.Ordinal))
            .Select(line => Regex.Match(line, @"^\| `(?:src|benchmarks|tests)/(SatVideoSeg\.[A-Za-z]+)` \|.*\| ([^|]*) \|$"))
            .Where(m => m.Success)
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

        Assert.Equal(Allowed.Keys.Order(), rows.Keys.Order());
        foreach (var (project, cell) in rows)
        {
            var listed = Regex.Replace(cell, @"\([^)]*\)", "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Where(name => name != "none")
                .Select(name => "SatVideoSeg." + name);
            Assert.True(Allowed[project].Order().SequenceEqual(listed.Order()), $"README lists {project} -> {cell}; the test allows {string.Join(", ", Allowed[project])}");
        }
    }
}
