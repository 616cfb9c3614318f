using BenchmarkDotNet.Running;

namespace SatVideoSeg.Benchmarks;

/// <summary>
/// Entry point: BenchmarkSwitcher picks benchmarks from the command line, e.g.
/// <c>dotnet run -c Release --project benchmarks/SatVideoSeg.Benchmarks -- --filter '*' --job short</c>.
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks the arguments select (an interactive menu when there are none).</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
