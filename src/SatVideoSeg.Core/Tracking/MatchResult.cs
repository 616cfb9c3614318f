namespace SatVideoSeg.Core.Tracking;

/// <summary>
/// The outcome of matching rows (A, e.g. tracks) to columns (B, e.g. detections): matched index
/// pairs, and the indices of each side left unmatched, all in ascending order.
/// </summary>
/// <param name="Matches">Pairs (row, column), ordered by row.</param>
/// <param name="UnmatchedA">Rows without a partner.</param>
/// <param name="UnmatchedB">Columns without a partner.</param>
public sealed record MatchResult(IReadOnlyList<(int A, int B)> Matches, IReadOnlyList<int> UnmatchedA, IReadOnlyList<int> UnmatchedB)
{
    /// <summary>A result where nothing matched.</summary>
    public static MatchResult None(int rows, int columns) =>
        new([], Enumerable.Range(0, rows).ToArray(), Enumerable.Range(0, columns).ToArray());
}
