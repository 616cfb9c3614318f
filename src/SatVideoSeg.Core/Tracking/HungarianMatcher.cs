namespace SatVideoSeg.Core.Tracking;

/// <summary>
/// Minimum-cost assignment with a cost limit, as ByteTrack's <c>linear_assignment</c> calls
/// <c>lap.lapjv(cost, extend_cost=True, cost_limit=thresh)</c>: the n x m cost matrix is extended
/// to (n+m) x (n+m) with dummy entries of cost limit/2 so that leaving a row and a column
/// unmatched (limit/2 + limit/2) beats any pair costing more than the limit; the extended square
/// problem is solved exactly by the Hungarian method with potentials (Kuhn-Munkres, O(k³)).
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

        var rowOf = Solve(c);
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

    /// <summary>
    /// Solves a square assignment problem exactly; returns, for each column, its row.
    /// The shortest-augmenting-path Hungarian algorithm with row/column potentials u, v
    /// (reduced cost c[i,j] - u[i] - v[j] >= 0 throughout), one row added per phase.
    /// </summary>
    public static int[] Solve(double[,] c)
    {
        int k = c.GetLength(0);
        if (c.GetLength(1) != k) throw new ArgumentException($"expected a square matrix, got {k}x{c.GetLength(1)}");
        // 1-based arrays; index 0 is the virtual column that starts each augmenting path.
        var u = new double[k + 1];
        var v = new double[k + 1];
        var p = new int[k + 1];   // p[j]: row matched to column j (0 = none)
        var way = new int[k + 1]; // previous column on the augmenting path
        var minv = new double[k + 1];
        var used = new bool[k + 1];
        for (int i = 1; i <= k; i++)
        {
            p[0] = i;
            int j0 = 0;
            Array.Fill(minv, double.PositiveInfinity);
            Array.Fill(used, false);
            do
            {
                used[j0] = true;
                int i0 = p[j0], j1 = 0;
                double delta = double.PositiveInfinity;
                for (int j = 1; j <= k; j++)
                {
                    if (used[j]) continue;
                    double cur = c[i0 - 1, j - 1] - u[i0] - v[j];
                    if (cur < minv[j])
                    {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if (minv[j] < delta)
                    {
                        delta = minv[j];
                        j1 = j;
                    }
                }
                for (int j = 0; j <= k; j++)
                {
                    if (used[j])
                    {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            }
            while (p[j0] != 0);
            do
            {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }
        var rowOf = new int[k];
        for (int j = 1; j <= k; j++) rowOf[j - 1] = p[j] - 1;
        return rowOf;
    }
}
