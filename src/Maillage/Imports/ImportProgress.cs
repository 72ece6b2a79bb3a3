using System.Diagnostics;

namespace Maillage.Imports;

/// <summary>Where a running import is, read by the progress bar while the import writes it (no lock: three numbers).</summary>
public sealed class ImportProgress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _rowsRead;
    private long _fractionPermyriad;

    public long RowsRead => Interlocked.Read(ref _rowsRead);

    public double Fraction => Interlocked.Read(ref _fractionPermyriad) / 10_000d;

    public TimeSpan Elapsed => _clock.Elapsed;

    public double RowsPerSecond => _clock.Elapsed.TotalSeconds < 0.001 ? 0 : RowsRead / _clock.Elapsed.TotalSeconds;

    /// <summary>The time left if the rest of the file goes at the same pace; null before anything is known.</summary>
    public TimeSpan? Remaining
    {
        get
        {
            var fraction = Fraction;
            return fraction is <= 0.001 or > 1 ? null : TimeSpan.FromSeconds(_clock.Elapsed.TotalSeconds * (1 - fraction) / fraction);
        }
    }

    internal void Report(long rowsRead, double fraction)
    {
        Interlocked.Exchange(ref _rowsRead, rowsRead);
        Interlocked.Exchange(ref _fractionPermyriad, (long)(Math.Clamp(fraction, 0, 1) * 10_000));
    }
}
