using SatVideoSeg.Core.Assignment;

namespace SatVideoSeg.Core.Tracking;

/// <summary>
/// Minimum-cost assignment with a cost limit, as ByteTrack's <c>linear_assignment</c> calls
/// <c>lap.lapjv(cost, extend_cost=True, cost_limit=thresh)</c>: the n x m cost matrix is extended
/// to (n+m) x (n+m) with dummy entries of cost limit/2 so that leaving a row and a column
/// unmatched (limit/2 + limit/2) beats any pair costing more than the limit; the extended square
/// problem is solved exactly by <see cref="LinearAssignment"/> (Kuhn-Munkres, O(k³)).
/// Pure: no state, no I/O. Entries that are NaN or +infinity are forbidden pairs (gated out).
/// </summary>
public static class HungarianMatcher
{
    /// <summary>
    /// Matches rows to columns minimising the total cost; pairs costing more than
    /// <paramref name="costLimit"/> are never made. Handles empty matrices.
    /// </summary>
    public static MatchResult Match(double[,] cost, double costLimit)
    {
        ArgumentNullException.ThrowIfNull(cost);
        if (!(costLimit > 0) || double.IsInfinity(costLimit))
            throw new ArgumentOutOfRangeException(nameof(costLimit), costLimit, "the cost limit must be positive and finite");
        int n = cost.GetLength(0), m = cost.GetLength(1);
        if (n == 0 || m == 0) return MatchResult.None(n, m);

        // Forbidden pairs cost more than two dummies, so the optimum never takes them.
        double forbidden = 2 * costLimit + 1;
        int k = n + m;
        var c = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                if (i < n && j < m)
                {
                    double v = cost[i, j];
                    c[i, j] = double.IsNaN(v) || v > costLimit ? forbidden : v;
                }
                else if (i < n || j < m)
                {
                    c[i, j] = costLimit / 2;
                }
            }
        }

        // The extended problem is square, so every column gets a row.
        var rowOf = new int[k];
        foreach (var (row, col) in LinearAssignment.Solve(c)) rowOf[col] = row;
        var matches = new List<(int, int)>();
        var matchedRows = new bool[n];
        var matchedCols = new bool[m];
        for (int j = 0; j < m; j++)
        {
            int i = rowOf[j];
            if (i < n && c[i, j] <= costLimit)
            {
                matches.Add((i, j));
                matchedRows[i] = true;
                matchedCols[j] = true;
            }
        }
        matches.Sort();
        return new MatchResult(
            matches,
            Enumerable.Range(0, n).Where(i => !matchedRows[i]).ToArray(),
            Enumerable.Range(0, m).Where(j => !matchedCols[j]).ToArray());
    }
}
