namespace SatVideoSeg.Tests.Support;

/// <summary>
/// A fact that needs headless Chromium at /usr/bin/chromium (scripts/setup-debian.sh installs
/// it): skipped, with the reason shown, where it is absent.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(HeadlessChromium.Executable))
            Skip = $"needs {HeadlessChromium.Executable} (Debian package chromium; run scripts/setup-debian.sh as root)";
    }
}
