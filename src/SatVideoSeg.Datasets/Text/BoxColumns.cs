using SatVideoSeg.Core.Geometry;

namespace SatVideoSeg.Datasets.Text;

/// <summary>
/// Reads a box from consecutive columns of an <see cref="AnnotationLine"/> and checks that it has
/// a size: x,y,w,h (MOT, SOT, SAT-MTB, VISO car/train), x1,y1,x2,y2 (VISO plane/ship) or four
/// corners (OOTB). Errors name the column whose value is wrong, as written.
/// </summary>
public static class BoxColumns
{
    /// <summary>x,y,w,h at <paramref name="index"/>..+3 as a box; w and h above 0, and large enough to survive x + w in double precision.</summary>
    public static BoxXyxy Xywh(AnnotationLine line, int index)
    {
        double x = line.Decimal(index, "x"), y = line.Decimal(index + 1, "y");
        double w = line.Decimal(index + 2, "w"), h = line.Decimal(index + 3, "h");
        if (w <= 0) throw line.Error(index + 2, "w must be above 0");
        if (h <= 0) throw line.Error(index + 3, "h must be above 0");
        var box = new BoxXywh(x, y, w, h).ToXyxy();
        RequireSize(line, index, box.X0, box.X1, "x", index + 2, "w");
        RequireSize(line, index + 1, box.Y0, box.Y1, "y", index + 3, "h");
        return box;
    }

    /// <summary>x1,y1,x2,y2 at <paramref name="index"/>..+3 as a box; x2 above x1 and y2 above y1.</summary>
    public static BoxXyxy Xyxy(AnnotationLine line, int index)
    {
        double x0 = line.Decimal(index, "x1"), y0 = line.Decimal(index + 1, "y1");
        double x1 = line.Decimal(index + 2, "x2"), y1 = line.Decimal(index + 3, "y2");
        if (x1 <= x0) throw line.Error(index + 2, $"x2 must be above x1 ('{AnnotationLine.Shown(line[index])}')");
        if (y1 <= y0) throw line.Error(index + 3, $"y2 must be above y1 ('{AnnotationLine.Shown(line[index + 1])}')");
        return new BoxXyxy(x0, y0, x1, y1);
    }

    /// <summary>Eight corner values x1,y1..x4,y4 at <paramref name="index"/>..+7; the corners must enclose an area.</summary>
    public static double[] Corners(AnnotationLine line, int index)
    {
        var corners = new double[8];
        for (int k = 0; k < 8; k++) corners[k] = line.Decimal(index + k, $"{(k % 2 == 0 ? 'x' : 'y')}{k / 2 + 1}");
        var box = Benchmarks.BenchmarkBox.Enclosing(corners);
        if (box.IsEmpty) throw line.Error($"the corners ({line.Written(index, 8)}) enclose no area");
        return corners;
    }

    private static void RequireSize(AnnotationLine line, int at, double start, double end, string name, int sizeAt, string sizeName)
    {
        if (!double.IsFinite(end))
            throw line.Error(at, $"{name} + {sizeName} ('{AnnotationLine.Shown(line[sizeAt])}') is beyond the range of numbers");
        if (end <= start)
            throw line.Error(at, $"{name} is too large to hold a {sizeName} of '{AnnotationLine.Shown(line[sizeAt])}' ({name} + {sizeName} rounds to {name})");
    }
}
