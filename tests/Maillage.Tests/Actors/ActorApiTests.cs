using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Maillage.Actors;
using Maillage.Tests.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Actors;

/// <summary>A clock the tests move, injected as the app's <see cref="TimeProvider"/>.</summary>
public sealed class TestClock : TimeProvider
{
    public DateTimeOffset? Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now ?? DateTimeOffset.UtcNow;
}

public abstract class ClockedApp(DatabaseKind kind) : MaillageApp(kind)
{
    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class ActorsSqliteApp() : ClockedApp(DatabaseKind.Sqlite);

public sealed class ActorsPostgresApp() : ClockedApp(DatabaseKind.PostgreSql);

public abstract class ActorApiTests(ClockedApp app)
{
    private static int _sirens;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A valid SIREN no other test uses.</summary>
    private static string NewSiren()
    {
        var body = (10_000_000 + Interlocked.Increment(ref _sirens) * 7919).ToString("D8", CultureInfo.InvariantCulture);
        return body + Identifiers.LuhnKey(body);
    }

    private sealed record Api(HttpClient Client, Guid TerritoryId)
    {
        public string Url(string path) => $"/api/v1/territories/{TerritoryId}/{path}";

        public Task<Answer> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

        public Task<Answer> PostAsync(string path, object? body = null) => SendAsync(HttpMethod.Post, path, body ?? new { });

        public Task<Answer> PutAsync(string path, object body) => SendAsync(HttpMethod.Put, path, body);

        public Task<Answer> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

        private async Task<Answer> SendAsync(HttpMethod method, string path, object? body = null)
        {
            using var request = new HttpRequestMessage(method, Url(path));
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

            using var response = await Client.SendAsync(request, Cancellation);
            var text = await response.Content.ReadAsStringAsync(Cancellation);
            return new Answer(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), text);
        }

        public async Task<JsonNode> CreateActorAsync(string name, string family = "associations", object? more = null)
        {
            var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(more ?? new { }, System.Text.Json.JsonSerializerOptions.Web))!.AsObject();
            body["name"] = name;
            body["family"] = family;
            var answer = await PostAsync("actors?force=true", body);
            answer.Status.ShouldBe(HttpStatusCode.Created, answer.Text);
            return answer.Body!;
        }

        public async Task<JsonNode> CreateContactAsync(Guid actorId, string lastName, object? more = null)
        {
            var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(more ?? new { }, System.Text.Json.JsonSerializerOptions.Web))!.AsObject();
            body["lastName"] = lastName;
            body["lawfulBasis"] ??= "interet-legitime";
            var answer = await PostAsync($"actors/{actorId}/contacts", body);
            answer.Status.ShouldBe(HttpStatusCode.Created, answer.Text);
            return answer.Body!;
        }
    }

    private sealed record Answer(HttpStatusCode Status, JsonNode? Body, string Text)
    {
        public JsonArray Items => Body?["items"]?.AsArray() ?? throw new ShouldAssertException($"Pas de liste : {(int)Status} {Text}");

        public int Total => (int?)Body?["total"] ?? throw new ShouldAssertException($"Pas de total : {(int)Status} {Text}");

        public List<string> Names => Items.Select(i => (string)i!["name"]!).ToList();

        public IReadOnlyDictionary<string, string[]> Errors =>
            Body!["errors"]!.AsObject().ToDictionary(e => e.Key, e => e.Value!.AsArray().Select(m => (string)m!).ToArray());
    }

    private async Task<Api> ApiAsync(TerritoryRole role = TerritoryRole.Pilote, Guid? territoryId = null)
    {
        var user = await app.CreateUserAsync(role.Code());
        Guid id;
        if (territoryId is { } existing)
        {
            // Added directly: Members.AddAsync does not save a member added to a tracked territory (reported).
            await app.WithDbAsync(async db =>
            {
                db.TerritoryMembers.Add(new TerritoryMember(existing, user.Id, role));
                return await db.SaveChangesAsync(Cancellation);
            });
            id = existing;
        }
        else
        {
            id = (await app.SeedTerritoryAsync((user, role))).Id;
        }

        return new Api(app.CreateApiClient(await app.CreateTokenAsync(user)), id);
    }

    private static Guid Id(JsonNode node) => (Guid)node["id"]!;

    /// <summary>A JSON list in a request body.</summary>
    private static List<string> L(params string[] values) => [.. values];

    [Fact]
    public async Task Pilote_creates_reads_edits_and_deletes_an_actor()
    {
        var api = await ApiAsync();
        var siren = NewSiren();
        var establishment = siren + "0001";
        var siret = establishment + Identifiers.LuhnKey(establishment);

        var created = await api.PostAsync("actors", new
        {
            name = "Mission locale des Bords de Marne",
            acronym = "MLBM",
            family = "emploi-formation",
            subtype = "mission-locale",
            siret,
            naf = "8899b",
            workforceBand = "11",
            addressLine1 = "1 place de l'Europe",
            postalCode = "94220",
            communeCode = "94018",
            perimeter = L("94018", "94069"),
            competences = L("Mobilité", "Insertion des jeunes"),
            modes = L("accompagnement", "prescription"),
            website = "www.mlbm.fr",
            collaborativeLogic = "Coopère avec les clubs d'entreprises",
        });

        created.Status.ShouldBe(HttpStatusCode.Created, created.Text);
        var actor = created.Body!;
        var id = Id(actor);
        ((string)actor["siren"]!).ShouldBe(siren);
        ((string)actor["familyLabel"]!).ShouldBe("Opérateurs de l'emploi et de la formation");
        ((string)actor["subtypeLabel"]!).ShouldBe("Mission locale");
        ((string)actor["naf"]!).ShouldBe("88.99B");
        ((string)actor["nafVersion"]!).ShouldBe("naf-rev2");
        ((string)actor["communeName"]!).ShouldBe("Charenton-le-Pont");
        actor["competences"]!.AsArray().Select(c => (string)c!).ShouldBe(["Insertion des jeunes", "Mobilité"]);
        actor["modes"]!.AsArray().Select(c => (string)c!).ShouldBe(["accompagnement", "prescription"]);
        actor["perimeter"]!.AsArray().Select(c => (string)c!).ShouldBe(["94018", "94069"]);
        ((string)actor["website"]!).ShouldBe("https://www.mlbm.fr");
        ((long)actor["version"]!).ShouldBe(1);

        var read = await api.GetAsync($"actors/{id}");
        read.Status.ShouldBe(HttpStatusCode.OK);
        ((string)read.Body!["name"]!).ShouldBe("Mission locale des Bords de Marne");

        var edited = await api.PutAsync($"actors/{id}", new { name = "Mission locale Bords de Marne", family = "emploi-formation", subtype = "mission-locale", siret, version = 1 });
        edited.Status.ShouldBe(HttpStatusCode.OK, edited.Text);
        ((long)edited.Body!["version"]!).ShouldBe(2);
        ((string?)edited.Body!["communeCode"]).ShouldBeNull("un champ absent d'un PUT est vidé");
        edited.Body!["competences"]!.AsArray().Count.ShouldBe(2, "une liste absente d'un PUT reste inchangée");

        var history = await api.GetAsync($"actors/{id}/history");
        history.Items.Select(h => (string)h!["action"]!).ShouldBe(["Modification", "Création"]);
        history.Items[0]!["changes"]!.AsArray().ShouldContain(c => (string)c!["label"]! == "Nom" && (string)c!["after"]! == "Mission locale Bords de Marne");

        (await api.DeleteAsync($"actors/{id}")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await api.GetAsync($"actors/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_with_the_changes_made_since()
    {
        var api = await ApiAsync();
        var id = Id(await api.CreateActorAsync("Club des entreprises de Saint-Maurice", "entreprises"));
        (await api.PutAsync($"actors/{id}", new { name = "Club d'entreprises de Saint-Maurice", family = "entreprises", version = 1 }))
            .Status.ShouldBe(HttpStatusCode.OK);

        var stale = await api.PutAsync($"actors/{id}", new { name = "Club de Saint-Maurice", family = "entreprises", version = 1 });

        stale.Status.ShouldBe(HttpStatusCode.Conflict, stale.Text);
        ((string)stale.Body!["title"]!).ShouldBe("Modification concurrente");
        stale.Text.ShouldContain("Club d'entreprises de Saint-Maurice");
        ((string)(await api.GetAsync($"actors/{id}")).Body!["name"]!).ShouldBe("Club d'entreprises de Saint-Maurice");
    }

    [Fact]
    public async Task Every_invalid_field_is_named_in_French()
    {
        var api = await ApiAsync();

        var missing = await api.PostAsync("actors", new { family = "associations" });
        missing.Status.ShouldBe(HttpStatusCode.BadRequest, missing.Text);
        missing.Errors["name"].ShouldBe(["Le nom de l'acteur (name) est obligatoire."]);

        var wrong = await api.PostAsync("actors", new
        {
            name = "Structure mal saisie",
            family = "inconnue",
            siren = "123456789",
            rna = "W12",
            naf = "huit",
            workforceBand = "99",
            postalCode = "9422",
            modes = L("accompagnement", "vol"),
        });

        wrong.Status.ShouldBe(HttpStatusCode.BadRequest, wrong.Text);
        wrong.Errors.Keys.ShouldBe(["family", "siren", "rna", "naf", "workforceBand", "postalCode", "modes"], ignoreOrder: true);
        wrong.Errors["siren"][0].ShouldContain("Le SIREN (siren) « 123456789 » n'est pas valide");
        wrong.Errors["modes"][0].ShouldContain("« vol »");

        var commune = await api.PostAsync("actors?force=true", new { name = "Quelque part", family = "associations", communeCode = "99999" });
        commune.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, commune.Text);
        ((string)commune.Body!["detail"]!).ShouldStartWith("Commune : le code INSEE « 99999 »");

        var perimeter = await api.PostAsync("actors?force=true", new { name = "Partout", family = "associations", perimeter = L("00000") });
        perimeter.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, perimeter.Text);
        ((string)perimeter.Body!["detail"]!).ShouldContain("« 00000 »");
    }

    [Fact]
    public async Task Same_identifier_or_near_identical_name_answers_409_with_the_candidates_unless_forced()
    {
        var api = await ApiAsync();
        var siren = NewSiren();
        var first = await api.CreateActorAsync("Entreprise Logistique du Port", "entreprises", new { siren });

        var sameSiren = await api.PostAsync("actors", new { name = "ELP", family = "entreprises", siren });
        sameSiren.Status.ShouldBe(HttpStatusCode.Conflict, sameSiren.Text);
        ((string)sameSiren.Body!["title"]!).ShouldBe("Doublon probable");
        var candidate = sameSiren.Body!["duplicates"]!.AsArray().ShouldHaveSingleItem()!;
        ((Guid)candidate["id"]!).ShouldBe(Id(first));
        ((string)candidate["reason"]!).ShouldBe($"même SIREN ({siren})");

        var nearName = await api.PostAsync("actors", new { name = "Entreprise logistique du port", family = "entreprises" });
        nearName.Status.ShouldBe(HttpStatusCode.Conflict);
        ((string)nearName.Body!["duplicates"]![0]!["reason"]!).ShouldBe("même nom");

        var typo = await api.PostAsync("actors", new { name = "Entreprise Logistiqe du Port", family = "entreprises" });
        typo.Status.ShouldBe(HttpStatusCode.Conflict);
        ((string)typo.Body!["duplicates"]![0]!["reason"]!).ShouldBe("nom presque identique");

        (await api.PostAsync("actors", new { name = "Entreprise Bâtiment du Port", family = "entreprises" })).Status.ShouldBe(HttpStatusCode.Created);
        (await api.PostAsync("actors?force=true", new { name = "ELP", family = "entreprises", siren })).Status.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_directory_searches_filters_sorts_and_pages()
    {
        var api = await ApiAsync();
        var other = await ApiAsync();
        await other.CreateActorAsync("Mission locale d'ailleurs", "emploi-formation");
        var siren = NewSiren();
        await api.CreateActorAsync("Mission locale des Bords de Marne", "emploi-formation",
            new { subtype = "mission-locale", communeCode = "94018", competences = L("Mobilité"), modes = L("accompagnement") });
        await api.CreateActorAsync("Mairie de Saint-Maurice", "pouvoirs-publics",
            new { subtype = "commune", communeCode = "94069", siren = "219400694", modes = L("financement", "locaux") });
        await api.CreateActorAsync("École de la deuxième chance", "emploi-formation",
            new { subtype = "organisme-formation", communeCode = "69123", competences = L("mobilite", "Savoirs de base") });
        await api.CreateActorAsync("Fondation Agir", "associations", new { subtype = "fondation", modes = L("mecenat", "locaux") });
        var club = await api.CreateActorAsync("Club des entreprises du Val", "entreprises", new { subtype = "club-entreprises", siren, communeCode = "94018" });
        await api.CreateActorAsync("Amis du Port", "associations", new { acronym = "ADP", rna = "W941234567" });

        var all = await api.GetAsync("actors");
        all.Status.ShouldBe(HttpStatusCode.OK, all.Text);
        all.Total.ShouldBe(6);
        all.Names.ShouldBe(["Amis du Port", "Club des entreprises du Val", "École de la deuxième chance", "Fondation Agir",
            "Mairie de Saint-Maurice", "Mission locale des Bords de Marne"]);
        var first = all.Items[0]!;
        ((string)first["acronym"]!).ShouldBe("ADP");
        ((string)first["family"]!).ShouldBe("associations");

        (await api.GetAsync($"actors?q={siren}")).Names.ShouldBe(["Club des entreprises du Val"]);
        (await api.GetAsync("actors?q=219 400 694")).Names.ShouldBe(["Mairie de Saint-Maurice"]);
        (await api.GetAsync("actors?q=w941234567")).Names.ShouldBe(["Amis du Port"]);
        (await api.GetAsync("actors?q=Mi")).Names.ShouldBe(["Mission locale des Bords de Marne"]);
        (await api.GetAsync("actors?q=é")).Names.ShouldBe(["École de la deuxième chance"]);
        (await api.GetAsync("actors?q=MOBIL")).Names.ShouldBe(["École de la deuxième chance", "Mission locale des Bords de Marne"]);
        (await api.GetAsync("actors?q=entreprises du")).Names.ShouldBe(["Club des entreprises du Val"]);
        (await api.GetAsync("actors?q=adp")).Names.ShouldBe(["Amis du Port"]);
        (await api.GetAsync("actors?q=nulle part")).Total.ShouldBe(0);

        (await api.GetAsync("actors?family=emploi-formation")).Names.ShouldBe(["École de la deuxième chance", "Mission locale des Bords de Marne"]);
        (await api.GetAsync("actors?subtype=fondation")).Names.ShouldBe(["Fondation Agir"]);
        (await api.GetAsync("actors?commune=94018")).Names.ShouldBe(["Club des entreprises du Val", "Mission locale des Bords de Marne"]);
        (await api.GetAsync("actors?commune=200054781")).Names.ShouldBe(["Club des entreprises du Val", "Mairie de Saint-Maurice", "Mission locale des Bords de Marne"]);
        (await api.GetAsync("actors?competence=Mobilité")).Names.ShouldBe(["École de la deuxième chance", "Mission locale des Bords de Marne"]);
        (await api.GetAsync("actors?competence=inexistante")).Total.ShouldBe(0);
        (await api.GetAsync("actors?mode=locaux")).Names.ShouldBe(["Fondation Agir", "Mairie de Saint-Maurice"]);
        (await api.GetAsync("actors?mode=locaux,financement")).Names.ShouldBe(["Mairie de Saint-Maurice"]);
        (await api.GetAsync("actors?q=mission&family=emploi-formation&commune=200054781")).Names.ShouldBe(["Mission locale des Bords de Marne"]);

        var page = await api.GetAsync("actors?page=2&pageSize=4");
        page.Total.ShouldBe(6);
        page.Names.ShouldBe(["Mairie de Saint-Maurice", "Mission locale des Bords de Marne"]);

        (await api.GetAsync("actors?sort=family")).Names.ShouldBe(["Mairie de Saint-Maurice", "École de la deuxième chance",
            "Mission locale des Bords de Marne", "Club des entreprises du Val", "Amis du Port", "Fondation Agir"]);
        (await api.PutAsync($"actors/{Id(club)}", new { name = "Club des entreprises du Val", family = "entreprises", siren, version = 1 }))
            .Status.ShouldBe(HttpStatusCode.OK);
        (await api.GetAsync("actors?sort=updated")).Names[0].ShouldBe("Club des entreprises du Val");

        var bad = await api.GetAsync("actors?family=licornes&mode=vol&sort=taille&pageSize=500&commune=123");
        bad.Status.ShouldBe(HttpStatusCode.BadRequest);
        bad.Errors.Keys.ShouldBe(["family", "mode", "sort", "pageSize", "commune"], ignoreOrder: true);
    }

    [Fact]
    public async Task The_directory_counts_up_to_a_cap_past_the_page_and_says_when_the_total_is_a_lower_bound()
    {
        var api = await ApiAsync();
        for (var i = 1; i <= 7; i++)
        {
            await api.CreateActorAsync($"Épicerie solidaire {i}", "associations", new { competences = L("Numérique") });
        }

        await api.CreateActorAsync("Fondation Agir", "associations");
        var reference = app.Services.GetRequiredService<Maillage.Territories.Reference.InseeReference>();

        // Two actors a page, counted at most three from the page's first: 8 actors are « plus de 3 » from page 1.
        async Task<DirectoryPage> SearchAsync(DirectoryQuery query) =>
            await app.WithDbAsync(db => new ActorDirectory(db, reference).SearchAsync(api.TerritoryId, query with { PageSize = 2, CountCap = 3 }, Cancellation));

        var first = await SearchAsync(new DirectoryQuery());
        (first.Total, first.TotalIsExact).ShouldBe((3, false));
        first.Items.Select(r => r.Name).ShouldBe(["Épicerie solidaire 1", "Épicerie solidaire 2"]);
        var third = await SearchAsync(new DirectoryQuery { Page = 3 });
        (third.Total, third.TotalIsExact).ShouldBe((7, false));
        var fourth = await SearchAsync(new DirectoryQuery { Page = 4 });
        (fourth.Total, fourth.TotalIsExact).ShouldBe((8, true));
        fourth.Items.Select(r => r.Name).ShouldBe(["Épicerie solidaire 7", "Fondation Agir"]);
        var exact = await SearchAsync(new DirectoryQuery { ExactTotal = true });
        (exact.Total, exact.TotalIsExact).ShouldBe((8, true));

        // Every way of filtering stops at the same cap, and reads its many matches along the name order: words,
        // competence alone; a filter with few matches is counted exactly.
        var word = await SearchAsync(new DirectoryQuery { Q = "solidaire" });
        (word.Total, word.TotalIsExact).ShouldBe((3, false));
        word.Items.Select(r => r.Name).ShouldBe(["Épicerie solidaire 1", "Épicerie solidaire 2"]);
        var wordLast = await SearchAsync(new DirectoryQuery { Q = "solidaire", Page = 4 });
        (wordLast.Total, wordLast.TotalIsExact).ShouldBe((7, true));
        wordLast.Items.Select(r => r.Name).ShouldBe(["Épicerie solidaire 7"]);
        var competence = await SearchAsync(new DirectoryQuery { Competence = "numerique", Page = 2 });
        (competence.Total, competence.TotalIsExact).ShouldBe((5, false));
        competence.Items.Select(r => r.Name).ShouldBe(["Épicerie solidaire 3", "Épicerie solidaire 4"]);
        var few = await SearchAsync(new DirectoryQuery { Q = "agir" });
        (few.Total, few.TotalIsExact).ShouldBe((1, true));

        // The API counts to 10,000 from the page's first by default and says whether it counted to the end.
        var listed = await api.GetAsync("actors?pageSize=2");
        listed.Total.ShouldBe(8);
        ((bool)listed.Body!["totalIsExact"]!).ShouldBeTrue();
        (await api.GetAsync("actors?q=solidaire&exactTotal=true")).Total.ShouldBe(7);
    }

    [Fact]
    public async Task Contacts_are_added_edited_and_deleted_with_their_rules()
    {
        var api = await ApiAsync();
        var actor = Id(await api.CreateActorAsync("Région Île-de-France", "pouvoirs-publics"));

        var created = await api.PostAsync($"actors/{actor}/contacts", new
        {
            firstName = "Camille",
            lastName = "Durand",
            function = "Chargée de mission emploi",
            hierarchyLevel = "encadrement",
            decisionPower = "partiel",
            availability = "Le mardi",
            email = "camille.durand@exemple.fr",
            phone = "01 23 45 67 89",
            lawfulBasis = "mission-interet-public",
            lawfulBasisSource = "Annuaire de la Région",
        });
        created.Status.ShouldBe(HttpStatusCode.Created, created.Text);
        var contact = Id(created.Body!);
        ((string)created.Body!["decisionPower"]!).ShouldBe("partiel");

        var invalid = await api.PostAsync($"actors/{actor}/contacts", new { lastName = "Martin", email = "pas-une-adresse", lawfulBasis = "parce-que", hierarchyLevel = "chef" });
        invalid.Status.ShouldBe(HttpStatusCode.BadRequest, invalid.Text);
        invalid.Errors.Keys.ShouldBe(["email"]);
        var codes = await api.PostAsync($"actors/{actor}/contacts", new { lastName = "Martin", lawfulBasis = "parce-que", hierarchyLevel = "chef" });
        codes.Errors.Keys.ShouldBe(["lawfulBasis", "hierarchyLevel"], ignoreOrder: true);
        (await api.PostAsync($"actors/{actor}/contacts", new { firstName = "Sans nom", lawfulBasis = "consentement" })).Errors.Keys.ShouldBe(["lastName"]);

        var list = await api.GetAsync($"actors/{actor}/contacts");
        list.Total.ShouldBe(1);
        ((string)list.Items[0]!["email"]!).ShouldBe("camille.durand@exemple.fr");

        var edited = await api.PutAsync($"contacts/{contact}", new { firstName = "Camille", lastName = "Durand", decisionPower = "oui", lawfulBasis = "mission-interet-public", version = 1 });
        edited.Status.ShouldBe(HttpStatusCode.OK, edited.Text);
        ((string)edited.Body!["decisionPower"]!).ShouldBe("oui");
        (await api.PutAsync($"contacts/{contact}", new { lastName = "Durand", lawfulBasis = "consentement", version = 1 })).Status.ShouldBe(HttpStatusCode.Conflict);

        (await api.DeleteAsync($"contacts/{contact}")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await api.GetAsync($"contacts/{contact}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_personal_data_export_holds_identity_actor_lawful_basis_and_history()
    {
        var api = await ApiAsync();
        var actor = Id(await api.CreateActorAsync("Les Amis du Port"));
        var contact = Id(await api.CreateContactAsync(actor, "Durand", new { firstName = "Camille", email = "camille@exemple.fr", lawfulBasisSource = "Carte de visite" }));
        (await api.PutAsync($"contacts/{contact}", new { firstName = "Camille", lastName = "Durand", phone = "0612345678", lawfulBasis = "interet-legitime", lawfulBasisSource = "Carte de visite", version = 1 }))
            .Status.ShouldBe(HttpStatusCode.OK);

        var export = await api.GetAsync($"contacts/{contact}/personal-data");

        export.Status.ShouldBe(HttpStatusCode.OK, export.Text);
        var body = export.Body!;
        ((string)body["person"]!["lastName"]!).ShouldBe("Durand");
        ((string)body["person"]!["phone"]!).ShouldBe("0612345678");
        ((string)body["actor"]!["name"]!).ShouldBe("Les Amis du Port");
        ((string)body["lawfulBasis"]!["code"]!).ShouldBe("interet-legitime");
        ((string)body["lawfulBasis"]!["label"]!).ShouldBe("Intérêt légitime");
        ((string)body["lawfulBasis"]!["source"]!).ShouldBe("Carte de visite");
        body["history"]!.AsArray().Select(h => (string)h!["action"]!).ShouldBe(["Création", "Modification"]);
        ((string)body["informationNotice"]!).ShouldContain("Bonjour Camille Durand");

        var reader = await ApiAsync(TerritoryRole.Lecteur, api.TerritoryId);
        (await reader.GetAsync($"contacts/{contact}/personal-data")).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Anonymising_removes_the_identity_from_the_contact_and_from_its_history()
    {
        var api = await ApiAsync();
        var actor = Id(await api.CreateActorAsync("Fondation du Littoral"));
        var contact = Id(await api.CreateContactAsync(actor, "Lefebvre", new { firstName = "Dominique", email = "dominique.lefebvre@exemple.fr", function = "Directrice", decisionPower = "oui" }));
        (await api.PutAsync($"contacts/{contact}", new { firstName = "Dominique", lastName = "Lefebvre-Martin", email = "d.lefebvre@exemple.fr", function = "Directrice", decisionPower = "oui", lawfulBasis = "interet-legitime", version = 1 }))
            .Status.ShouldBe(HttpStatusCode.OK);

        var anonymised = await api.PostAsync($"contacts/{contact}/anonymise");

        anonymised.Status.ShouldBe(HttpStatusCode.OK, anonymised.Text);
        ((string)anonymised.Body!["lastName"]!).ShouldBe("Personne anonymisée");
        ((string?)anonymised.Body!["email"]).ShouldBeNull();
        ((string?)anonymised.Body!["firstName"]).ShouldBeNull();
        ((string)anonymised.Body!["decisionPower"]!).ShouldBe("oui");
        anonymised.Body!["anonymisedAt"].ShouldNotBeNull();

        var export = await api.GetAsync($"contacts/{contact}/personal-data");
        export.Body!["history"]!.AsArray().Count.ShouldBe(3, "l'historique reste : création, modification, anonymisation");
        foreach (var identity in L("Lefebvre", "Dominique", "dominique.lefebvre@", "d.lefebvre@", "Directrice"))
        {
            export.Text.ShouldNotContain(identity, Case.Insensitive, $"« {identity} » doit disparaître de l'historique");
        }

        export.Text.ShouldContain(ContactPrivacy.Erased);
        (await api.PutAsync($"contacts/{contact}", new { lastName = "Lefebvre", lawfulBasis = "interet-legitime", version = 3 }))
            .Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await api.PostAsync($"contacts/{contact}/anonymise")).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Contacts_without_interaction_for_three_years_are_listed_for_review()
    {
        var api = await ApiAsync();
        var actor = Id(await api.CreateActorAsync("Chambre de métiers", "developpement-economique"));
        var now = DateTime.UtcNow;
        var old = Id(await api.CreateContactAsync(actor, "Ancien", new { lastInteractionAt = now.AddYears(-4) }));
        await api.CreateContactAsync(actor, "Récent", new { lastInteractionAt = now.AddYears(-1) });
        await api.CreateContactAsync(actor, "Jamais rencontré");

        var today = await api.GetAsync("contacts/to-review");
        today.Status.ShouldBe(HttpStatusCode.OK, today.Text);
        today.Items.Select(i => (string)i!["name"]!).ShouldBe(["Ancien"]);
        ((string)today.Items[0]!["actorName"]!).ShouldBe("Chambre de métiers");

        app.Clock.Now = DateTimeOffset.UtcNow.AddYears(3).AddDays(2);
        try
        {
            var later = await api.GetAsync("contacts/to-review");
            later.Items.Select(i => (string)i!["name"]!).ShouldBe(["Ancien", "Récent", "Jamais rencontré"]);

            (await api.PostAsync($"contacts/{old}/anonymise")).Status.ShouldBe(HttpStatusCode.OK);
            (await api.GetAsync("contacts/to-review")).Total.ShouldBe(2, "une personne anonymisée n'est plus à revoir");
        }
        finally
        {
            app.Clock.Now = null;
        }

        var reader = await ApiAsync(TerritoryRole.Lecteur, api.TerritoryId);
        (await reader.GetAsync("contacts/to-review")).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Relations_read_both_ways_and_refuse_loops_repetitions_and_bad_values()
    {
        var api = await ApiAsync();
        var region = Id(await api.CreateActorAsync("Région Île-de-France", "pouvoirs-publics"));
        var mission = Id(await api.CreateActorAsync("Mission locale des Bords de Marne", "emploi-formation"));

        var created = await api.PostAsync($"actors/{region}/relations", new { targetActorId = mission, type = "finance", startDate = "2024-01-01", strength = 4, notes = "Convention annuelle" });
        created.Status.ShouldBe(HttpStatusCode.Created, created.Text);
        var relation = Id(created.Body!);

        var fromRegion = (await api.GetAsync($"actors/{region}/relations")).Items.ShouldHaveSingleItem()!;
        ((string)fromRegion["reading"]!).ShouldBe("finance");
        ((string)fromRegion["side"]!).ShouldBe("source");
        ((string)fromRegion["otherActor"]!["name"]!).ShouldBe("Mission locale des Bords de Marne");
        ((string)fromRegion["startDate"]!).ShouldBe("2024-01-01");
        var fromMission = (await api.GetAsync($"actors/{mission}/relations")).Items.ShouldHaveSingleItem()!;
        ((string)fromMission["reading"]!).ShouldBe("est financé par");
        ((string)fromMission["side"]!).ShouldBe("cible");
        ((string)fromMission["otherActor"]!["name"]!).ShouldBe("Région Île-de-France");

        var repeated = await api.PostAsync($"actors/{region}/relations", new { targetActorId = mission, type = "finance", startDate = "2024-01-01" });
        repeated.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        ((string)repeated.Body!["detail"]!).ShouldStartWith("Relation : cette relation existe déjà");
        (await api.PostAsync($"actors/{mission}/relations", new { targetActorId = region, type = "alliance" })).Status.ShouldBe(HttpStatusCode.Created);
        (await api.PostAsync($"actors/{region}/relations", new { targetActorId = mission, type = "alliance" })).Status
            .ShouldBe(HttpStatusCode.UnprocessableEntity, "une relation symétrique existe déjà dans l'autre sens");

        var loop = await api.PostAsync($"actors/{region}/relations", new { targetActorId = region, type = "tutelle" });
        loop.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        ((string)loop.Body!["detail"]!).ShouldStartWith("Acteur lié :");

        var values = await api.PostAsync($"actors/{region}/relations", new { targetActorId = mission, type = "tutelle", startDate = "2025-01-01", endDate = "2024-01-01", strength = 7 });
        values.Status.ShouldBe(HttpStatusCode.BadRequest);
        values.Errors.Keys.ShouldBe(["strength"]);
        (await api.PostAsync($"actors/{region}/relations", new { targetActorId = mission, type = "tutelle", startDate = "2025-01-01", endDate = "2024-01-01" }))
            .Errors.Keys.ShouldBe(["endDate"]);
        ((string)(await api.PostAsync($"actors/{region}/relations", new { targetActorId = mission, type = "cousin" })).Body!["detail"]!)
            .ShouldStartWith("Type de relation : « cousin »");

        var foreign = await ApiAsync();
        var elsewhere = Id(await foreign.CreateActorAsync("Ailleurs"));
        (await api.PostAsync($"actors/{region}/relations", new { targetActorId = elsewhere, type = "finance" })).Errors.Keys.ShouldBe(["targetActorId"]);

        var ownType = await api.PostAsync("relation-types", new { label = "Accompagne", reverseLabel = "est accompagné par" });
        ownType.Status.ShouldBe(HttpStatusCode.Created, ownType.Text);
        (await api.PostAsync($"actors/{mission}/relations", new { targetActorId = region, type = "accompagne" })).Status.ShouldBe(HttpStatusCode.Created);
        (await api.GetAsync($"actors/{region}/relations")).Items.Select(r => (string)r!["reading"]!)
            .ShouldBe(["alliance préexistante avec", "est accompagné par", "finance"]);

        (await api.DeleteAsync($"relations/{relation}")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await api.GetAsync($"actors/{mission}/relations")).Items.Select(r => (string)r!["type"]!).ShouldBe(["alliance", "accompagne"], ignoreOrder: true);
    }

    [Fact]
    public async Task Merging_keeps_every_contact_and_relation_and_deletes_the_duplicate()
    {
        var api = await ApiAsync();
        var kept = Id(await api.CreateActorAsync("Mission locale Bords de Marne", "emploi-formation",
            new { modes = L("accompagnement"), competences = L("Mobilité") }));
        var duplicate = Id(await api.CreateActorAsync("Mission Locale des Bords-de-Marne", "emploi-formation",
            new { acronym = "MLBM", website = "www.mlbm.fr", externalId = "ML-94-007", modes = L("formation"), competences = L("Logement") }));
        var region = Id(await api.CreateActorAsync("Région Île-de-France", "pouvoirs-publics"));
        await api.CreateContactAsync(kept, "Durand");
        await api.CreateContactAsync(duplicate, "Martin");
        await api.CreateContactAsync(duplicate, "Petit");
        (await api.PostAsync($"actors/{region}/relations", new { targetActorId = kept, type = "finance" })).Status.ShouldBe(HttpStatusCode.Created);
        (await api.PostAsync($"actors/{region}/relations", new { targetActorId = duplicate, type = "finance" })).Status.ShouldBe(HttpStatusCode.Created);
        (await api.PostAsync($"actors/{duplicate}/relations", new { targetActorId = region, type = "membre-de" })).Status.ShouldBe(HttpStatusCode.Created);
        (await api.PostAsync($"actors/{kept}/relations", new { targetActorId = duplicate, type = "partenaire-historique" })).Status.ShouldBe(HttpStatusCode.Created);

        var merged = await api.PostAsync($"actors/{kept}/merge", new { otherActorId = duplicate });

        merged.Status.ShouldBe(HttpStatusCode.OK, merged.Text);
        ((int)merged.Body!["contactsMoved"]!).ShouldBe(2);
        ((int)merged.Body!["relationsDropped"]!).ShouldBe(2, "la relation devenue une boucle et la relation répétée");
        ((int)merged.Body!["relationsMoved"]!).ShouldBe(1);
        var actor = merged.Body!["actor"]!;
        ((string)actor["acronym"]!).ShouldBe("MLBM");
        ((string)actor["website"]!).ShouldBe("https://www.mlbm.fr");
        ((string)actor["externalId"]!).ShouldBe("ML-94-007", "the kept actor takes the duplicate's reference, which the import will look for");
        actor["modes"]!.AsArray().Select(m => (string)m!).ShouldBe(["accompagnement", "formation"]);
        actor["competences"]!.AsArray().Select(m => (string)m!).ShouldBe(["Logement", "Mobilité"]);

        (await api.GetAsync($"actors/{duplicate}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync($"actors/{kept}/contacts")).Items.Select(c => (string)c!["lastName"]!).ShouldBe(["Durand", "Martin", "Petit"]);
        (await api.GetAsync($"actors/{kept}/relations")).Items.Select(r => (string)r!["reading"]!).ShouldBe(["est financé par", "membre de"]);
        (await api.GetAsync("actors?competence=Logement")).Names.ShouldBe(["Mission locale Bords de Marne"]);
        var history = await api.GetAsync($"actors/{kept}/history");
        history.Items.SelectMany(h => h!["changes"]!.AsArray()).ShouldContain(c => (string)c!["label"]! == "Fusion"
            && ((string)c!["after"]!).Contains("interlocuteurs repris : 2", StringComparison.Ordinal));

        (await api.PostAsync($"actors/{kept}/merge", new { otherActorId = kept })).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var foreign = await ApiAsync();
        var elsewhere = Id(await foreign.CreateActorAsync("Mission locale d'ailleurs", "emploi-formation"));
        (await api.PostAsync($"actors/{kept}/merge", new { otherActorId = elsewhere })).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await foreign.GetAsync($"actors/{elsewhere}")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_external_id_names_one_actor_of_the_territory()
    {
        var api = await ApiAsync();
        var first = Id(await api.CreateActorAsync("Atelier chantier d'insertion du Val", "associations", new { externalId = "TAB-0012" }));
        var second = Id(await api.CreateActorAsync("Régie de quartier du Val", "associations"));

        var taken = await api.PutAsync($"actors/{second}", new { name = "Régie de quartier du Val", family = "associations", externalId = "TAB-0012", version = 1 });

        taken.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, taken.Text);
        taken.Text.ShouldContain("« TAB-0012 » est déjà celui d'un autre acteur du territoire");
        var elsewhere = await ApiAsync();
        (await elsewhere.CreateActorAsync("Atelier d'un autre territoire", "associations", new { externalId = "TAB-0012" }))["externalId"]!
            .GetValue<string>().ShouldBe("TAB-0012");
        ((string)(await api.GetAsync($"actors/{first}")).Body!["externalId"]!).ShouldBe("TAB-0012");
    }

    [Fact]
    public async Task Objects_of_another_territory_answer_404()
    {
        var mine = await ApiAsync();
        var theirs = await ApiAsync();
        var actor = Id(await theirs.CreateActorAsync("Structure d'un autre territoire"));
        var target = Id(await theirs.CreateActorAsync("Autre structure"));
        var contact = Id(await theirs.CreateContactAsync(actor, "Bernard"));
        var relation = Id((await theirs.PostAsync($"actors/{actor}/relations", new { targetActorId = target, type = "finance" })).Body!);

        (await mine.GetAsync($"actors/{actor}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await mine.PutAsync($"actors/{actor}", new { name = "Pris", family = "associations", version = 1 })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await mine.DeleteAsync($"actors/{actor}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await mine.GetAsync($"actors/{actor}/contacts")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await mine.GetAsync($"actors/{actor}/relations")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await mine.GetAsync($"contacts/{contact}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await mine.GetAsync($"contacts/{contact}/personal-data")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await mine.PostAsync($"contacts/{contact}/anonymise")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await mine.DeleteAsync($"relations/{relation}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await mine.GetAsync("actors")).Total.ShouldBe(0);

        var intruder = mine with { TerritoryId = theirs.TerritoryId };
        (await intruder.GetAsync("actors")).Status.ShouldBe(HttpStatusCode.NotFound, "un territoire dont on n'est pas membre n'existe pas pour soi");
        (await theirs.GetAsync($"contacts/{contact}")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_partenaire_edits_its_own_organisation_and_its_contacts_and_nothing_else()
    {
        var pilote = await ApiAsync();
        var own = Id(await pilote.CreateActorAsync("Club d'entreprises du Val", "entreprises"));
        var other = Id(await pilote.CreateActorAsync("Mission locale du Val", "emploi-formation"));
        var otherContact = Id(await pilote.CreateContactAsync(other, "Leroy"));
        var user = await app.CreateUserAsync("partenaire");
        await app.WithDbAsync(async db =>
        {
            var member = new TerritoryMember(pilote.TerritoryId, user.Id, TerritoryRole.Partenaire);
            db.TerritoryMembers.Add(member);
            return await db.SaveChangesAsync(Cancellation);
        });
        var partenaire = new Api(app.CreateApiClient(await app.CreateTokenAsync(user)), pilote.TerritoryId);

        (await partenaire.PutAsync($"actors/{own}", new { name = "Club d'entreprises du Val", family = "entreprises", version = 1 }))
            .Status.ShouldBe(HttpStatusCode.Forbidden, "a partner attached to no organisation edits nothing");

        await app.WithDbAsync(async db =>
        {
            var member = await db.TerritoryMembers.SingleAsync(m => m.UserId == user.Id, Cancellation);
            member.AttachTo(own);
            return await db.SaveChangesAsync(Cancellation);
        });

        var edited = await partenaire.PutAsync($"actors/{own}",
            new { name = "Club d'entreprises du Val", family = "entreprises", modes = L("mecenat", "reseau"), version = 1 });
        edited.Status.ShouldBe(HttpStatusCode.OK, edited.Text);
        var contact = Id(await partenaire.CreateContactAsync(own, "Bernard", new { decisionPower = "oui" }));
        (await partenaire.PutAsync($"contacts/{contact}", new { lastName = "Bernard", function = "Présidente", lawfulBasis = "consentement", version = 1 }))
            .Status.ShouldBe(HttpStatusCode.OK);

        (await partenaire.PutAsync($"actors/{other}", new { name = "Pris", family = "emploi-formation", version = 1 })).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await partenaire.PostAsync($"actors/{other}/contacts", new { lastName = "Intrus", lawfulBasis = "consentement" })).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await partenaire.PutAsync($"contacts/{otherContact}", new { lastName = "Intrus", lawfulBasis = "consentement", version = 1 }))
            .Status.ShouldBe(HttpStatusCode.Forbidden);
        (await partenaire.DeleteAsync($"contacts/{otherContact}")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await partenaire.DeleteAsync($"actors/{own}")).Status.ShouldBe(HttpStatusCode.Forbidden, "a partner updates its organisation, it does not delete it");
        (await partenaire.PostAsync($"actors/{own}/relations", new { targetActorId = other, type = "partenaire-historique" }))
            .Status.ShouldBe(HttpStatusCode.Forbidden, "relations are the pilote's reading of the network");
        (await partenaire.DeleteAsync($"contacts/{contact}")).Status.ShouldBe(HttpStatusCode.NoContent);
        (await pilote.GetAsync($"actors/{own}")).Body!["modes"]!.AsArray().Select(m => (string)m!).ShouldBe(["mecenat", "reseau"]);
    }

    [Fact]
    public async Task A_lecteur_reads_the_registry_but_cannot_change_it()
    {
        var pilote = await ApiAsync();
        var actor = Id(await pilote.CreateActorAsync("Association Les Jardins"));
        var contact = Id(await pilote.CreateContactAsync(actor, "Roux"));
        var reader = await ApiAsync(TerritoryRole.Lecteur, pilote.TerritoryId);

        (await reader.GetAsync("actors")).Total.ShouldBe(1);
        (await reader.GetAsync($"actors/{actor}/contacts")).Status.ShouldBe(HttpStatusCode.OK);
        (await reader.GetAsync("actor-codes")).Status.ShouldBe(HttpStatusCode.OK);
        var refused = await reader.PostAsync("actors", new { name = "Nouvelle", family = "associations" });
        refused.Status.ShouldBe(HttpStatusCode.Forbidden);
        ((string)refused.Body!["detail"]!).ShouldContain("Pilote");
        (await reader.PutAsync($"actors/{actor}", new { name = "Changée", family = "associations" })).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await reader.DeleteAsync($"actors/{actor}")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await reader.PostAsync($"contacts/{contact}/anonymise")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await reader.PostAsync($"actors/{actor}/merge", new { otherActorId = actor })).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_territory_extends_the_subtypes_and_suggests_its_competences()
    {
        var api = await ApiAsync();

        var subtype = await api.PostAsync("subtypes", new { family = "associations", label = "Tiers-lieu" });
        subtype.Status.ShouldBe(HttpStatusCode.Created, subtype.Text);
        ((string)subtype.Body!["code"]!).ShouldBe("tiers-lieu");
        (await api.PostAsync("subtypes", new { family = "associations", label = "Tiers lieu" })).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await api.PostAsync("subtypes", new { family = "pirates", label = "Navire" })).Errors.Keys.ShouldBe(["family"]);

        var codes = await api.GetAsync("actor-codes");
        var associations = codes.Body!["families"]!.AsArray().Single(f => (string)f!["code"]! == "associations")!;
        associations["subtypes"]!.AsArray().Select(s => (string)s!["code"]!).ShouldContain("tiers-lieu");
        codes.Body!["relationTypes"]!.AsArray().Select(t => (string)t!["code"]!)
            .ShouldBe(["membre-de", "finance", "prescrit", "tutelle", "partenaire-historique", "concurrent", "alliance"]);

        (await api.PostAsync("actors?force=true", new { name = "La Fabrique", family = "associations", subtype = "tiers-lieu", competences = L("Mobilité solidaire", "Réemploi") }))
            .Status.ShouldBe(HttpStatusCode.Created);
        (await api.PostAsync("actors?force=true", new { name = "Garage solidaire", family = "entreprises", subtype = "tiers-lieu" }))
            .Status.ShouldBe(HttpStatusCode.UnprocessableEntity, "un sous-type appartient à sa famille");
        (await api.PostAsync("actors?force=true", new { name = "Vélo-école", family = "associations", competences = L("mobilite solidaire") }))
            .Status.ShouldBe(HttpStatusCode.Created);

        var suggestions = await api.GetAsync("competences?q=MOBI");
        suggestions.Items.Select(s => (string)s!).ShouldBe(["Mobilité solidaire"]);
        (await api.GetAsync("competences")).Total.ShouldBe(2);
    }
}

public sealed class ActorApiTests_Sqlite(ActorsSqliteApp app) : ActorApiTests(app), IClassFixture<ActorsSqliteApp>;

public sealed class ActorApiTests_PostgreSql(ActorsPostgresApp app) : ActorApiTests(app), IClassFixture<ActorsPostgresApp>;
