using BulkTable = Maillage.Bench.Loading.BulkTable;
using Maillage.Imports;
using Maillage.Territories;

namespace Maillage.Bench.Running;

/// <summary>
/// The import's rows per second (issue 4) beside a raw insert of the same rows, measured by the app's own
/// <see cref="ImportMeasurement"/> as the test suite's ImportSpeedTests do: a file of <see cref="BenchTarget.Actors"/>
/// distinct companies is imported by the real ActorImporter into a territory of its own, then the same rows are inserted
/// raw (same chunked writer, one transaction, no checks or matching) into another. Both files are written streamed and
/// the import reads them streamed: a million rows are never held. Runs in the bench process, on the target's database.
/// </summary>
public abstract class ImportScenario : IBenchScenario
{
    public abstract string Name { get; }

    protected abstract string Extension { get; }

    public async Task<IReadOnlyList<Measure>> RunAsync(BenchTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var directory = Directory.CreateDirectory(Path.Combine(target.DataDirectory, "import")).FullName;
        var csv = Path.Combine(directory, "entreprises.csv");
        if (!File.Exists(csv))
        {
            ImportMeasurement.WriteCsv(csv, target.Actors);
        }

        var file = csv;
        if (Extension == ".xlsx")
        {
            file = Path.Combine(directory, "entreprises.xlsx");
            ImportMeasurement.WriteXlsx(file, target.Actors);
        }

        // Two territories of their own (the perimeter the import's rows are located in), so the generated one is untouched.
        var imported = new Territory($"Import {Name}", "Territoire de la mesure d'import.", Perimeter.Parse("94018 94069"));
        var raw = new Territory($"Insertion brute {Name}", "Territoire de la mesure d'import (insertion brute).", Perimeter.Parse("94018 94069"));
        foreach (var territory in new[] { imported, raw })
        {
            territory.StampCreated(DateTime.UtcNow, Generation.TerritoryGenerator.Author);
        }

        await target.LoadMoreAsync([BulkTable.Of("territoires de l'import", [imported, raw])], cancellationToken);
        var measure = await ImportMeasurement.MeasureAsync(target.Services, imported.Id, raw.Id, file, csv, cancellationToken);
        if (measure.Rows != target.Actors)
        {
            target.Fail($"{Name} : {measure.Rows:N0} lignes importées sur {target.Actors:N0}");
        }

        return
        [
            target.Measure(Name, $"{measure.Rows:N0} lignes (lignes/s)", measure.ImportRowsPerSecond, "lignes/s", "mêmes lignes insérées brutes (lignes/s)",
                measure.RawRowsPerSecond,
                $"fichier de {new FileInfo(file).Length / 1048576.0:F1} Mo ; pic de mémoire du processus du banc pendant l'import " +
                $"{measure.PeakWorkingSetBytes / 1048576} Mo (tas géré {measure.PeakManagedBytes / 1048576} Mo)"),
        ];
    }
}

public sealed class ImportCsvScenario : ImportScenario
{
    public override string Name => "import CSV";

    protected override string Extension => ".csv";
}

public sealed class ImportXlsxScenario : ImportScenario
{
    public override string Name => "import XLSX";

    protected override string Extension => ".xlsx";
}
