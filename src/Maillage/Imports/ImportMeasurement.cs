using System.Diagnostics;
using System.Globalization;
using System.Text;
using Maillage.Actors;
using Maillage.Data;
using Maillage.Territories.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Imports;

public sealed record ImportMeasure(long Rows, double ImportRowsPerSecond, double RawRowsPerSecond, long PeakWorkingSetBytes, long PeakManagedBytes)
{
    public double Ratio => RawRowsPerSecond == 0 ? 0 : ImportRowsPerSecond / RawRowsPerSecond;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Rows} lignes : import {ImportRowsPerSecond:F0} lignes/s, insertion brute {RawRowsPerSecond:F0} lignes/s (rapport {Ratio:P0}), " +
        $"pic mémoire {PeakWorkingSetBytes / 1048576} Mio (tas géré {PeakManagedBytes / 1048576} Mio)");
}

/// <summary>
/// The import's speed, measured the same way by the test suite and by the benchmark harness: a generated CSV of
/// distinct companies is imported into one territory, then the same rows are inserted raw (no checks, no matching,
/// same chunked writer) into another, in the same run. Memory is sampled while the import streams.
/// </summary>
public static class ImportMeasurement
{
    public const string Header = "Identifiant externe;Nom;Famille;Sous-type;SIREN;SIRET;Code NAF;Tranche d'effectif;Adresse;Code postal;Code commune;Compétences;Modes d'intervention";

    private static readonly string[] Communes = ["94018", "94069", "94080", "75056", "69123"];
    private static readonly string[] Postal = ["94220", "94410", "94300", "75001", "69001"];
    private static readonly string[] Skills = ["Mobilité", "Numérique", "Insertion", "Formation", "Logistique"];

    /// <summary>A valid SIREN for the number <paramref name="n"/> (below 90 million).</summary>
    public static string Siren(long n)
    {
        var body = (10_000_000 + n).ToString("D8", CultureInfo.InvariantCulture);
        return body + Identifiers.LuhnKey(body).ToString(CultureInfo.InvariantCulture);
    }

    public static string Siret(long n)
    {
        var body = Siren(n) + "0001";
        return body + Identifiers.LuhnKey(body).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Writes a CSV as French Excel saves it (« ; », UTF-8 with BOM) of <paramref name="rows"/> companies.</summary>
    public static void WriteCsv(string path, long rows, long offset = 0)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(true), 1 << 16);
        writer.WriteLine(Header);
        for (var i = offset; i < offset + rows; i++)
        {
            writer.Write(string.Join(';', Row(i)));
            writer.Write('\n');
        }
    }

    /// <summary>
    /// The same rows as <see cref="WriteCsv"/> in an .xlsx workbook (inline strings, streamed by the export's own
    /// writer: a million rows are never held).
    /// </summary>
    public static void WriteXlsx(string path, long rows, long offset = 0)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var writer = new Maillage.Actors.Transfer.XlsxSheetWriter(stream, "Acteurs", Header.Split(';'));
        for (var i = offset; i < offset + rows; i++)
        {
            writer.BeginRow();
            foreach (var cell in Row(i))
            {
                writer.Text(cell);
            }

            writer.EndRow();
        }

        writer.Finish();
    }

    private static string[] Row(long i)
    {
        var k = (int)(i % Communes.Length);
        var n = i.ToString(CultureInfo.InvariantCulture);
        return
        [
            "E" + n, $"Entreprise {n} des Bords de Marne", "entreprises", "entreprise", Siren(i), Siret(i), "62.01Z", i % 2 == 0 ? "11" : "01",
            (i % 200 + 1).ToString(CultureInfo.InvariantCulture) + " rue de Paris", Postal[k], Communes[k], Skills[(int)(i % Skills.Length)], "financement, reseau",
        ];
    }

    /// <summary>Imports <paramref name="csvPath"/> into one territory and inserts the same rows raw into another.</summary>
    public static Task<ImportMeasure> MeasureAsync(IServiceProvider services, Guid importTerritoryId, Guid rawTerritoryId, string csvPath,
        CancellationToken cancellationToken = default) =>
        MeasureAsync(services, importTerritoryId, rawTerritoryId, csvPath, csvPath, cancellationToken);

    /// <summary>
    /// Imports <paramref name="path"/> (.csv or .xlsx) into one territory and inserts the same rows raw into another, read
    /// from <paramref name="csvPath"/>, the CSV of the same rows (<see cref="WriteCsv"/> and <see cref="WriteXlsx"/> with the same arguments).
    /// </summary>
    public static async Task<ImportMeasure> MeasureAsync(IServiceProvider services, Guid importTerritoryId, Guid rawTerritoryId, string path,
        string csvPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        GC.Collect();
        var peak = 0L;
        var peakManaged = 0L;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, Environment.WorkingSet);
                peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false));
                await Task.Delay(50, CancellationToken.None);
            }
        }, CancellationToken.None);

        ImportOutcome outcome;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            using var source = SireneSource.Wrap(TabularFile.Open(path, Path.GetFileName(path)));
            var mapping = await ImportMapping.GuessAsync(db, importTerritoryId, source.Headers, cancellationToken);
            outcome = await new ActorImporter(db, scope.ServiceProvider.GetRequiredService<InseeReference>(), TimeProvider.System)
                .RunAsync(importTerritoryId, source, mapping, new ImportRunOptions { UserName = "mesure" }, cancellationToken);
        }

        await sampling.CancelAsync();
        await sampler;
        if (!outcome.Committed)
        {
            throw new InvalidOperationException("La mesure n'a rien importé : " + string.Join(" ", outcome.Problems.Take(3).Select(p => p.Message)));
        }

        var raw = await RawInsertAsync(services, rawTerritoryId, csvPath, cancellationToken);
        return new ImportMeasure(outcome.RowsRead, outcome.RowsPerSecond, raw, peak, peakManaged);
    }

    /// <summary>The same rows, with the same writer and transaction, without reading them as actors: the floor of the cost.</summary>
    private static async Task<double> RawInsertAsync(IServiceProvider services, Guid territoryId, string csvPath, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        using var table = BulkTable.For(db.Database.GetDbConnection(), Microsoft.EntityFrameworkCore.Storage.DbContextTransactionExtensions.GetDbTransaction(transaction),
            "Actors", ActorImporter.ActorTableColumns);
        var now = DateTime.UtcNow;
        long rows = 0;
        using (var reader = new StreamReader(csvPath))
        {
            await reader.ReadLineAsync(cancellationToken);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                var c = line.Split(';');
                // The search text an actor of this row has (name key, SIREN, SIRET, competences), so the full-text index
                // does the same work as for the import.
                var nameKey = TextKey.Normalize(c[1]);
                var searchText = string.Join(' ', nameKey, c[4], c[5], TextKey.Normalize(c[11]));
                table.Add(Guid.CreateVersion7(), territoryId, c[1], nameKey, null, 4, c[3], c[0], c[4], c[5], null, c[6], "naf-rev2",
                    c[7], c[8], null, c[9], c[10], "", c[11], 129, null, null, null, searchText, now, "mesure", now, "mesure", 1L);
                if (table.Pending == ActorImporter.ChunkSize)
                {
                    await table.FlushAsync(cancellationToken);
                }

                rows++;
            }
        }

        await table.FlushAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows / clock.Elapsed.TotalSeconds;
    }
}
