using SatVideoSeg.Core.Tracking;

namespace SatVideoSeg.Tests.Core.Tracking;

public class HungarianMatcherTests
{
    public static TheoryData<string, double[,], double, (int, int)[], int[], int[]> Cases => new()
    {
        // The optimum (0,1)+(1,0)+(2,2) = 1+2+2 = 5; greedy on the smallest entry (1,1)=0 would give 0+4+... = 6+.
        { "3x3 optimum beats greedy", new double[,] { { 4, 1, 3 }, { 2, 0, 5 }, { 3, 2, 2 } }, 10, [(0, 1), (1, 0), (2, 2)], [], [] },
        // Crossing: both rows prefer column 0, the sum decides (2 + 2 < 1 + 100).
        { "sum decides", new double[,] { { 1, 2 }, { 2, 100 } }, 200, [(0, 1), (1, 0)], [], [] },
        { "more columns than rows", new double[,] { { 0.9, 0.1, 0.5 }, { 0.2, 0.8, 0.9 } }, 1, [(0, 1), (1, 0)], [], [2] },
        { "more rows than columns", new double[,] { { 0.9 }, { 0.1 }, { 0.5 } }, 1, [(1, 0)], [0, 2], [] },
        // A pair above the limit stays unmatched even when it is the only choice.
        { "cost limit", new double[,] { { 0.9 } }, 0.8, [], [0], [0] },
        // Pairs under the limit are kept: each costs less than leaving its row and column unmatched (0.4 + 0.4).
        { "pair under the limit kept", new double[,] { { 0.7, double.PositiveInfinity }, { double.PositiveInfinity, 0.79 } }, 0.8, [(0, 0), (1, 1)], [], [] },
        { "infinite and NaN entries are forbidden", new double[,] { { double.PositiveInfinity, double.NaN } }, 0.8, [], [0], [0, 1] },
        { "empty", new double[0, 3], 0.8, [], [], [0, 1, 2] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Match_Finds_The_Minimum_Cost_Assignment_Within_The_Limit(string name, double[,] cost, double limit, (int, int)[] matches, int[] unmatchedA, int[] unmatchedB)
    {
        var r = HungarianMatcher.Match(cost, limit);

        Assert.True(matches.SequenceEqual(r.Matches), $"{name}: got {string.Join(" ", r.Matches)}");
        Assert.Equal(unmatchedA, r.UnmatchedA);
        Assert.Equal(unmatchedB, r.UnmatchedB);
    }

    [Fact]
    public void The_Shared_Solver_Agrees_With_Brute_Force_On_Random_Square_Matrices()
    {
        var rng = new Random(7);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = rng.Next(1, 7);
            var c = new double[n, n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) c[i, j] = Math.Round(rng.NextDouble() * 10, 1);

            var pairs = SatVideoSeg.Core.Assignment.LinearAssignment.Solve(c);

            Assert.Equal(n, pairs.Select(p => p.Row).Distinct().Count());
            double got = pairs.Sum(p => c[p.Row, p.Col]);
            Assert.Equal(BruteForce(c), got, 9);
        }
    }

    [Fact]
    public void A_Non_Positive_Cost_Limit_Is_Rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HungarianMatcher.Match(new double[1, 1], 0));
    }

    private static double BruteForce(double[,] c)
    {
        int n = c.GetLength(0);
        double best = double.PositiveInfinity;
        void Go(int row, bool[] used, double sum)
        {
            if (row == n)
            {
                best = Math.Min(best, sum);
                return;
            }
            for (int j = 0; j < n; j++)
            {
                if (used[j]) continue;
                used[j] = true;
                Go(row + 1, used, sum + c[row, j]);
                used[j] = false;
            }
        }
        Go(0, new bool[n], 0);
        return best;
    }
}
