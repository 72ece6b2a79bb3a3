using System.Globalization;
using System.Text;
using Maillage.Data;
using Maillage.Imports;
using Maillage.Territories.Reference;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.ActorImports;

/// <summary>
/// The import of a JSON array of actors (the JSON export's shape) on a real database: fields and lists read as the
/// spreadsheet columns, objects streamed across the reader's buffer, and each malformed file refused in French
/// with nothing written.
/// </summary>
public abstract class JsonImportTests(MaillageApp app)
{
    private static int _numbers = 7_000_000 + Random.Shared.Next(1_000_000);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string Siret() => ImportMeasurement.Siret(Interlocked.Increment(ref _numbers));

    private Task<int> ActorCountAsync(Guid territoryId) =>
        app.WithDbAsync(db => db.Actors.CountAsync(a => a.TerritoryId == territoryId, Cancellation));

    private async Task<(ImportOutcome? Outcome, string? Refusal)> ImportAsync(Guid territoryId, string fileName, string json)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        try
        {
            using var source = SireneSource.Wrap(TabularFile.Open(new MemoryStream(Encoding.UTF8.GetBytes(json)), fileName));
            var mapping = await ImportMapping.GuessAsync(db, territoryId, source.Headers, Cancellation);
            var outcome = await new ActorImporter(db, scope.ServiceProvider.GetRequiredService<InseeReference>(), TimeProvider.System)
                .RunAsync(territoryId, source, mapping, new ImportRunOptions { UserName = "test" }, Cancellation);
            return (outcome, null);
        }
        catch (ImportFileException e)
        {
            return (null, e.Message);
        }
    }

    private async Task<string> RefusedAsync(string json, string fileName = "acteurs.json")
    {
        var territory = await app.SeedTerritoryAsync();
        var (outcome, refusal) = await ImportAsync(territory.Id, fileName, json);
        (await ActorCountAsync(territory.Id)).ShouldBe(0);
        if (refusal is not null)
        {
            return refusal;
        }

        outcome!.Committed.ShouldBeFalse();
        return string.Join("\n", outcome.Problems.Select(p => p.Message));
    }

    [Fact]
    public async Task A_json_array_creates_the_actors_with_their_lists_and_ignores_the_exported_id_version_and_dates()
    {
        var territory = await app.SeedTerritoryAsync();
        var siret = Siret();
        var json = $$"""
            [
              { "id": "0195d0c4-0000-7000-8000-000000000001", "name": "Mission locale des Bords de Marne", "family": "emploi-formation",
                "siret": "{{siret}}", "communeCode": "94018", "perimeter": ["94018", "94069"],
                "competences": ["Mobilité", "Insertion"], "modes": ["accompagnement", "formation"], "notes": null,
                "version": 4, "createdAt": "2026-11-01T10:00:00Z", "updatedAt": "2026-11-02T10:00:00Z" },
              { "name": "Association Trait d'union", "family": "associations", "acronym": "ATU" }
            ]
            """;

        var (outcome, refusal) = await ImportAsync(territory.Id, "acteurs.json", json);

        refusal.ShouldBeNull();
        outcome!.Problems.ShouldBeEmpty();
        (outcome.Committed, outcome.Created).ShouldBe((true, 2L));
        var actor = await app.WithDbAsync(db => db.Actors.SingleAsync(a => a.Siret == siret && a.TerritoryId == territory.Id, Cancellation));
        actor.Name.ShouldBe("Mission locale des Bords de Marne");
        actor.CompetenceLabels.ShouldBe("Insertion; Mobilité");
        actor.Modes.ShouldBe(Maillage.Actors.InterventionModes.Accompagnement | Maillage.Actors.InterventionModes.Formation);
        actor.PerimeterCodes.ShouldBe("94018 94069");
        actor.Version.ShouldBe(1);
    }

    [Fact]
    public async Task A_json_file_without_extension_is_recognised_and_a_bad_field_is_reported_with_the_actor_rank_and_field()
    {
        var message = await RefusedAsync("""[{ "name": "Alpha", "family": "entreprises" }, { "name": "Beta", "family": "entreprises", "siret": "12345678901234" }]""", "export");
        message.ShouldBe("Ligne 2, colonne « siret » : « 12345678901234 » n'est pas un SIRET valide (14 chiffres : le SIREN, le numéro d'établissement et une clé de contrôle).");
    }

    [Fact]
    public async Task Thousands_of_actors_stream_through_the_reader_buffer_one_object_at_a_time()
    {
        var territory = await app.SeedTerritoryAsync();
        var json = new StringBuilder("[");
        const int count = 2_500;
        for (var i = 0; i < count; i++)
        {
            // About 200 bytes each: half a megabyte, eight times the reader's first buffer, objects cut at its edges.
            json.Append(i == 0 ? "" : ",\n").Append(CultureInfo.InvariantCulture,
                $$"""{"name":"Entreprise numéro {{i}} de la zone d'activité","family":"entreprises","siret":"{{Siret()}}","competences":["Logistique","Numérique"],"notes":"{{new string('n', i % 97)}}"}""");
        }

        var (outcome, refusal) = await ImportAsync(territory.Id, "acteurs.json", json.Append(']').ToString());

        refusal.ShouldBeNull();
        outcome!.Problems.ShouldBeEmpty();
        outcome.Created.ShouldBe(count);
        (await ActorCountAsync(territory.Id)).ShouldBe(count);
    }

    [Fact]
    public async Task Bad_json_files_are_refused_in_french_and_write_nothing()
    {
        (await RefusedAsync("""{ "name": "Alpha" }""")).ShouldStartWith("Le fichier JSON doit être un tableau d'acteurs");
        (await RefusedAsync("""[{ "name": "Alpha", "family": "entreprises" }, { "name": "Be""")).ShouldStartWith("Le fichier JSON est mal formé ou incomplet (ligne 1, position 61, acteur n° 2)");
        (await RefusedAsync("""[{ "name": "Alpha", "family": "entreprises" }""")).ShouldStartWith("Le fichier JSON est mal formé ou incomplet (ligne 1, position 46, acteur n° 2)");
        (await RefusedAsync("[{ \"name\": \"Alpha\",\n  \"family\" \"entreprises\" }]")).ShouldStartWith("Le fichier JSON est mal formé ou incomplet (ligne 2, position");
        (await RefusedAsync("""[{ "name": "Alpha", "sirett": "x" }]""")).ShouldStartWith("Acteur n° 1 : le champ « sirett » n'est pas un champ d'acteur. Champs reconnus : externalId, name,");
        (await RefusedAsync("""[{ "name": { "fr": "Alpha" } }]""")).ShouldBe("Acteur n° 1, champ « name » : attendu un texte, un nombre ou une liste, pas un objet.");
        (await RefusedAsync("""[["Alpha", "entreprises"]]""")).ShouldStartWith("Acteur n° 1 : le tableau doit contenir des objets « { \"name\": … } », pas une liste.");
        (await RefusedAsync("[{ \"name\": \"" + new string('x', 40_000) + "\" }]")).ShouldStartWith("Acteur n° 1, champ « name » : le texte dépasse 32");
        (await RefusedAsync("""[{ "name": "Alpha", "family": "licornes" }]""")).ShouldStartWith("Ligne 1, colonne « family » :");
    }
}

public sealed class JsonImportSqliteTests(SqliteApp app) : JsonImportTests(app), IClassFixture<SqliteApp>;

public sealed class JsonImportPostgresTests(PostgresApp app) : JsonImportTests(app), IClassFixture<PostgresApp>;
