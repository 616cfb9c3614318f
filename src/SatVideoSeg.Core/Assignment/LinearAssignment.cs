namespace SatVideoSeg.Core.Assignment;

/// <summary>
/// Minimum-cost linear assignment on a rectangular cost matrix (the problem scipy's
/// <c>linear_sum_assignment</c> solves), by the Hungarian method with row/column potentials
/// (Kuhn-Munkres in the O(n^2 m) shortest-augmenting-path form).
/// </summary>
/// <remarks>
/// With R rows and C columns, min(R, C) pairs are returned: every row is assigned when R &lt;= C,
/// every column when C &lt; R. To maximise a score, pass its negation. Costs must be finite.
/// Among several optimal assignments the one returned may differ from scipy's; metrics built on it
/// do not depend on that choice except where scores tie exactly.
/// </remarks>
public static class LinearAssignment
{
    /// <summary>Solves the assignment; returns (row, column) pairs sorted by row.</summary>
    /// <param name="cost">Cost of assigning row i to column j; rows x columns, any shape (empty allowed).</param>
    public static (int Row, int Col)[] Solve(double[,] cost)
    {
        int rows = cost.GetLength(0), cols = cost.GetLength(1);
        if (rows == 0 || cols == 0) return [];
        foreach (double c in cost)
            if (!double.IsFinite(c)) throw new ArgumentException($"assignment costs must be finite, got {c} in a {rows}x{cols} matrix", nameof(cost));

        bool transposed = rows > cols;
        int n = transposed ? cols : rows, m = transposed ? rows : cols;
        double At(int i, int j) => transposed ? cost[j, i] : cost[i, j];

        // 1-based arrays as in the classic formulation: u/v are row/column potentials, match[j] the
        // row assigned to column j (0 = free), way[j] the previous column on the augmenting path.
        var u = new double[n + 1];
        var v = new double[m + 1];
        var match = new int[m + 1];
        var way = new int[m + 1];
        var minv = new double[m + 1];
        var used = new bool[m + 1];
        for (int i = 1; i <= n; i++)
        {
            match[0] = i;
            int j0 = 0;
            Array.Fill(minv, double.PositiveInfinity);
            Array.Clear(used);
            do
            {
                used[j0] = true;
                int i0 = match[j0], j1 = 0;
                double delta = double.PositiveInfinity;
                for (int j = 1; j <= m; j++)
                {
                    if (used[j]) continue;
                    double cur = At(i0 - 1, j - 1) - u[i0] - v[j];
                    if (cur < minv[j]) { minv[j] = cur; way[j] = j0; }
                    if (minv[j] < delta) { delta = minv[j]; j1 = j; }
                }
                for (int j = 0; j <= m; j++)
                {
                    if (used[j]) { u[match[j]] += delta; v[j] -= delta; }
                    else minv[j] -= delta;
                }
                j0 = j1;
            }
            while (match[j0] != 0);
            do
            {
                int j1 = way[j0];
                match[j0] = match[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        var pairs = new List<(int Row, int Col)>(n);
        for (int j = 1; j <= m; j++)
        {
            if (match[j] == 0) continue;
            pairs.Add(transposed ? (j - 1, match[j] - 1) : (match[j] - 1, j - 1));
        }
        pairs.Sort();
        return [.. pairs];
    }
}
