using SatVideoSeg.Core.Detections;
using SatVideoSeg.Pipeline.Reports;

namespace SatVideoSeg.Tests.Pipeline.Reports;

public static class ReportTestData
{
    /// <summary>A track whose area and predicted IoU are given per frame from frame 0.</summary>
    public static TrackSeries Track(int id, double[] area, double[] iou, string[]? sources = null)
    {
        var c = new TrackSeriesCollector();
        for (int f = 0; f < area.Length; f++)
        {
            c.Add(id, ObjectClass.Car, f, SeriesNames.Area, area[f]);
            c.Add(id, ObjectClass.Car, f, SeriesNames.PredictedIoU, iou[f]);
            if (sources is not null) c.AddCategory(id, ObjectClass.Car, f, SeriesNames.PromptSource, sources[f]);
        }
        return c.Build().Single();
    }
}
