using Maillage.Imports;
using Maillage.Tests.Infrastructure;

namespace Maillage.Tests.ActorImports;

/// <summary>
/// The import's speed against a raw insert of the same rows, in the same run. The bounds are generous (the suite
/// shares two cores with other work); the real figure for a million rows comes from the benchmark scenario.
/// </summary>
public abstract class ImportSpeedTests(MaillageApp app)
{
    private const int Rows = 10_000;

    [Fact]
    public async Task A_ten_thousand_row_csv_imports_at_least_a_quarter_as_fast_as_a_raw_insert_of_its_rows()
    {
        var target = await app.SeedTerritoryAsync();
        var raw = await app.SeedTerritoryAsync();
        var path = Path.Combine(app.Database.DataDirectory, "speed.csv");
        ImportMeasurement.WriteCsv(path, Rows);

        var measure = await ImportMeasurement.MeasureAsync(app.Services, target.Id, raw.Id, path, TestContext.Current.CancellationToken);

        TestContext.Current.SendDiagnosticMessage($"{app.Kind} : {measure}");
        Console.WriteLine($"{app.Kind} : {measure}");
        measure.Rows.ShouldBe(Rows);
        measure.Ratio.ShouldBeGreaterThan(0.25, measure.ToString());
        measure.ImportRowsPerSecond.ShouldBeGreaterThan(100, measure.ToString());
        var count = await app.WithDbAsync(db => Task.FromResult(db.Actors.Count(a => a.TerritoryId == target.Id)));
        count.ShouldBe(Rows);
    }
}

public sealed class ImportSpeedSqliteTests(SqliteApp app) : ImportSpeedTests(app), IClassFixture<SqliteApp>;

public sealed class ImportSpeedPostgresTests(PostgresApp app) : ImportSpeedTests(app), IClassFixture<PostgresApp>;
