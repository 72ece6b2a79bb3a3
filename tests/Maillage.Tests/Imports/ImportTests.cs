using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Maillage.Data;
using Maillage.Imports;
using Maillage.Territories;
using Maillage.Territories.Reference;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.ActorImports;

/// <summary>
/// The import end to end on a real database: the corpus of bad files (each a precise French message and no change),
/// all or nothing, re-import changing nothing, SIRENE files, a cancel in the middle of the transaction, the API.
/// </summary>
public abstract class ImportTests(MaillageApp app)
{
    private const string Header = "Nom;Famille;SIRET;Code commune;Compétences\n";
    private static int _numbers = 5_000_000 + Random.Shared.Next(1_000_000);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static string Siret() => ImportMeasurement.Siret(Interlocked.Increment(ref _numbers));

    private sealed record State(int Actors, long Versions, int History, int Competences);

    private Task<State> StateAsync(Guid territoryId) => app.WithDbAsync(async db => new State(
        await db.Actors.CountAsync(a => a.TerritoryId == territoryId, Cancellation),
        await db.Actors.Where(a => a.TerritoryId == territoryId).SumAsync(a => a.Version, Cancellation),
        await db.AuditEntries.CountAsync(e => e.TerritoryId == territoryId, Cancellation),
        await db.Competences.CountAsync(c => c.TerritoryId == territoryId, Cancellation)));

    /// <summary>Imports a file as the background job does, but in the test: the outcome, or the file's refusal.</summary>
    private async Task<(ImportOutcome? Outcome, string? Refusal)> ImportAsync(Guid territoryId, string fileName, byte[] content, bool dryRun = false,
        CancellationTokenSource? abort = null, Func<TabularSource, TabularSource>? wrap = null,
        Func<DbConnection, DbTransaction, IReadOnlyCollection<Guid>, Task>? chunkRead = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        try
        {
            using var source = (wrap ?? (s => s))(SireneSource.Wrap(TabularFile.Open(new MemoryStream(content), fileName)));
            var mapping = await ImportMapping.GuessAsync(db, territoryId, source.Headers, Cancellation);
            var outcome = await new ActorImporter(db, scope.ServiceProvider.GetRequiredService<InseeReference>(), TimeProvider.System)
                .RunAsync(territoryId, source, mapping, new ImportRunOptions { DryRun = dryRun, UserName = "test", ChunkRead = chunkRead },
                    abort?.Token ?? Cancellation);
            return (outcome, null);
        }
        catch (ImportFileException e)
        {
            return (null, e.Message);
        }
    }

    private async Task<string> RefusedAsync(string fileName, byte[] content)
    {
        var territory = await app.SeedTerritoryAsync();
        var before = await StateAsync(territory.Id);
        var (outcome, refusal) = await ImportAsync(territory.Id, fileName, content);
        (await StateAsync(territory.Id)).ShouldBe(before);
        if (refusal is not null)
        {
            return refusal;
        }

        outcome!.Committed.ShouldBeFalse();
        outcome.Problems.ShouldNotBeEmpty();
        return string.Join("\n", outcome.Problems.Select(p => p.Message));
    }

    [Fact]
    public async Task A_csv_file_creates_the_actors_with_their_competences_and_one_history_entry()
    {
        var territory = await app.SeedTerritoryAsync();
        var before = await StateAsync(territory.Id);
        var siret = Siret();
        var csv = Header + $"Mission locale des Bords de Marne;emploi-formation;{siret};94018;Mobilité; Insertion\n" +
                  "Association Trait d'union;associations;;94069;\n";
        var (outcome, refusal) = await ImportAsync(territory.Id, "acteurs.csv", TestFiles.Csv(csv.Replace("Mobilité; Insertion", "\"Mobilité; Insertion\"", StringComparison.Ordinal)));

        refusal.ShouldBeNull();
        outcome!.Problems.ShouldBeEmpty();
        outcome.Committed.ShouldBeTrue();
        outcome.Created.ShouldBe(2);
        var actor = await app.WithDbAsync(db => db.Actors.Include(a => a.CompetenceLinks).SingleAsync(a => a.Siret == siret && a.TerritoryId == territory.Id, Cancellation));
        actor.Name.ShouldBe("Mission locale des Bords de Marne");
        actor.Siren.ShouldBe(siret[..9]);
        actor.NameKey.ShouldBe("mission locale des bords de marne");
        actor.SearchText.ShouldContain(siret);
        actor.CompetenceLabels.ShouldBe("Insertion; Mobilité");
        actor.CompetenceLinks.Count.ShouldBe(2);
        actor.Version.ShouldBe(1);
        (await StateAsync(territory.Id)).History.ShouldBe(before.History + 1);

        // The full-text index of the directory finds the imported actor.
        var found = await app.WithDbAsync(db => Maillage.Actors.ActorSearch.Containing(db, "bords de mar").CountAsync(a => a.TerritoryId == territory.Id, Cancellation));
        found.ShouldBe(1);
    }

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing_the_second_time_and_a_changed_row_is_updated()
    {
        var territory = await app.SeedTerritoryAsync();
        var (first, second) = (Siret(), Siret());
        var csv = Header + $"Entreprise Alpha;entreprises;{first};94018;Numérique\nEntreprise Beta;entreprises;{second};94069;\nSans identifiant;associations;;;\n";
        (await ImportAsync(territory.Id, "a.csv", TestFiles.Csv(csv))).Outcome!.Created.ShouldBe(3);
        var after = await StateAsync(territory.Id);

        var again = (await ImportAsync(territory.Id, "a.csv", TestFiles.Csv(csv))).Outcome!;

        again.Committed.ShouldBeTrue();
        (again.Created, again.Updated, again.Unchanged).ShouldBe((0L, 0L, 3L));
        (await StateAsync(territory.Id)).ShouldBe(after);

        var changed = (await ImportAsync(territory.Id, "a.csv", TestFiles.Csv(csv.Replace("Entreprise Beta", "Entreprise Bêta", StringComparison.Ordinal)))).Outcome!;
        (changed.Created, changed.Updated, changed.Unchanged).ShouldBe((0L, 1L, 2L));
        var beta = await app.WithDbAsync(db => db.Actors.SingleAsync(a => a.Siret == second && a.TerritoryId == territory.Id, Cancellation));
        (beta.Name, beta.Version).ShouldBe(("Entreprise Bêta", 2L));
    }

    [Fact]
    public async Task An_actor_saved_by_someone_else_while_the_import_runs_fails_the_import_on_its_line_and_keeps_that_save()
    {
        var territory = await app.SeedTerritoryAsync();
        var (alpha, beta) = (Siret(), Siret());
        var csv = Header + $"Entreprise Alpha;entreprises;{alpha};94018;\nEntreprise Beta;entreprises;{beta};94069;\n";
        (await ImportAsync(territory.Id, "a.csv", TestFiles.Csv(csv))).Outcome!.Created.ShouldBe(2);
        var before = await StateAsync(territory.Id);

        // Between the import's read of Alpha and its write, another user saves Alpha. On PostgreSQL that user is another
        // connection; on SQLite the import holds the only write lock, so the save is played on the import's connection.
        var changed = csv.Replace("Entreprise Alpha", "Entreprise Alpha renommée", StringComparison.Ordinal)
            .Replace("Entreprise Beta", "Entreprise Beta renommée", StringComparison.Ordinal);
        var saved = false;
        var outcome = (await ImportAsync(territory.Id, "a.csv", TestFiles.Csv(changed), chunkRead: async (connection, transaction, ids) =>
        {
            ids.Count.ShouldBe(2);
            const string Save = "UPDATE \"Actors\" SET \"Notes\" = 'Enregistré pendant l''import', \"Version\" = \"Version\" + 1 WHERE \"Siret\" = ";
            if (app.Kind == DatabaseKind.PostgreSql)
            {
                await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(Save + "{0}", [alpha], Cancellation));
            }
            else
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = Save + "$siret";
                var parameter = command.CreateParameter();
                (parameter.ParameterName, parameter.Value) = ("$siret", alpha);
                command.Parameters.Add(parameter);
                await command.ExecuteNonQueryAsync(Cancellation);
            }

            saved = true;
        })).Outcome!;

        saved.ShouldBeTrue();
        outcome.Committed.ShouldBeFalse();
        var problem = outcome.Problems.ShouldHaveSingleItem();
        problem.Line.ShouldBe(2);
        problem.Message.ShouldBe("Ligne 2 : l'acteur « Entreprise Alpha renommée » a été modifié par quelqu'un d'autre pendant l'import ; rien n'a été importé. " +
                                 "Relancez l'import : il partira de la version enregistrée.");
        var actors = await app.WithDbAsync(db => db.Actors.AsNoTracking().Where(a => a.TerritoryId == territory.Id).OrderBy(a => a.NameKey).ToListAsync(Cancellation));
        actors.Select(a => a.Name).ShouldBe(["Entreprise Alpha", "Entreprise Beta"]);
        if (app.Kind == DatabaseKind.PostgreSql)
        {
            // The other user's save was committed before the import failed: it stays.
            (actors[0].Notes, actors[0].Version).ShouldBe(("Enregistré pendant l'import", 2L));
        }
        else
        {
            (await StateAsync(territory.Id)).ShouldBe(before);
        }
    }

    [Fact]
    public async Task A_file_with_one_bad_row_writes_nothing_and_names_the_line_and_column()
    {
        var territory = await app.SeedTerritoryAsync();
        var before = await StateAsync(territory.Id);
        var csv = Header + $"Bonne structure;entreprises;{Siret()};94018;\nMauvaise structure;entreprises;123;94018;\n";

        var outcome = (await ImportAsync(territory.Id, "a.csv", TestFiles.Csv(csv))).Outcome!;

        outcome.Committed.ShouldBeFalse();
        outcome.Problems.Single().Message.ShouldBe(
            "Ligne 3, colonne « SIRET » : « 123 » n'est pas un SIRET valide (14 chiffres : le SIREN, le numéro d'établissement et une clé de contrôle).");
        (await StateAsync(territory.Id)).ShouldBe(before);
    }

    [Fact]
    public async Task Every_problem_of_a_row_is_listed_with_its_own_column()
    {
        var territory = await app.SeedTerritoryAsync();
        var csv = "Nom;Famille;Code postal;Site web\n;inconnue;123;pas une adresse\n";

        var problems = (await ImportAsync(territory.Id, "a.csv", TestFiles.Csv(csv))).Outcome!.Problems.Select(p => p.Message).ToList();

        problems.ShouldContain("Ligne 2, colonne « Nom » : le nom de l'acteur est obligatoire.");
        problems.ShouldContain(p => p.StartsWith("Ligne 2, colonne « Famille » : « inconnue » est inconnue", StringComparison.Ordinal));
        problems.ShouldContain("Ligne 2, colonne « Code postal » : « 123 » doit comporter 5 chiffres.");
        problems.ShouldContain(p => p.StartsWith("Ligne 2, colonne « Site web » : « pas une adresse » n'est pas une adresse web", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_file_wrong_encoding_mixed_in_the_middle_is_refused_with_its_line()
    {
        var start = Encoding.UTF8.GetBytes(Header + string.Concat(Enumerable.Range(0, 2000).Select(i => $"Structure numéro {i};entreprises;;;\n")));
        var end = TestFiles.Csv("Société générale;entreprises;;;\n", TabularFile.Windows1252);

        var message = await RefusedAsync("a.csv", [.. start, .. end]);

        message.ShouldStartWith("Ligne 2002 : le fichier mélange deux encodages");
    }

    [Fact]
    public async Task A_windows_1252_file_is_read_with_its_accents()
    {
        var territory = await app.SeedTerritoryAsync();
        var outcome = (await ImportAsync(territory.Id, "a.csv", TestFiles.Csv(Header + "Société d'économie mixte;pouvoirs-publics;;;\n", TabularFile.Windows1252))).Outcome!;

        outcome.Committed.ShouldBeTrue();
        (await app.WithDbAsync(db => db.Actors.SingleAsync(a => a.TerritoryId == territory.Id, Cancellation))).Name.ShouldBe("Société d'économie mixte");
    }

    [Fact]
    public async Task Bad_file_utf16_is_refused()
    {
        var message = await RefusedAsync("a.csv", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Header)]);
        message.ShouldStartWith("Le fichier est encodé en UTF-16");
    }

    [Fact]
    public async Task Bad_file_required_column_missing()
    {
        var message = await RefusedAsync("a.csv", TestFiles.Csv("Raison sociale inconnue;Famille\nAlpha;entreprises\n"));
        message.ShouldStartWith("Colonne obligatoire absente : aucune colonne du fichier n'est associée à « Nom ».");
    }

    [Fact]
    public async Task Bad_file_invalid_siret()
    {
        var message = await RefusedAsync("a.csv", TestFiles.Csv("Nom;Famille;N° SIRET\nAlpha;entreprises;12345678901234\n"));
        message.ShouldBe("Ligne 2, colonne « N° SIRET » : « 12345678901234 » n'est pas un SIRET valide (14 chiffres : le SIREN, le numéro d'établissement et une clé de contrôle).");
    }

    [Fact]
    public async Task Bad_file_duplicated_rows()
    {
        var siret = Siret();
        var message = await RefusedAsync("a.csv", TestFiles.Csv(Header + $"Alpha;entreprises;{siret};;\nBeta;entreprises;{Siret()};;\nAlpha bis;entreprises;{siret};;\n"));
        message.ShouldBe($"Ligne 4, colonne « SIRET » : même SIRET « {siret} » qu'à la ligne 2 : une structure ne doit figurer qu'une fois dans le fichier.");
    }

    [Fact]
    public async Task Bad_file_empty_and_zero_bytes()
    {
        (await RefusedAsync("a.csv", [])).ShouldStartWith("Le fichier est vide (0 octet)");
        (await RefusedAsync("a.csv", TestFiles.Csv("\n\n  \n"))).ShouldStartWith("Le fichier ne contient aucune ligne");
        (await RefusedAsync("a.xlsx", TestFiles.Xlsx([]))).ShouldStartWith("La première feuille du classeur ne contient aucune ligne");
    }

    [Fact]
    public async Task Bad_file_random_bytes_named_xlsx()
    {
        var bytes = new byte[4096];
        new Random(4).NextBytes(bytes);
        (await RefusedAsync("acteurs.xlsx", bytes)).ShouldStartWith("« acteurs.xlsx » n'est pas un classeur Excel lisible");

        // A zip that is not a workbook either.
        bytes[0] = 0x50;
        bytes[1] = 0x4B;
        bytes[2] = 0x03;
        bytes[3] = 0x04;
        (await RefusedAsync("acteurs.xlsx", bytes)).ShouldStartWith("« acteurs.xlsx » n'est pas un classeur Excel lisible");
    }

    [Fact]
    public async Task Bad_file_huge_cell()
    {
        var message = await RefusedAsync("a.csv", TestFiles.Csv(Header + "\"" + new string('x', 40_000) + "\";entreprises;;;\n"));
        message.ShouldStartWith("Ligne 2 : une cellule dépasse 32767 caractères");
    }

    [Fact]
    public async Task Bad_file_a_cell_too_long_for_its_column()
    {
        var message = await RefusedAsync("a.csv", TestFiles.Csv("Nom;Famille;Sigle\nAlpha;entreprises;" + new string('S', 60) + "\n"));
        message.ShouldBe("Ligne 2, colonne « Sigle » : 50 caractères au plus.");
    }

    [Fact]
    public async Task Bad_file_formula_cells()
    {
        var message = await RefusedAsync("a.xlsx", TestFiles.Xlsx([["Nom", "Famille"], ["Alpha", "entreprises"], ["=CONCATENER(A2;\"x\")", "entreprises"]]));
        message.ShouldStartWith("Ligne 3, colonne A : la cellule A3 contient une formule.");
    }

    [Fact]
    public async Task Bad_file_merged_header_cells()
    {
        var message = await RefusedAsync("a.xlsx", TestFiles.Xlsx([["Nom", "", "Famille"], ["Alpha", "", "entreprises"]], "A1:B1"));
        message.ShouldStartWith("Ligne 1 : des cellules d'en-tête sont fusionnées (colonnes A à B).");
    }

    [Fact]
    public async Task Bad_file_column_count_varies_by_row()
    {
        var message = await RefusedAsync("a.csv", TestFiles.Csv(Header + "Alpha;entreprises;;;\nBeta;entreprises;;;;en trop\nGamma;entreprises\n"));
        message.ShouldBe(
            "Ligne 3 : 6 cellule(s) alors que la ligne d'en-têtes a 5 colonnes. Une cellule est sans doute décalée (un séparateur en trop ou en moins, un retour à la ligne hors guillemets).\n" +
            "Ligne 4 : 2 cellule(s) alors que la ligne d'en-têtes a 5 colonnes. Une cellule est sans doute décalée (un séparateur en trop ou en moins, un retour à la ligne hors guillemets).");
    }

    [Fact]
    public async Task An_xlsx_workbook_is_imported_with_english_headers()
    {
        var territory = await app.SeedTerritoryAsync();
        var outcome = (await ImportAsync(territory.Id, "a.xlsx", TestFiles.Xlsx([["Name", "Family", "Postal code", "Website"], ["Alpha", "entreprises", "94220", "alpha.fr"]]))).Outcome!;

        outcome.Problems.ShouldBeEmpty();
        var actor = await app.WithDbAsync(db => db.Actors.SingleAsync(a => a.TerritoryId == territory.Id, Cancellation));
        (actor.Name, actor.PostalCode, actor.Website).ShouldBe(("Alpha", "94220", "https://alpha.fr"));
    }

    [Fact]
    public async Task A_sirene_stock_file_skips_ceased_establishments_and_builds_names_addresses_and_families()
    {
        var territory = await app.SeedTerritoryAsync();
        var (active, ceased, association) = (Siret(), Siret(), Siret());
        var csv = "siren,siret,etatAdministratifEtablissement,denominationUniteLegale,enseigne1Etablissement,categorieJuridiqueUniteLegale," +
                  "activitePrincipaleEtablissement,nomenclatureActivitePrincipaleEtablissement,trancheEffectifsEtablissement,numeroVoieEtablissement," +
                  "typeVoieEtablissement,libelleVoieEtablissement,codePostalEtablissement,codeCommuneEtablissement\n" +
                  $"{active[..9]},{active},A,ATELIERS DE LA MARNE,,5710,62.01Z,NAFRev2,11,12,RUE,DE PARIS,94220,94018\n" +
                  $"{ceased[..9]},{ceased},F,ANCIENNE SOCIETE,,5710,62.01Z,NAFRev2,NN,,,,94220,94018\n" +
                  $"{association[..9]},{association},A,,LE TRAIT D'UNION,9220,88.99B,NAFRev2,NN,3,AV,DU GENERAL,94410,94069\n";

        var outcome = (await ImportAsync(territory.Id, "StockEtablissement_extrait.csv", TestFiles.Csv(csv))).Outcome!;

        outcome.Problems.ShouldBeEmpty();
        (outcome.Created, outcome.Skipped).ShouldBe((2L, 1L));
        var actors = await app.WithDbAsync(db => db.Actors.Where(a => a.TerritoryId == territory.Id).OrderBy(a => a.Name).ToListAsync(Cancellation));
        actors.Select(a => (a.Name, a.Family, a.AddressLine1, a.WorkforceBand)).ShouldBe([
            ("ATELIERS DE LA MARNE", Maillage.Actors.ActorFamily.Entreprises, "12 rue DE PARIS", "11"),
            ("LE TRAIT D'UNION", Maillage.Actors.ActorFamily.Associations, "3 avenue DU GENERAL", null),
        ]);
        actors[0].NafCode.ShouldBe("62.01Z");
        actors[0].NafVersion.ShouldBe("naf-rev2");
    }

    [Fact]
    public async Task A_check_reports_what_an_import_would_do_and_writes_nothing()
    {
        var territory = await app.SeedTerritoryAsync();
        var before = await StateAsync(territory.Id);

        var outcome = (await ImportAsync(territory.Id, "a.csv", TestFiles.Csv(Header + $"Alpha;entreprises;{Siret()};;Nouvelle compétence\n"), dryRun: true)).Outcome!;

        (outcome.Committed, outcome.Created).ShouldBe((false, 1L));
        (await StateAsync(territory.Id)).ShouldBe(before);
    }

    [Fact]
    public async Task An_import_cancelled_in_the_middle_of_its_transaction_leaves_the_database_unchanged()
    {
        var territory = await app.SeedTerritoryAsync();
        var before = await StateAsync(territory.Id);
        var rows = ActorImporter.ChunkSize * 3;
        var csv = new StringBuilder(Header);
        for (var i = 0; i < rows; i++)
        {
            csv.Append($"Structure {i};entreprises;{Siret()};94018;Mobilité\n");
        }

        using var abort = new CancellationTokenSource();
        var (outcome, refusal) = ((ImportOutcome?)null, (string?)null);
        await Should.ThrowAsync<OperationCanceledException>(async () =>
            (outcome, refusal) = await ImportAsync(territory.Id, "a.csv", TestFiles.Csv(csv.ToString()), abort: abort,
                wrap: source => new AbortingSource(source, ActorImporter.ChunkSize * 2 + 10, abort)));

        (await StateAsync(territory.Id)).ShouldBe(before);
    }

    [Fact]
    public async Task An_import_left_running_by_a_killed_server_is_marked_interrupted_at_the_next_start()
    {
        var territory = await app.SeedTerritoryAsync();
        var import = new Import(territory.Id, "gros-fichier.csv", 1234, null, "test", DateTime.UtcNow);
        import.Enqueue(dryRun: false);
        import.Start(DateTime.UtcNow);
        await app.WithDbAsync(async db =>
        {
            db.Imports.Add(import);
            return await db.SaveChangesAsync(Cancellation);
        });

        await using var restarted = new MaillageApp(app.Database, withAdministrator: false);
        await restarted.InitializeAsync();
        Import? after = null;
        for (var i = 0; i < 100 && after?.Status != ImportStatus.Interrupted; i++)
        {
            await Task.Delay(100, Cancellation);
            after = await restarted.WithDbAsync(db => db.Imports.AsNoTracking().SingleAsync(x => x.Id == import.Id, Cancellation));
        }

        after!.Status.ShouldBe(ImportStatus.Interrupted);
        after.Message.ShouldBe(ImportJobs.InterruptedMessage);
        (await StateAsync(territory.Id)).Actors.ShouldBe(0);
    }

    [Fact]
    public async Task The_api_imports_a_file_in_the_background_and_reports_problems_by_line_and_column()
    {
        var pilote = await app.CreateUserAsync("pilote");
        var territory = await app.SeedTerritoryAsync((pilote, TerritoryRole.Pilote));
        var client = app.CreateApiClient(await app.CreateTokenAsync(pilote));
        var url = $"/api/v1/territories/{territory.Id}/imports";

        var bad = await PostFileAsync(client, url, "acteurs.csv", "Raison sociale;Type d'acteur;N° SIRET\nAlpha;entreprises;123\n");
        bad.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var badImport = await WaitAsync(client, bad.Headers.Location!.ToString());
        ((string)badImport["status"]!).ShouldBe("echoue");
        var problem = badImport["problems"]!.AsArray().Single()!;
        ((int)problem["line"]!, (string)problem["column"]!).ShouldBe((2, "N° SIRET"));
        ((string)problem["message"]!).ShouldStartWith("Ligne 2, colonne « N° SIRET » : « 123 » n'est pas un SIRET valide");

        var siret = Siret();
        var good = await PostFileAsync(client, url, "acteurs.csv", $"Raison sociale;Type d'acteur;N° SIRET;Notes internes\nAlpha;entreprises;{siret};à ignorer\n",
            mapping: "{\"Notes internes\": \"\"}");
        var done = await WaitAsync(client, good.Headers.Location!.ToString());
        ((string)done["status"]!, (long)done["created"]!, (long)done["rowsRead"]!).ShouldBe(("termine", 1L, 1L));
        ((string)done["mapping"]!["Raison sociale"]!).ShouldBe("name");
        var actor = await app.WithDbAsync(db => db.Actors.SingleAsync(a => a.TerritoryId == territory.Id, Cancellation));
        (actor.Siret, actor.Notes).ShouldBe((siret, null));

        var list = await client.GetFromJsonAsync<JsonNode>(url, Cancellation);
        ((int)list!["total"]!).ShouldBe(2);
        (await client.DeleteAsync(good.Headers.Location, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);

        var unreadable = await PostFileAsync(client, url, "acteurs.xlsx", "pas un classeur");
        unreadable.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await unreadable.Content.ReadAsStringAsync(Cancellation)).ShouldContain("n'est pas un classeur Excel lisible");

        var reader = await app.CreateUserAsync("lecteur");
        await app.WithDbAsync(async db =>
        {
            db.TerritoryMembers.Add(new TerritoryMember(territory.Id, reader.Id, TerritoryRole.Lecteur));
            return await db.SaveChangesAsync(Cancellation);
        });
        var readerClient = app.CreateApiClient(await app.CreateTokenAsync(reader));
        (await readerClient.GetAsync(url, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_remembered_mapping_of_a_territory_is_guessed_for_its_next_file()
    {
        var territory = await app.SeedTerritoryAsync();
        await app.WithDbAsync(async db =>
        {
            await ImportMapping.RememberAsync(db, territory.Id, ["Nom", "Libellé maison"], ["name", "notes"], Cancellation);
            return await db.SaveChangesAsync(Cancellation);
        });

        var guessed = await app.WithDbAsync(db => ImportMapping.GuessAsync(db, territory.Id, ["NOM", "Libelle maison", "N° SIRET"], Cancellation));

        guessed.ShouldBe(["name", "notes", "siret"]);
    }

    private static async Task<HttpResponseMessage> PostFileAsync(HttpClient client, string url, string fileName, string content, string? mapping = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        if (mapping is not null)
        {
            form.Add(new StringContent(mapping), "mapping");
        }

        return await client.PostAsync(url, form, Cancellation);
    }

    private static async Task<JsonNode> WaitAsync(HttpClient client, string url)
    {
        for (var i = 0; i < 600; i++)
        {
            var import = (await client.GetFromJsonAsync<JsonNode>(url, Cancellation))!;
            if ((string)import["status"]! is not ("en-attente" or "en-cours"))
            {
                return import;
            }

            await Task.Delay(100, Cancellation);
        }

        throw new ShouldAssertException("L'import ne s'est pas terminé en une minute.");
    }

    /// <summary>Stops the import after some rows were already written in its transaction, as a kill would.</summary>
    private sealed class AbortingSource : TabularSource
    {
        private readonly TabularSource _inner;
        private readonly int _abortAtRow;
        private readonly CancellationTokenSource _abort;
        private int _rows;

        public AbortingSource(TabularSource inner, int abortAtRow, CancellationTokenSource abort)
        {
            (_inner, _abortAtRow, _abort) = (inner, abortAtRow, abort);
            (Headers, Line, Cells, FixedWidth) = (inner.Headers, inner.Line, inner.Cells, inner.FixedWidth);
        }

        public override double Fraction => _inner.Fraction;

        public override bool Read()
        {
            if (++_rows == _abortAtRow)
            {
                _abort.Cancel();
            }

            var read = _inner.Read();
            (Line, Cells, CellCount) = (_inner.Line, _inner.Cells, _inner.CellCount);
            return read;
        }
    }
}

public sealed class ImportSqliteTests(SqliteApp app) : ImportTests(app), IClassFixture<SqliteApp>;

public sealed class ImportPostgresTests(PostgresApp app) : ImportTests(app), IClassFixture<PostgresApp>;
