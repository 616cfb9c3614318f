using SatVideoSeg.Core.Files;

namespace SatVideoSeg.Tests.Core.Files;

public class PartialFileNameTests
{
    [Fact]
    public void Each_Writer_Gets_Its_Own_Temporary_Name_Beside_The_Destination_Naming_This_Process()
    {
        string a = PartialFileName.For("/out/overlay.mp4"), b = PartialFileName.For("/out/overlay.mp4");

        Assert.NotEqual(a, b);
        Assert.StartsWith($"/out/overlay.mp4.{Environment.ProcessId}-", a);
        Assert.EndsWith(PartialFileName.Suffix, a);
    }
}
