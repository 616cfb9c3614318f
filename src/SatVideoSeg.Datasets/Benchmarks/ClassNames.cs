using SatVideoSeg.Core.Detections;

namespace SatVideoSeg.Datasets.Benchmarks;

/// <summary>
/// Maps benchmark class labels onto our four classes: folder names ("car", "plane"), VISO
/// categories, SAT-MTB fine class codes and SAT-MTB's numeric mot classes (0 car, 1 airplane, 2 ship, 3 train).
/// </summary>
public static class ClassNames
{
    private static readonly (string Word, ObjectClass Class)[] Words =
    [
        ("airplane", ObjectClass.Airplane), ("aeroplane", ObjectClass.Airplane), ("aircraft", ObjectClass.Airplane), ("plane", ObjectClass.Airplane),
        ("ship", ObjectClass.Ship), ("boat", ObjectClass.Ship), ("vessel", ObjectClass.Ship),
        ("train", ObjectClass.Train), ("rail", ObjectClass.Train),
        ("car", ObjectClass.Car), ("vehicle", ObjectClass.Car), ("truck", ObjectClass.Car), ("bus", ObjectClass.Car), ("van", ObjectClass.Car),
    ];

    /// <summary>
    /// The class a label names, case-insensitive: the whole label ("Car"), else one of its parts
    /// split at '_', '-', ' ', '/', '.' with trailing digits or a plural 's' ignored ("car_001",
    /// "plane3", "ships"); Unknown when nothing matches ("cargo" is not a car).
    /// </summary>
    public static ObjectClass FromLabel(string? label)
    {
        if (string.IsNullOrWhiteSpace(label)) return ObjectClass.Unknown;
        string l = label.ToLowerInvariant();
        // Whole-label matches first ("car"), then substrings ("car_001", "plane-03"); "cargo" must not read as car.
        foreach (var (word, cls) in Words) if (l == word) return cls;
        foreach (var part in l.Split(['_', '-', ' ', '/', '.', '\\'], StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var (word, cls) in Words) if (part == word || part.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9') == word || part == word + "s") return cls;
        }
        return ObjectClass.Unknown;
    }

    /// <summary>SAT-MTB mot class column: 0 car, 1 airplane, 2 ship, 3 train (Unknown otherwise).</summary>
    public static ObjectClass FromSatMtbId(int id) => id switch
    {
        0 => ObjectClass.Car,
        1 => ObjectClass.Airplane,
        2 => ObjectClass.Ship,
        3 => ObjectClass.Train,
        _ => ObjectClass.Unknown,
    };

    /// <summary>The SAT-MTB mot class id of a class (the inverse of <see cref="FromSatMtbId"/>; -1 for Unknown).</summary>
    public static int ToSatMtbId(ObjectClass c) => c switch
    {
        ObjectClass.Car => 0,
        ObjectClass.Airplane => 1,
        ObjectClass.Ship => 2,
        ObjectClass.Train => 3,
        _ => -1,
    };
}
