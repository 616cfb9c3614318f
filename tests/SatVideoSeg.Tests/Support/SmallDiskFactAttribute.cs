namespace SatVideoSeg.Tests.Support;

/// <summary>A fact that mounts a small tmpfs (<see cref="SmallDisk"/>): skipped, with the reason shown, where it cannot.</summary>
public sealed class SmallDiskFactAttribute : FactAttribute
{
    public SmallDiskFactAttribute()
    {
        if (SmallDisk.WhyNot is { } reason) Skip = reason;
    }
}
