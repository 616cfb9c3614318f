using SatVideoSeg.Core.Detections;

namespace SatVideoSeg.Pipeline.Reports;

/// <summary>
/// Every time series recorded for one track. Open-ended on purpose: a stage that computes a new
/// quality signal (temporal IoU, prompt source, ...) adds a named series through
/// <see cref="TrackSeriesCollector"/> and the report plots and judges it without other changes.
/// </summary>
/// <param name="TrackId">The track.</param>
/// <param name="Class">Its class (last seen).</param>
/// <param name="Numeric">Numeric series, in the order first recorded.</param>
/// <param name="Categorical">Categorical series, in the order first recorded.</param>
public sealed record TrackSeries(int TrackId, ObjectClass Class, IReadOnlyList<NumericSeries> Numeric, IReadOnlyList<CategoricalSeries> Categorical)
{
    /// <summary>The numeric series of a name, or null.</summary>
    public NumericSeries? Find(string name) => Numeric.FirstOrDefault(s => s.Name == name);

    /// <summary>The categorical series of a name, or null.</summary>
    public CategoricalSeries? FindCategory(string name) => Categorical.FirstOrDefault(s => s.Name == name);
}
