namespace Maillage.Bench.Running;

/// <summary>
/// One figure of the table, always beside its baseline measured in the same run (the machine is shared and noisy:
/// the ratio says more than the absolute value). <see cref="Ratio"/> is value ÷ baseline.
/// </summary>
public sealed record Measure(
    string Provider,
    int Actors,
    string Scenario,
    string Metric,
    double Value,
    string Unit,
    string Baseline,
    double? BaselineValue,
    string? Note = null)
{
    public double? Ratio => BaselineValue is { } b && b > 0 ? Value / b : null;
}

public static class Stats
{
    /// <summary>Nearest-rank percentile of the samples (0 &lt; <paramref name="percent"/> ≤ 100).</summary>
    public static double Percentile(IReadOnlyCollection<double> samples, double percent)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
