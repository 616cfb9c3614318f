using SatVideoSeg.Core.Assignment;

namespace SatVideoSeg.Tests.Core.Assignment;

public class LinearAssignmentTests
{
    [Fact]
    public void Square_Matrix_Gets_The_Unique_Cheapest_Assignment()
    {
        // The six permutations cost 6, 7, 5, 9, 11, 6: (0,1)+(1,0)+(2,2) = 1 + 2 + 2 = 5 is the only optimum.
        var cost = new double[,] { { 4, 1, 3 }, { 2, 0, 5 }, { 3, 2, 2 } };

        Assert.Equal([(0, 1), (1, 0), (2, 2)], LinearAssignment.Solve(cost));
    }

    [Fact]
    public void Wide_Matrix_Assigns_Every_Row()
    {
        // Pairs of columns for rows 0,1: (0,1)=5 (0,2)=7 (1,0)=4 (1,2)=8 (2,0)=5 (2,1)=7 -> (1,0) costs 4.
        var cost = new double[,] { { 1, 2, 3 }, { 2, 4, 6 } };

        Assert.Equal([(0, 1), (1, 0)], LinearAssignment.Solve(cost));
    }

    [Fact]
    public void Tall_Matrix_Assigns_Every_Column()
    {
        var cost = new double[,] { { 1, 2 }, { 2, 4 }, { 3, 6 } };

        Assert.Equal([(0, 1), (1, 0)], LinearAssignment.Solve(cost));
    }

    [Fact]
    public void Empty_Matrices_Give_No_Pairs()
    {
        Assert.Empty(LinearAssignment.Solve(new double[0, 3]));
        Assert.Empty(LinearAssignment.Solve(new double[2, 0]));
    }

    [Fact]
    public void Non_Finite_Costs_Are_Rejected_With_The_Matrix_Shape()
    {
        var e = Assert.Throws<ArgumentException>(() => LinearAssignment.Solve(new double[,] { { 1, double.NaN } }));
        Assert.Contains("1x2", e.Message);
    }

    [Fact]
    public void Random_Matrices_Reach_The_Brute_Force_Optimum()
    {
        var rng = new Random(7);
        for (int trial = 0; trial < 300; trial++)
        {
            int rows = rng.Next(1, 6), cols = rng.Next(1, 6);
            var cost = new double[rows, cols];
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < cols; j++) cost[i, j] = rng.Next(0, 4) == 0 ? 0 : Math.Round(rng.NextDouble() * 10 - 5, 2);

            var pairs = LinearAssignment.Solve(cost);

            Assert.Equal(Math.Min(rows, cols), pairs.Length);
            Assert.Equal(pairs.Length, pairs.Select(p => p.Row).Distinct().Count());
            Assert.Equal(pairs.Length, pairs.Select(p => p.Col).Distinct().Count());
            Assert.Equal(BruteForce(cost), pairs.Sum(p => cost[p.Row, p.Col]), 9);
        }
    }

    private static double BruteForce(double[,] cost)
    {
        int rows = cost.GetLength(0), cols = cost.GetLength(1);
        bool transposed = rows > cols;
        int n = Math.Min(rows, cols), m = Math.Max(rows, cols);
        double best = double.PositiveInfinity;
        var used = new bool[m];
        void Go(int i, double sum)
        {
            if (i == n) { best = Math.Min(best, sum); return; }
            for (int j = 0; j < m; j++)
            {
                if (used[j]) continue;
                used[j] = true;
                Go(i + 1, sum + (transposed ? cost[j, i] : cost[i, j]));
                used[j] = false;
            }
        }
        Go(0, 0);
        return best;
    }
}
