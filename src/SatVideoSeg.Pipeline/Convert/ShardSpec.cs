using System.Globalization;

namespace SatVideoSeg.Pipeline.Convert;

/// <summary>
/// Which part of the work one machine does: shard <see cref="Index"/> (0-based) of
/// <see cref="Count"/> owns the sequences whose position in the name-sorted list, k, satisfies
/// k mod Count = Index. The assignment depends only on the sorted sequence names, so every
/// machine computes the same split without talking to the others.
/// </summary>
public readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>The whole dataset on one machine.</summary>
    public static ShardSpec All { get; } = new(0, 1);

    /// <summary>Whether this shard converts the sequence at a sorted position.</summary>
    public bool Owns(int sortedIndex) => sortedIndex % Count == Index;

    /// <summary>Parses "i/N" with 0 &lt;= i &lt; N (K8s JOB_COMPLETION_INDEX and Slurm array ids from 0).</summary>
    public static ShardSpec Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int i)
            && int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int n)
            && n >= 1 && i >= 0 && i < n)
            return new ShardSpec(i, n);
        throw new ArgumentException($"bad shard '{text}': expected i/N with 0 <= i < N, e.g. 0/4");
    }

    /// <inheritdoc />
    public override string ToString() => $"{Index}/{Count}";
}
