using SatVideoSeg.Core.Detections;
using SatVideoSeg.Datasets.Ids;
using SatVideoSeg.Tests.Support;

namespace SatVideoSeg.Tests.Datasets.Ids;

public class MotsIdAllocatorTests
{
    [Fact]
    public void Ids_That_Fit_Keep_Their_Numbers_And_Need_No_Map()
    {
        var ids = new MotsIdAllocator([(3, ObjectClass.Car), (999, ObjectClass.Car), (3, ObjectClass.Ship)]);

        Assert.Equal((3, 999, 3), (ids.InstanceId(3, ObjectClass.Car), ids.InstanceId(999, ObjectClass.Car), ids.InstanceId(3, ObjectClass.Ship)));
        Assert.False(ids.Renumbered);
        Assert.Null(ids.Map("tracks.mots.txt"));
    }

    [Fact]
    public void One_Id_That_Does_Not_Fit_Renumbers_Every_Known_Id_Densely_Per_Class_In_Ascending_Order()
    {
        // 0 and 1500 do not fit 1..999; cars 0, 7, 1500 -> 1, 2, 3; the ship 1500 -> 1 of its class.
        var ids = new MotsIdAllocator([(1500, ObjectClass.Car), (7, ObjectClass.Car), (0, ObjectClass.Car), (1500, ObjectClass.Ship)]);

        Assert.Equal(new[] { 1, 2, 3 }, new[] { 0, 7, 1500 }.Select(id => ids.InstanceId(id, ObjectClass.Car)));
        Assert.Equal(1, ids.InstanceId(1500, ObjectClass.Ship));
        var map = ids.Map("tracks.mots.txt")!;
        // Original id -> obj_id (car = class 4, ship = class 2); the id seen with two classes is two objects.
        Assert.Equal(new Dictionary<int, int> { [0] = 4001, [7] = 4002, [1500] = 2001 }, map.Written);
        Assert.Equal(new[] { 2001, 4003 }, map.AllWritten[1500]);
        Assert.Equal((1500, 1500), (map.Original(4003), map.Original(2001)));
    }

    [Fact]
    public void A_Later_Id_Keeps_Its_Number_If_Free_Else_Takes_The_Lowest_Free_One()
    {
        var ids = new MotsIdAllocator();

        Assert.Equal(1, ids.InstanceId(1, ObjectClass.Car));
        Assert.Equal(2, ids.InstanceId(2000, ObjectClass.Car)); // does not fit: lowest free
        Assert.True(ids.Renumbered);
        Assert.Equal(3, ids.InstanceId(5, ObjectClass.Car));    // renumbering from here on: dense
        Assert.Equal(2, ids.InstanceId(2000, ObjectClass.Car)); // the same on every frame
    }

    [Fact]
    public void Known_Ids_That_Fit_Keep_Their_Numbers_Though_A_Renumbered_Id_Comes_First()
    {
        // Annotation ids 1 and 2 are known; the linker's id 1005 (a track it started) is seen on an
        // earlier frame than either, and must not take number 1.
        var ids = new MotsIdAllocator([(1, ObjectClass.Car), (2, ObjectClass.Car)]);

        Assert.Equal(3, ids.InstanceId(1005, ObjectClass.Car));
        Assert.Equal(1, ids.InstanceId(1, ObjectClass.Car));
        Assert.Equal(2, ids.InstanceId(2, ObjectClass.Car));
        Assert.Equal(4, ids.InstanceId(7, ObjectClass.Car)); // renumbering from here on: dense
    }

    [Fact]
    public void A_Class_Of_More_Than_999_Objects_Cannot_Be_Written_As_MOTS()
    {
        var e = Assert.Throws<FormatException>(() => new MotsIdAllocator(Enumerable.Range(1, 1000).Select(id => (id, ObjectClass.Car))));

        Assert.Contains("more than 999 objects of class car", e.Message);
    }

    [Fact]
    public void A_Map_Round_Trips_Through_Ids_Json_And_Is_Found_Only_For_The_Output_It_Names()
    {
        using var dir = new TempDir();
        var map = new TrackIdMap("gt.txt", "mots", "obj_id", "test", [new(1500, 4001), new(0, 4002), new(1500, 2001)]);
        map.Save(dir.File(TrackIdMap.FileName));
        File.WriteAllText(dir.File("gt.txt"), "");
        File.WriteAllText(dir.File("other.txt"), "");

        var back = TrackIdMap.FindFor(dir.File("gt.txt"))!;

        Assert.Equal(map.AllWritten, back.AllWritten);
        Assert.Equal((1500, 0, 1500, 4003), (back.Original(4001), back.Original(4002), back.Original(2001), back.Original(4003)));
        Assert.Null(TrackIdMap.FindFor(dir.File("other.txt")));
        Assert.Contains("\"0\": 4002", File.ReadAllText(dir.File(TrackIdMap.FileName)));
    }
}
