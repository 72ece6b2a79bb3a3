using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Maillage.Tests.Actors;
using Maillage.Tests.Infrastructure;
using Maillage.Territories;

namespace Maillage.Tests.Projects;

/// <summary>
/// The project dossier (DOCX) of a Charenton-like project, reopened by the OpenXml SDK and by an independent reader
/// (pandoc), on both databases.
/// </summary>
public abstract class DossierTests(ClockedApp app)
{
    public const string Pandoc = "/usr/bin/pandoc";
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>The outline of source 003 (« Cadre méthodologique d'un projet territorial collectif sur les partenariats »), in its order.</summary>
    private static readonly string[] SourceOutline =
    [
        "Exposé des motifs",
        "Description générale de l'expérimentation",
        "Principes de l'expérimentation",
        "Positionnements respectifs des parties prenantes impliquées",
        "Déroulé global de l'expérimentation",
        "Focus sur chaque partie",
        "Répartition des rôles opérationnels",
        "Planning prévisionnel",
    ];

    private static readonly string[] RoleTableHeader = ["Quel partenariat ?", "Exemple", "Rôles", "Conditions d'exercice"];
    private static readonly string[] Perimeter = ["94018", "94069"];
    private static readonly string[] Themes = ["insertion", "emploi", "handicap"];
    private static readonly string[] PiloteConditions = ["identifie", "neutre", "lien"];
    private static readonly string[] OperateurConditions = ["disponible", "competences"];

    // Accents, « », typographic and straight apostrophes, an œ, and a line break inside one text.
    private const string MotivesLine1 = "Pour les associations : les partenariats avec les entreprises apparaissent comme un levier « pertinent » d’ancrage territorial.";
    private const string MotivesLine2 = "La place des collectivités : la question du « comment faire ? » reste posée ; œuvrer ensemble, c'est l'enjeu.";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancellation))!;

    private sealed record Setup(SeededTerritory Territory, HttpClient Api, TestUser Pilote, TestUser Lecteur, Guid ProjectId, string ProjectUrl);

    private async Task<Setup> CharentonAsync()
    {
        var pilote = await app.CreateUserAsync("pilote");
        var lecteur = await app.CreateUserAsync("lecteur");
        var territory = await app.SeedTerritoryAsync((pilote, TerritoryRole.Pilote), (lecteur, TerritoryRole.Lecteur));
        var api = app.CreateApiClient(await app.CreateTokenAsync(pilote));
        var projects = $"/api/v1/territories/{territory.Id}/projects";
        var created = await api.PostAsJsonAsync(projects, new
        {
            name = "Agir ensemble sur le territoire",
            motives = MotivesLine1 + "\r\n\r\n" + MotivesLine2,
            objectives = "Inventer collectivement des solutions de partenariat pour répondre aux enjeux du territoire.",
            perimeter = Perimeter,
            description = "Des groupes de travail mixtes, associations et entreprises (environ 8 à 12 participants).",
            principles = "Capitaliser les travaux effectués\nÊtre concret dans le travail effectué",
            positioning = "La collectivité invite ; Le RAMEAU apporte la méthode.",
            operationalRoles = "Des rôles partagés autour de l'animation et de l'apport de contenu.",
            themes = Themes,
            targetPopulation = "Associations et entreprises du territoire",
            startDate = "2011-10-01",
            endDate = "2012-12-31",
            targetsCompanies = true,
        }, Cancellation);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Cancellation));
        var project = await ReadAsync(created);
        var id = (Guid)project["id"]!;
        var url = $"{projects}/{id}";

        var phases = new (string Code, object Body)[]
        {
            ("preparation", new { objectives = "Cadrer et préparer l'expérimentation", method = "Entretiens préparatoires avec les élus", startDate = "2011-10-01", endDate = "2011-12-31" }),
            ("experimentation", new { objectives = "Des propositions concrètes d'actions", description = "Réunion de lancement, trois GT, restitution", method = "GT1 : diagnostic partagé\nGT2 : pistes de solution\nGT3 : plan d'action", startDate = "2012-01-01", endDate = "2012-06-30" }),
            ("evaluation", new { objectives = "Suivre la mise en œuvre des plans d'action", startDate = "2012-07-01", endDate = "2012-12-31" }),
        };
        for (var i = 0; i < phases.Length; i++)
        {
            var version = (long)project["phases"]![i]!["version"]!;
            var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(phases[i].Body))!.AsObject();
            body["version"] = version;
            var saved = await api.PutAsJsonAsync($"{url}/phases/{phases[i].Code}", body, Cancellation);
            saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync(Cancellation));
        }

        foreach (var deliverable in new object[]
                 {
                     new { phase = "preparation", title = "Cadre méthodologique partagé", dueDate = "2011-12-15", owner = "Pilotes" },
                     new { phase = "experimentation", title = "Plan d'action (GT3)", dueDate = "2012-05-31", owner = "Groupes de travail", status = "en-cours" },
                     new { phase = "experimentation", title = "Diagnostic partagé du territoire (GT1)", dueDate = "2012-02-29", owner = "Groupes de travail", status = "livre" },
                     new { phase = "evaluation", title = "Bilan de l'expérimentation", dueDate = "2012-12-15", owner = "Copil" },
                 })
        {
            (await api.PostAsJsonAsync($"{url}/deliverables", deliverable, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        (await api.PostAsJsonAsync($"{url}/copils", new { date = "2012-01-12", label = "Copil de lancement" }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await api.PostAsJsonAsync($"{url}/copils", new { date = "2012-07-05", label = "Copil intermédiaire" }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var participations = $"{url}/participations";
        async Task AddAsync(string name, string family, object participation)
        {
            var actor = await api.PostAsJsonAsync($"/api/v1/territories/{territory.Id}/actors", new { name, family }, Cancellation);
            actor.StatusCode.ShouldBe(HttpStatusCode.Created, await actor.Content.ReadAsStringAsync(Cancellation));
            var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(participation))!.AsObject();
            body["actorId"] = (Guid)(await ReadAsync(actor))["id"]!;
            var added = await api.PostAsJsonAsync(participations, body, Cancellation);
            added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync(Cancellation));
        }

        await AddAsync("Maison de l'emploi de Charenton", "emploi-formation",
            new { role = "pilote", function = "Animation des groupes de travail", conditionsMet = PiloteConditions, mobilisation = "moteur", wave = 1, decisionWeight = 30 });
        await AddAsync("France Travail Val-de-Marne", "emploi-formation",
            new { role = "operateur", function = "Recrutement des bénéficiaires", conditionsMet = OperateurConditions, mobilisation = "engage", wave = 1, decisionWeight = 20 });
        await AddAsync("Chambre de commerce et d'industrie", "developpement-economique",
            new { role = "operateur", mobilisation = "interesse", wave = 2, decisionWeight = 10 });
        await AddAsync("Région Île-de-France", "pouvoirs-publics", new { role = "financeur", mobilisation = "engage", wave = 1, decisionWeight = 20 });
        await AddAsync("Le RAMEAU", "associations", new { role = "partenaire", function = "Méthode et capitalisation", mobilisation = "informe", wave = 2, decisionWeight = 20 });
        return new Setup(territory, api, pilote, lecteur, id, url);
    }

    [Fact]
    public async Task Charenton_dossier_reads_back_every_section_in_the_source_order_in_the_OpenXml_SDK()
    {
        var setup = await CharentonAsync();
        var reader = app.CreateApiClient(await app.CreateTokenAsync(setup.Lecteur));

        var response = await reader.GetAsync($"{setup.ProjectUrl}/dossier.docx", Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, "un lecteur télécharge le dossier");
        response.Content.Headers.ContentType!.MediaType.ShouldBe(DocxType);
        var disposition = response.Content.Headers.ContentDisposition!;
        disposition.DispositionType.ShouldBe("attachment");
        (disposition.FileNameStar ?? disposition.FileName).ShouldBe("dossier-agir-ensemble-sur-le-territoire.docx");
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancellation);

        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        new OpenXmlValidator(FileFormatVersions.Office2016).Validate(document, Cancellation)
            .Select(e => $"{e.Path?.XPath} : {e.Description}").ToList().ShouldBeNone("erreurs de validation OpenXml");
        var body = document.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<Paragraph>().ToList();
        string Style(Paragraph p) => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "";

        paragraphs.Where(p => Style(p) == "Title").Select(p => p.InnerText).ShouldBe(["Agir ensemble sur le territoire"]);
        paragraphs.Where(p => Style(p) == "Heading1").Select(p => p.InnerText).ShouldBe(SourceOutline);
        var titlePage = paragraphs.TakeWhile(p => Style(p) != "Heading1").Select(p => p.InnerText).ToList();
        titlePage.ShouldContain($"Territoire : {setup.Territory.Name}");
        titlePage.ShouldContain("Dates : du 01/10/2011 au 31/12/2012");
        titlePage.ShouldContain("Thèmes : Insertion, Emploi, Handicap");
        titlePage.ShouldContain("Public visé : Associations et entreprises du territoire");
        titlePage.ShouldContain(t => System.Text.RegularExpressions.Regex.IsMatch(t,
            @"^Dossier généré par Maillage le \d{1,2} (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}\.$"),
            "la date de génération est écrite en français");

        var texts = paragraphs.Select(p => p.InnerText).ToList();
        texts.ShouldContain(MotivesLine1, "les accents, « » et apostrophes sont intacts");
        texts.ShouldContain(MotivesLine2, "chaque ligne d'un texte est un paragraphe");
        texts.ShouldContain("Capitaliser les travaux effectués");
        texts.ShouldContain("Charenton-le-Pont (commune 94018)");
        texts.ShouldContain("Saint-Maurice (commune 94069)");
        texts.ShouldContain("GT3 : plan d'action");
        paragraphs.Where(p => Style(p) == "Heading2").Select(p => p.InnerText)
            .ShouldBe(["Objectifs de l'expérimentation", "Périmètre géographique", "Éléments descriptifs", "Parties prenantes du projet",
                "La préparation", "L'expérimentation", "L'évaluation / le suivi post-expérimentation",
                "La préparation", "L'expérimentation", "L'évaluation / le suivi post-expérimentation",
                "Définition du rôle et de la fonction des partenaires"]);

        var tables = body.Elements<Table>().ToList();
        IReadOnlyList<string> Header(Table t) => t.Elements<TableRow>().First().Elements<TableCell>().Select(c => c.InnerText).ToList();
        tables.ShouldAllBe(t => t.Elements<TableRow>().First().TableRowProperties!.GetFirstChild<TableHeader>() != null, "chaque tableau a sa ligne d'en-tête");

        var participants = tables.Single(t => Header(t)[0] == "Acteur");
        Header(participants).ShouldBe(["Acteur", "Famille", "Rôle", "Fonction", "Vague", "Mobilisation"]);
        var participantRows = participants.Elements<TableRow>().Skip(1).Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
        participantRows.Count.ShouldBe(5);
        participantRows[0].ShouldBe(["Maison de l'emploi de Charenton", "Opérateurs de l'emploi et de la formation", "Pilote", "Animation des groupes de travail", "1", "Moteur"]);
        participantRows.ShouldContain(r => r[0] == "Région Île-de-France" && r[2] == "Financeur" && r[1] == "Pouvoirs publics");

        var deliverables = tables.Where(t => Header(t)[0] == "Livrable").ToList();
        deliverables.Count.ShouldBe(3, "un tableau de livrables par phase");
        deliverables[1].Elements<TableRow>().Skip(1).Select(r => string.Join(" | ", r.Elements<TableCell>().Select(c => c.InnerText)))
            .ShouldBe(["Diagnostic partagé du territoire (GT1) | 29/02/2012 | Groupes de travail | Livré", "Plan d'action (GT3) | 31/05/2012 | Groupes de travail | En cours"]);

        var roles = tables.Single(t => Header(t)[0] == "Quel partenariat ?");
        Header(roles).ShouldBe(RoleTableHeader);
        var roleRows = roles.Elements<TableRow>().Skip(1).Select(r => r.Elements<TableCell>().ToList()).ToList();
        roleRows.Select(r => r[0].InnerText).ShouldBe(["Pilote", "Opérateur", "Financeur", "Partenaire"]);
        var pilote = roleRows[0].Select(c => c.Elements<Paragraph>().Select(p => p.InnerText).ToList()).ToList();
        pilote[1].ShouldBe(["Maison de l'emploi de Charenton — Animation des groupes de travail (vague 1, moteur)"]);
        pilote[2].Single().ShouldStartWith("Il est en charge du projet");
        pilote[3].ShouldContain("✓ Maison de l'emploi de Charenton : remplie");
        pilote[3].ShouldContain("✗ Maison de l'emploi de Charenton : à vérifier");
        pilote[3].Count(t => t.StartsWith('✓')).ShouldBe(3);
        pilote[3].Count(t => t.StartsWith('✗')).ShouldBe(2);
        var operateur = roleRows[1][3].Elements<Paragraph>().Select(p => p.InnerText).ToList();
        operateur.ShouldContain("✓ France Travail Val-de-Marne : remplie");
        operateur.ShouldContain("✗ Chambre de commerce et d'industrie : à vérifier");
        roleRows[2][3].InnerText.ShouldBe("Aucune condition d'exercice particulière.");

        var planning = tables.Single(t => Header(t)[0] == "Date");
        var planningRows = planning.Elements<TableRow>().Skip(1).Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
        planningRows.First().ShouldBe(["01/10/2011", "Projet", "Début du projet"]);
        planningRows.Last().ShouldBe(["31/12/2012", "Projet", "Fin du projet"]);
        planningRows.Select(r => DateOnly.ParseExact(r[0], "dd/MM/yyyy")).ShouldBeInOrder(SortDirection.Ascending);
        planningRows.ShouldContain(r => r[0] == "12/01/2012" && r[1] == "Copil" && r[2] == "Copil de lancement");
        planningRows.ShouldContain(r => r[0] == "31/05/2012" && r[1] == "Livrable" && r[2] == "Plan d'action (GT3) (Groupes de travail)");
        planningRows.Count(r => r[1] == "Phase").ShouldBe(6);

        var footer = document.MainDocumentPart.FooterParts.Single().Footer!;
        footer.Descendants<SimpleField>().Select(f => f.Instruction!.Value!.Trim()).ShouldBe(["PAGE", "NUMPAGES"]);
        document.PackageProperties.Title.ShouldBe("Agir ensemble sur le territoire");
    }

    [Fact]
    public async Task Charenton_dossier_reads_back_in_pandoc_an_independent_reader()
    {
        var setup = await CharentonAsync();
        var bytes = await setup.Api.GetByteArrayAsync($"{setup.ProjectUrl}/dossier.docx", Cancellation);

        var text = await PandocAsync(bytes, "plain");
        text.ShouldStartWith("Agir ensemble sur le territoire\n", Case.Sensitive, "pandoc lit le style Titre comme le titre du document");
        var positions = SourceOutline.Select(h => text.IndexOf(h, StringComparison.Ordinal)).ToList();
        positions.ShouldAllBe(p => p >= 0, "chaque section du cadre est lue par pandoc :\n" + text);
        positions.ShouldBeInOrder(SortDirection.Ascending, "les sections dans l'ordre de la source");
        foreach (var expected in new[]
                 {
                     "Agir ensemble sur le territoire", MotivesLine1, MotivesLine2, "Charenton-le-Pont", "Saint-Maurice",
                     "Inventer collectivement des solutions de partenariat", "Être concret dans le travail effectué",
                     "Cadre méthodologique partagé", "Diagnostic partagé du territoire (GT1)", "Copil de lancement", "Copil intermédiaire",
                     "GT2 : pistes de solution", "Maison de l'emploi de Charenton", "France Travail Val-de-Marne", "Région Île-de-France", "Le RAMEAU",
                     "Quel partenariat ?", "Conditions d'exercice", "✓ Maison de l'emploi de Charenton : remplie", "✗ Chambre de commerce et d'industrie : à vérifier",
                     "Suivre la mise en œuvre des plans d'action", "31/12/2012",
                 })
        {
            text.ShouldContain(expected, Case.Sensitive, $"pandoc lit « {expected} » dans :\n{text}");
        }

        // The markdown writer escapes apostrophes (« l\'expérimentation »): read them back as typed.
        var markdown = (await PandocAsync(bytes, "markdown")).Replace("\\'", "'", StringComparison.Ordinal);
        foreach (var heading in SourceOutline)
        {
            markdown.ShouldContain("\n# " + heading, Case.Sensitive, "pandoc reconnaît le style Titre 1");
        }

        markdown.ShouldContain("title: Agir ensemble sur le territoire");
        markdown.ShouldContain("\n## Définition du rôle et de la fonction des partenaires");
    }

    [Fact]
    public async Task An_empty_project_prints_the_whole_frame_with_non_renseigne()
    {
        var pilote = await app.CreateUserAsync("pilote");
        var territory = await app.SeedTerritoryAsync((pilote, TerritoryRole.Pilote));
        var api = app.CreateApiClient(await app.CreateTokenAsync(pilote));
        var created = await api.PostAsJsonAsync($"/api/v1/territories/{territory.Id}/projects", new { name = "Projet à cadrer" }, Cancellation);
        var id = (Guid)(await ReadAsync(created))["id"]!;

        var bytes = await api.GetByteArrayAsync($"/api/v1/territories/{territory.Id}/projects/{id}/dossier.docx", Cancellation);
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        new OpenXmlValidator(FileFormatVersions.Office2016).Validate(document, Cancellation)
            .Select(e => $"{e.Path?.XPath} : {e.Description}").ToList().ShouldBeNone("erreurs de validation OpenXml");
        var paragraphs = document.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().ToList();
        paragraphs.Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == "Heading1").Select(p => p.InnerText).ShouldBe(SourceOutline);
        var texts = paragraphs.Select(p => p.InnerText).ToList();
        texts.ShouldContain("Dates : non renseignées");
        texts.ShouldContain("Durée du projet : non renseignée.");
        // Motives, objectives, perimeter, description, principles, positioning, participants, 3 × 3 phase texts, 3 × 2 phase dates,
        // operational roles, the four roles' holders in the role table, planning.
        texts.Count(t => t == "Non renseigné.").ShouldBe(28);
        texts.Count(t => t == "Livrables : non renseigné.").ShouldBe(3);

        var roleTable = document.MainDocumentPart.Document.Body!.Elements<Table>().Single();
        roleTable.Elements<TableRow>().Skip(1).Select(r => r.Elements<TableCell>().First().InnerText).ShouldBe(["Pilote", "Opérateur", "Financeur", "Partenaire"]);
        roleTable.Elements<TableRow>().ElementAt(1).Elements<TableCell>().ElementAt(1).InnerText
            .ShouldBe("Non renseigné.Exemple du tableau de référence : Maison de l'emploi", "le tableau rappelle l'exemple de la source");

        var text = await PandocAsync(bytes, "plain");
        text.ShouldContain("Projet à cadrer");
        text.ShouldContain("Planning prévisionnel");
    }

    [Fact]
    public async Task A_control_character_pasted_in_a_text_is_dropped_and_everything_else_is_kept()
    {
        var pilote = await app.CreateUserAsync("pilote");
        var territory = await app.SeedTerritoryAsync((pilote, TerritoryRole.Pilote));
        var api = app.CreateApiClient(await app.CreateTokenAsync(pilote));
        var created = await api.PostAsJsonAsync($"/api/v1/territories/{territory.Id}/projects",
            new { name = "Cœur de ville", motives = "Texte collé\u0007 depuis un tableur 🙂\nSeconde ligne\tavec tabulation", startDate = "2026-01-05" }, Cancellation);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Cancellation));
        var id = (Guid)(await ReadAsync(created))["id"]!;

        var response = await api.GetAsync($"/api/v1/territories/{territory.Id}/projects/{id}/dossier.docx", Cancellation);
        (response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName).ShouldBe("dossier-coeur-de-ville.docx");
        var bytes = await response.Content.ReadAsByteArrayAsync(Cancellation);
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        new OpenXmlValidator(FileFormatVersions.Office2016).Validate(document, Cancellation)
            .Select(e => $"{e.Path?.XPath} : {e.Description}").ToList().ShouldBeNone("erreurs de validation OpenXml");
        var texts = document.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().Select(p => p.InnerText).ToList();
        texts.ShouldContain("Texte collé depuis un tableur 🙂");
        texts.ShouldContain("Seconde ligne\tavec tabulation");
        texts.ShouldContain("Cœur de ville");
        texts.ShouldContain("Dates : à partir du 05/01/2026 (fin non renseignée)", "une date manquante est dite, pas laissée en blanc");
    }

    [Fact]
    public async Task Another_territorys_project_answers_404_and_the_project_page_links_to_a_working_download()
    {
        var setup = await CharentonAsync();
        var other = await app.SeedTerritoryAsync((setup.Pilote, TerritoryRole.Pilote));
        (await setup.Api.GetAsync($"/api/v1/territories/{other.Id}/projects/{setup.ProjectId}/dossier.docx", Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await setup.Api.GetAsync($"/api/v1/territories/{setup.Territory.Id}/projects/{Guid.NewGuid()}/dossier.docx", Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var outsider = app.CreateApiClient(await app.CreateTokenAsync(await app.CreateUserAsync("ailleurs")));
        (await outsider.GetAsync($"{setup.ProjectUrl}/dossier.docx", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var browser = await app.LoginAsync(setup.Lecteur);
        var (_, page) = await browser.GetPageAsync($"/territoires/{setup.Territory.Id}/projets/{setup.ProjectId}");
        var link = page.QuerySelector("a.dossier-download")!;
        link.TextContent.Trim().ShouldBe("Télécharger le dossier (Word)");
        link.GetAttribute("download").ShouldBe("dossier-agir-ensemble-sur-le-territoire.docx");
        var download = await browser.GetAsync(link.GetAttribute("href"), Cancellation);
        download.StatusCode.ShouldBe(HttpStatusCode.OK, "le lien de la page télécharge avec la session de la personne");
        download.Content.Headers.ContentType!.MediaType.ShouldBe(DocxType);
        using var document = WordprocessingDocument.Open(new MemoryStream(await download.Content.ReadAsByteArrayAsync(Cancellation)), false);
        document.MainDocumentPart!.Document.Body!.Descendants<Paragraph>().First().InnerText.ShouldBe("Agir ensemble sur le territoire");
    }

    /// <summary>Converts a DOCX with pandoc, the independent reader; fails (never skips) when pandoc is not installed.</summary>
    public static async Task<string> PandocAsync(byte[] docx, string to)
    {
        File.Exists(Pandoc).ShouldBeTrue($"pandoc introuvable ({Pandoc}) : lancez scripts/test, qui l'installe, ou « apt-get install -y pandoc ».");
        var start = new ProcessStartInfo(Pandoc)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8, StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var argument in new[] { "-f", "docx", "-t", to, "--standalone", "--wrap=none", "--columns=1000" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancellation);
        var error = process.StandardError.ReadToEndAsync(Cancellation);
        await process.StandardInput.BaseStream.WriteAsync(docx, Cancellation);
        process.StandardInput.Close();
        await process.WaitForExitAsync(Cancellation);
        process.ExitCode.ShouldBe(0, await error);
        return (await output).Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}

public sealed class DossierTests_Sqlite(ActorsSqliteApp app) : DossierTests(app), IClassFixture<ActorsSqliteApp>;

public sealed class DossierTests_PostgreSql(ActorsPostgresApp app) : DossierTests(app), IClassFixture<ActorsPostgresApp>;
