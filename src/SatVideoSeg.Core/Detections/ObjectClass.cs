namespace SatVideoSeg.Core.Detections;

/// <summary>Object classes of satellite video; the numeric values are the MOTS class ids we write.</summary>
public enum ObjectClass
{
    /// <summary>Unknown or not given by the annotation.</summary>
    Unknown = 0,

    /// <summary>Airplanes (12-120 px in Jilin-1 and SkySat video).</summary>
    Airplane = 1,

    /// <summary>Ships and boats.</summary>
    Ship = 2,

    /// <summary>Trains (articulated, following a track).</summary>
    Train = 3,

    /// <summary>Cars and other road vehicles (8-14 px).</summary>
    Car = 4,
}

/// <summary>Names of <see cref="ObjectClass"/> values as written in files and reports.</summary>
public static class ObjectClasses
{
    /// <summary>All classes that objects can have, in id order.</summary>
    public static IReadOnlyList<ObjectClass> Known { get; } = [ObjectClass.Airplane, ObjectClass.Ship, ObjectClass.Train, ObjectClass.Car];

    /// <summary>Lower-case name ("airplane", ...).</summary>
    public static string Name(ObjectClass c) => c.ToString().ToLowerInvariant();

    /// <summary>Parses a class id (0-4) as written in our MOT/MOTS files.</summary>
    public static ObjectClass FromId(int id) =>
        id is >= 0 and <= 4 ? (ObjectClass)id : ObjectClass.Unknown;
}
