using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using ExcelDataReader;
using Maillage.Actors;
using Maillage.Actors.Transfer;
using Maillage.Data;
using Maillage.Imports;
using Maillage.Territories;
using Maillage.Territories.Reference;
using Maillage.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Transfer;

/// <summary>
/// The directory's export as a person and a program receive it: the XLSX read back by ExcelDataReader and checked by
/// the OpenXml SDK's validator, the CSV decoded as French Excel does, the JSON parsed; the directory's filters
/// honoured; another territory's export refused.
/// </summary>
public abstract class ExportTests(MaillageApp app)
{
    private const string Formula = "=HYPERLINK(\"http://exemple.invalid\";\"cliquez\")";

    static ExportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private sealed record Seeded(Guid TerritoryId, HttpClient Lecteur, string TerritoryName);

    /// <summary>A territory with five actors covering every column, read by a Lecteur through a personal token.</summary>
    private async Task<Seeded> SeedAsync()
    {
        var lecteur = await app.CreateUserAsync("lecteur");
        var territory = await app.SeedTerritoryAsync((lecteur, TerritoryRole.Lecteur));
        await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var reference = services.GetRequiredService<InseeReference>();
            var catalog = await SubtypeCatalog.LoadAsync(db, territory.Id, Cancellation);
            Actor Make(string name, ActorFamily family, string? subtype)
            {
                var actor = new Actor(territory.Id, name, null, family);
                actor.Classify(family, subtype, catalog);
                db.Actors.Add(actor);
                return actor;
            }

            var full = Make("Épicerie solidaire « Le Panier »", ActorFamily.Associations, "association");
            full.Rename("Épicerie solidaire « Le Panier »", "EPS");
            full.SetExternalId("REF-001");
            full.SetIdentifiers(null, null, "W941234567");
            full.SetActivity("88.99B", null, "11");
            full.SetAddress("12, rue de Paris", "Bâtiment B; 2e étage", "94220", "94018", reference);
            full.SetPerimeter(Perimeter.Parse("94018 200054781 region:11"));
            full.SetCompetences(await Competence.ResolveAsync(db, territory.Id, ["aide alimentaire", "insertion"], Cancellation));
            full.SetModes(InterventionModes.Benevolat | InterventionModes.Locaux);
            full.Describe("Une ligne\npuis une autre, avec des \"guillemets\"", "epicerie.exemple.fr", Formula);

            var company = Make("Boulangerie Martin", ActorFamily.Entreprises, "entreprise");
            company.SetIdentifiers(null, "44306184100021", null);
            company.SetAddress(null, null, null, "94069", reference);
            company.Describe(null, null, "-20 % pour les adhérents");
            company.SetModes(InterventionModes.Mecenat);

            Make("Ville de Charenton-le-Pont", ActorFamily.PouvoirsPublics, "commune").SetAddress(null, null, null, "94018", reference);
            Make("@Club des entrepreneurs", ActorFamily.Entreprises, null).Describe(null, null, "+33 1 02 03 04 05");
            Make("Association des Jardins", ActorFamily.Associations, "association").SetModes(InterventionModes.Benevolat);
            await db.SaveChangesAsync(Cancellation);
        });
        return new Seeded(territory.Id, app.CreateApiClient(await app.CreateTokenAsync(lecteur)), territory.Name);
    }

    private async Task<List<Actor>> ActorsAsync(Guid territoryId, Func<IQueryable<Actor>, IQueryable<Actor>>? filter = null) =>
        await app.WithDbAsync(async db =>
        {
            var actors = db.Actors.AsNoTracking().Where(a => a.TerritoryId == territoryId);
            return await (filter ?? (q => q))(actors).OrderBy(a => a.NameKey).ThenBy(a => a.Id).ToListAsync(Cancellation);
        });

    private static async Task<(HttpResponseMessage Response, byte[] Body)> ExportAsync(HttpClient client, Guid territoryId, string query)
    {
        var response = await client.GetAsync($"/api/v1/territories/{territoryId}/actors/export?{query}", Cancellation);
        return (response, await response.Content.ReadAsByteArrayAsync(Cancellation));
    }

    private static List<string?[]> ReadXlsx(byte[] bytes)
    {
        using var reader = ExcelReaderFactory.CreateReader(new MemoryStream(bytes));
        var rows = new List<string?[]>();
        while (reader.Read())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.GetValue(i)?.ToString();
            }

            rows.Add(row);
        }

        return rows;
    }

    private static List<string?[]> ReadFrenchCsv(byte[] bytes)
    {
        // French Excel: UTF-8 only when the file starts with a byte order mark, cells split at « ; ».
        bytes.AsSpan(0, 3).ToArray().ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF }, "le fichier doit commencer par le BOM UTF-8");
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return ParseCsv(reader.ReadToEnd(), ';');
    }

    /// <summary>RFC 4180 as a spreadsheet reads it: quoted cells may hold the separator, quotes doubled and line breaks.</summary>
    private static List<string?[]> ParseCsv(string text, char separator)
    {
        var rows = new List<string?[]>();
        var row = new List<string?>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                row.Add(cell.Length == 0 ? null : cell.ToString());
                cell.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.Length == 0 ? null : cell.ToString());
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                cell.Append(c);
            }
        }

        quoted.ShouldBeFalse("une cellule entre guillemets n'est pas refermée");
        (row.Count == 0 && cell.Length == 0).ShouldBeTrue("le fichier doit finir par CRLF");
        return rows;
    }

    private static string?[] Expected(Actor actor) => [.. ActorColumns.All.Select(c => c.Read(actor))];

    private static string?[] Pad(string?[] row) =>
        [.. Enumerable.Range(0, ActorColumns.All.Count).Select(i => i < row.Length && row[i]?.Length > 0 ? row[i] : null)];

    [Fact]
    public async Task Xlsx_export_reads_back_in_ExcelDataReader_and_passes_the_OpenXml_validator()
    {
        var seeded = await SeedAsync();
        var (response, bytes) = await ExportAsync(seeded.Lecteur, seeded.TerritoryId, "format=xlsx");

        response.StatusCode.ShouldBe(HttpStatusCode.OK, Encoding.UTF8.GetString(bytes));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var fileName = response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!;
        fileName.ShouldStartWith("acteurs-" + TextKey.Slug(seeded.TerritoryName));
        fileName.ShouldEndWith(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".xlsx");

        var rows = ReadXlsx(bytes);
        rows[0].ShouldBe(ActorColumns.All.Select(c => c.Header).ToArray());
        var actors = await ActorsAsync(seeded.TerritoryId);
        rows.Count.ShouldBe(actors.Count + 1);
        for (var i = 0; i < actors.Count; i++)
        {
            Pad(rows[i + 1]).ShouldBe(Expected(actors[i]), $"ligne {i + 2}");
        }

        // Codes stay text (a commune code keeps its leading digits), a formula is only text in a spreadsheet.
        var full = rows.Single(r => r[0] == "REF-001");
        full[Column(ActorColumns.CommuneCode)].ShouldBe("94018");
        full[Column(ActorColumns.Perimeter)].ShouldBe("94018 200054781 region:11");
        full[Column(ActorColumns.Competences)].ShouldBe("aide alimentaire; insertion");
        full[Column(ActorColumns.Modes)].ShouldBe("benevolat, locaux");
        full[Column(ActorColumns.Notes)].ShouldBe(Formula);

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var errors = new OpenXmlValidator().Validate(document, TestContext.Current.CancellationToken).ToList();
        errors.ShouldBeEmpty(string.Join("\n", errors.Select(e => $"{e.Description} ({e.Path?.XPath})")));
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var pane = sheet.Descendants<Pane>().Single();
        pane.State!.Value.ShouldBe(PaneStateValues.Frozen);
        pane.VerticalSplit!.Value.ShouldBe(1);
        var lastColumn = XlsxSheetWriter.ColumnLetters(ActorColumns.All.Count - 1);
        sheet.Descendants<AutoFilter>().Single().Reference!.Value.ShouldBe($"A1:{lastColumn}{actors.Count + 1}");
        var headerStyle = sheet.Descendants<Row>().First().Descendants<Cell>().First().StyleIndex!.Value;
        var font = document.WorkbookPart.WorkbookStylesPart!.Stylesheet.Fonts!.Elements<Font>()
            .ElementAt((int)document.WorkbookPart.WorkbookStylesPart.Stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)headerStyle).FontId!.Value);
        font.Bold.ShouldNotBeNull("l'en-tête doit être en gras");
        sheet.Descendants<Cell>().Any(c => c.CellFormula is not null).ShouldBeFalse("aucune cellule ne doit être une formule");
    }

    [Fact]
    public async Task Csv_export_opens_as_French_Excel_with_formulas_neutralised()
    {
        var seeded = await SeedAsync();
        var (response, bytes) = await ExportAsync(seeded.Lecteur, seeded.TerritoryId, "format=csv");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/csv; charset=utf-8");
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        text.ShouldStartWith(string.Join(';', ActorColumns.All.Select(c => c.Header)) + "\r\n");
        text.Replace("\r\n", "", StringComparison.Ordinal).Replace("Une ligne\npuis", "", StringComparison.Ordinal)
            .ShouldNotContain("\n", customMessage: "chaque fin de ligne est CRLF ; un saut de ligne seul n'existe que dans une cellule");

        var rows = ReadFrenchCsv(bytes);
        rows[0].ShouldBe(ActorColumns.All.Select(c => c.Header).ToArray());
        var actors = await ActorsAsync(seeded.TerritoryId);
        rows.Count.ShouldBe(actors.Count + 1);
        var full = rows.Single(r => r[0] == "REF-001");
        full[Column(ActorColumns.Notes)].ShouldBe("'" + Formula);
        full[Column(ActorColumns.AddressLine2)].ShouldBe("Bâtiment B; 2e étage");
        full[Column(ActorColumns.CollaborativeLogic)].ShouldBe("Une ligne\npuis une autre, avec des \"guillemets\"");
        full[Column(ActorColumns.Name)].ShouldBe("Épicerie solidaire « Le Panier »");
        rows.Single(r => r[Column(ActorColumns.Name)] == "'@Club des entrepreneurs")[Column(ActorColumns.Notes)].ShouldBe("'+33 1 02 03 04 05");
        rows.Single(r => r[Column(ActorColumns.Name)] == "Boulangerie Martin")[Column(ActorColumns.Notes)].ShouldBe("'-20 % pour les adhérents");

        // Apart from the apostrophe before a would-be formula, every cell is the actor's value.
        for (var i = 0; i < actors.Count; i++)
        {
            Pad(rows[i + 1]).Select(v => v is ['\'', ..] ? v[1..] : v).ShouldBe(Expected(actors[i]), $"ligne {i + 2}");
        }
    }

    [Fact]
    public async Task Json_export_is_an_array_of_objects_named_as_the_api()
    {
        var seeded = await SeedAsync();
        var (response, bytes) = await ExportAsync(seeded.Lecteur, seeded.TerritoryId, "format=json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var items = JsonNode.Parse(bytes)!.AsArray();
        var actors = await ActorsAsync(seeded.TerritoryId);
        items.Select(i => (Guid)i!["id"]!).ShouldBe(actors.Select(a => a.Id));
        var full = items.Single(i => (string?)i!["externalId"] == "REF-001")!;
        var fromApi = JsonNode.Parse(await seeded.Lecteur.GetStringAsync($"/api/v1/territories/{seeded.TerritoryId}/actors/{full["id"]}", Cancellation))!;
        foreach (var field in new[] { "name", "acronym", "family", "subtype", "siren", "siret", "rna", "naf", "nafVersion", "workforceBand",
                     "addressLine1", "addressLine2", "postalCode", "communeCode", "collaborativeLogic", "website", "notes", "externalId" })
        {
            ((string?)full[field]).ShouldBe((string?)fromApi[field], field);
        }

        full["perimeter"]!.AsArray().Select(v => (string)v!).ShouldBe(["94018", "200054781", "region:11"]);
        full["competences"]!.AsArray().Select(v => (string)v!).ShouldBe(fromApi["competences"]!.AsArray().Select(v => (string)v!));
        full["modes"]!.AsArray().Select(v => (string)v!).ShouldBe(["benevolat", "locaux"]);
        ((long)full["version"]!).ShouldBe((long)fromApi["version"]!);
    }

    [Fact]
    public async Task Export_honours_the_directory_filters()
    {
        var seeded = await SeedAsync();
        async Task<List<string>> NamesAsync(string query)
        {
            var (response, bytes) = await ExportAsync(seeded.Lecteur, seeded.TerritoryId, "format=json&" + query);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, Encoding.UTF8.GetString(bytes));
            return [.. JsonNode.Parse(bytes)!.AsArray().Select(i => (string)i!["name"]!)];
        }

        (await NamesAsync("family=entreprises")).ShouldBe(["Boulangerie Martin", "@Club des entrepreneurs"]);
        (await NamesAsync("family=associations&subtype=association&mode=benevolat")).ShouldBe(["Association des Jardins", "Épicerie solidaire « Le Panier »"]);
        (await NamesAsync("mode=benevolat,locaux")).ShouldBe(["Épicerie solidaire « Le Panier »"]);
        (await NamesAsync("commune=94069")).ShouldBe(["Boulangerie Martin"]);
        (await NamesAsync("commune=200054781&family=pouvoirs-publics")).ShouldBe(["Ville de Charenton-le-Pont"]);
        (await NamesAsync("competence=Aide%20alimentaire")).ShouldBe(["Épicerie solidaire « Le Panier »"]);
        (await NamesAsync("competence=inconnue")).ShouldBeEmpty();
        (await NamesAsync("q=443061841")).ShouldBe(["Boulangerie Martin"]);
        (await NamesAsync("q=jardins")).ShouldBe(["Association des Jardins"]);
        (await NamesAsync("q=bo")).ShouldBe(["Boulangerie Martin"]);

        var (bad, body) = await ExportAsync(seeded.Lecteur, seeded.TerritoryId, "format=pdf&family=banques");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = JsonNode.Parse(body)!["errors"]!.AsObject();
        ((string)errors["format"]![0]!).ShouldContain("xlsx, csv ou json");
        ((string)errors["family"]![0]!).ShouldContain("Famille inconnue");
    }

    /// <summary>Imports a file as the background job does: the importer's outcome.</summary>
    private async Task<ImportOutcome> ImportAsync(Guid territoryId, string fileName, byte[] content)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        using var source = SireneSource.Wrap(TabularFile.Open(new MemoryStream(content), fileName));
        var mapping = await ImportMapping.GuessAsync(db, territoryId, source.Headers, Cancellation);
        return await new ActorImporter(db, scope.ServiceProvider.GetRequiredService<InseeReference>(), TimeProvider.System)
            .RunAsync(territoryId, source, mapping, new ImportRunOptions { UserName = "test" }, Cancellation);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    [InlineData("json")]
    public async Task Export_then_import_is_lossless(string format)
    {
        var seeded = await SeedAsync();
        var (response, body) = await ExportAsync(seeded.Lecteur, seeded.TerritoryId, "format=" + format);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var before = await ActorsAsync(seeded.TerritoryId);

        // Into the same territory: every row finds its actor again (identifier, external id or name) and nothing moves.
        var again = await ImportAsync(seeded.TerritoryId, "annuaire." + format, body);
        again.Committed.ShouldBeTrue(string.Join("\n", again.Problems.Select(p => p.Message)));
        (again.Created, again.Updated, again.Unchanged).ShouldBe((0L, 0L, 5L));
        (await ActorsAsync(seeded.TerritoryId)).Select(a => (a.Id, a.Version)).ShouldBe(before.Select(a => (a.Id, a.Version)));

        // Into an empty territory: the same actors, cell by cell, formulas neutralised on the way out and restored on the way in.
        var empty = await app.SeedTerritoryAsync();
        var copy = await ImportAsync(empty.Id, "annuaire." + format, body);
        copy.Created.ShouldBe(5, string.Join("\n", copy.Problems.Select(p => p.Message)));
        var copies = await ActorsAsync(empty.Id);
        foreach (var column in ActorColumns.All)
        {
            copies.Select(column.Read).ShouldBe(before.Select(column.Read), $"colonne « {column.Header} »");
        }
    }

    [Fact]
    public async Task Another_territory_export_answers_404()
    {
        var seeded = await SeedAsync();
        var other = await SeedAsync();
        var (response, _) = await ExportAsync(seeded.Lecteur, other.TerritoryId, "format=csv");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Export_pages_through_every_actor_even_when_names_repeat()
    {
        var seeded = await SeedAsync();
        const int count = (ActorExport.BatchSize * 2) + 317;
        await app.WithDbAsync(async db =>
        {
            // Seven names only: thousands of ties on the name key, which the keyset must break by id.
            db.Actors.AddRange(Enumerable.Range(0, count).Select(i => new Actor(seeded.TerritoryId, $"Structure {i % 7}", null, ActorFamily.Associations)));
            return await db.SaveChangesAsync(Cancellation);
        });

        var (response, bytes) = await ExportAsync(seeded.Lecteur, seeded.TerritoryId, "format=json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var ids = JsonNode.Parse(bytes)!.AsArray().Select(i => (Guid)i!["id"]!).ToList();
        var expected = (await ActorsAsync(seeded.TerritoryId)).Select(a => a.Id).ToList();
        ids.Count.ShouldBe(count + 5);
        ids.ShouldBe(expected, "l'ordre est celui du nom puis de l'identifiant, sans doublon ni oubli");

        var (xlsx, xlsxBytes) = await ExportAsync(seeded.Lecteur, seeded.TerritoryId, "format=xlsx&q=structure");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        ReadXlsx(xlsxBytes).Count.ShouldBe(count + 1);
    }

    [Fact]
    public async Task Directory_page_export_buttons_carry_the_filters_and_download_the_file()
    {
        var seeded = await SeedAsync();
        var lecteur = await app.CreateUserAsync("lecteur-page");
        await app.WithDbAsync(async db =>
        {
            db.TerritoryMembers.Add(new TerritoryMember(seeded.TerritoryId, lecteur.Id, TerritoryRole.Lecteur));
            return await db.SaveChangesAsync(Cancellation);
        });
        var browser = await app.LoginAsync(lecteur);
        var (page, document) = await browser.GetPageAsync($"/territoires/{seeded.TerritoryId}/acteurs?famille=entreprises");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var link = document.QuerySelectorAll(".directory-export a").Select(a => a.GetAttribute("href")!).Single(h => h.Contains("format=csv", StringComparison.Ordinal));
        link.ShouldContain("handler=export");
        link.ShouldContain("famille=entreprises");

        var response = await browser.GetAsync(link, Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        var rows = ReadFrenchCsv(await response.Content.ReadAsByteArrayAsync(Cancellation));
        rows.Skip(1).Select(r => r[Column(ActorColumns.Name)]).ShouldBe(["Boulangerie Martin", "'@Club des entrepreneurs"]);
    }

    private static int Column(string key) => ActorColumns.All.ToList().FindIndex(c => c.Key == key);
}

public sealed class ExportTests_Sqlite(SqliteApp app) : ExportTests(app), IClassFixture<SqliteApp>;

public sealed class ExportTests_PostgreSql(PostgresApp app) : ExportTests(app), IClassFixture<PostgresApp>;
