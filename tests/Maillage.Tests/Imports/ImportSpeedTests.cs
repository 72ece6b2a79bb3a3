using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maillage.Imports;
using Maillage.Territories;
using Maillage.Tests.Infrastructure;

namespace Maillage.Tests.ActorImports;

/// <summary>
/// The import's speed against a raw insert of the same rows, in the same run. The bounds are generous (the suite
/// shares two cores with other work); the real figure for a million rows comes from the benchmark scenario.
/// The import writes its rows without EF and, on SQLite, through statements of its own on the connection: the
/// directory's search must still find them (full-text index on SQLite, trigram index on PostgreSQL).
/// </summary>
public abstract class ImportSpeedTests(MaillageApp app)
{
    private const int Rows = 10_000;

    [Fact]
    public async Task A_ten_thousand_row_csv_imports_at_least_a_quarter_as_fast_as_a_raw_insert_of_its_rows_and_the_directory_finds_them()
    {
        var pilote = await app.CreateUserAsync("pilote-vitesse");
        var target = await app.SeedTerritoryAsync((pilote, TerritoryRole.Pilote));
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

        // The directory's contains-search (?q=) over the imported rows: one actor by a word of its name, all by a common one.
        var api = app.CreateApiClient(await app.CreateTokenAsync(pilote));
        var actors = $"/api/v1/territories/{target.Id}/actors";
        var one = await api.GetFromJsonAsync<JsonNode>($"{actors}?q=Entreprise 7777 des", TestContext.Current.CancellationToken);
        ((int)one!["total"]!).ShouldBe(1);
        ((string)one["items"]![0]!["name"]!).ShouldBe("Entreprise 7777 des Bords de Marne");
        var bySiret = await api.GetFromJsonAsync<JsonNode>($"{actors}?q={ImportMeasurement.Siret(4321)}", TestContext.Current.CancellationToken);
        ((string)bySiret!["items"]![0]!["name"]!).ShouldBe("Entreprise 4321 des Bords de Marne");
        var all = await api.GetFromJsonAsync<JsonNode>($"{actors}?q=bords de marne&exactTotal=true", TestContext.Current.CancellationToken);
        ((int)all!["total"]!).ShouldBe(Rows);
    }
}

public sealed class ImportSpeedSqliteTests(SqliteApp app) : ImportSpeedTests(app), IClassFixture<SqliteApp>;

public sealed class ImportSpeedPostgresTests(PostgresApp app) : ImportSpeedTests(app), IClassFixture<PostgresApp>;
