using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Segmentation.Sam;

/// <summary>
/// The "bring your own SAM" path as a user runs it, once per test class: a checkpoint in the
/// official layout (random weights, tiny configuration of the real architecture, SAM and HQ-SAM),
/// turned into model folders by training/export_sam.py with its torch golden outputs.
/// </summary>
public sealed class ExportedSamFixture : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly Dictionary<string, (string Checkpoint, string Folder)> _models = [];

    /// <summary>"sam" or "hq": the checkpoint file and the exported model folder.</summary>
    public (string Checkpoint, string Folder) this[string kind]
    {
        get
        {
            lock (_models)
            {
                if (_models.TryGetValue(kind, out var made)) return made;
                string checkpoint = Path.Combine(_dir.Path, $"{kind}_tiny.pth");
                string folder = Path.Combine(_dir.Path, $"{kind}-tiny");
                TrainingPython.Run("make_random_sam.py", ["--config", "tiny", .. kind == "hq" ? (string[])["--hq"] : [], "--out", checkpoint]);
                TrainingPython.Run("export_sam.py", "--checkpoint", checkpoint, "--out", folder, "--golden");
                return _models[kind] = (checkpoint, folder);
            }
        }
    }

    /// <summary>The "sam" checkpoint exported as the official script does ("4-mask" or "single-mask"), batch 1, with a user's minimal model.json.</summary>
    public string OfficialLayout(string layout)
    {
        lock (_models)
        {
            string folder = Path.Combine(_dir.Path, $"official-{layout}");
            if (!Directory.Exists(folder)) TrainingPython.Run("export_sam.py", "--checkpoint", this["sam"].Checkpoint, "--out", folder, "--official-layout", layout);
            return folder;
        }
    }

    /// <summary>A scratch folder that lives as long as the fixture.</summary>
    public string Scratch(string name) => Directory.CreateDirectory(Path.Combine(_dir.Path, name)).FullName;

    /// <inheritdoc />
    public void Dispose() => _dir.Dispose();
}
