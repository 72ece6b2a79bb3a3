using System.Net;
using System.Text;
using Maillage.Tests.Infrastructure;
using Maillage.Territories;

namespace Maillage.Tests.Access;

/// <summary>
/// Who may do what, for every page handler and API operation of the app, generated from its endpoint list:
/// anonymous visitors are sent to the login page (API: 401), members of another territory get 404, and each role
/// gets 403 below the role the endpoint declares and is served from that role up (docs/decisions/0003-access-control.md).
/// </summary>
public abstract class AuthorizationMatrixTests(MaillageApp app)
{
    private static readonly HashSet<HttpStatusCode> Served =
    [
        HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.NoContent, HttpStatusCode.Redirect,
        HttpStatusCode.BadRequest, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity,
    ];

    private static readonly TerritoryRole[] Roles =
        [TerritoryRole.Lecteur, TerritoryRole.Partenaire, TerritoryRole.Pilote, TerritoryRole.Administrateur];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_page_of_a_territory_declares_the_roles_it_requires()
    {
        var catalog = await EndpointCatalog.ReadAsync(app.Services);

        catalog.Problems.ShouldBeNone("Chaque page dont la route contient {territoryId} doit porter [TerritoryPage(lecture, écriture)]");
    }

    [Fact]
    public async Task The_matrix_covers_the_pages_and_the_api_of_territories()
    {
        var catalog = await EndpointCatalog.ReadAsync(app.Services);
        var covered = catalog.Cases.Where(c => c.InTerritory).Select(c => c.Pattern).Distinct().Count();

        catalog.Cases.Count(c => c.InTerritory && c.Kind == EndpointKind.Page).ShouldBeGreaterThan(0, "aucune page de territoire trouvée");
        catalog.Cases.Count(c => c.InTerritory && c.Kind == EndpointKind.Api).ShouldBeGreaterThan(0, "aucune route d'API de territoire trouvée");
        covered.ShouldBe(catalog.TerritoryEndpoints.Select(e => e.RoutePattern).Distinct().Count(),
            "des routes de territoire de la source d'endpoints ne sont ni des pages ni des routes /api : "
            + string.Join(", ", catalog.TerritoryEndpoints.Select(e => e.RoutePattern.RawText)));
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_login_or_get_401_everywhere_but_public_pages()
    {
        var catalog = await EndpointCatalog.ReadAsync(app.Services);
        var territory = await app.SeedTerritoryAsync();
        var visitor = app.CreateBrowser();
        var token = await visitor.GetAntiforgeryTokenAsync(Browsing.LoginPath);
        var failures = new List<string>();
        var protectedCases = catalog.Cases.Where(c => !c.AllowsAnonymous).ToList();

        foreach (var endpoint in protectedCases)
        {
            var values = Values(territory, null);
            var url = endpoint.Url(values, out _);
            using var response = await SendAsync(visitor, endpoint, url, values, token);
            var ok = endpoint.Kind == EndpointKind.Api
                ? response.StatusCode == HttpStatusCode.Unauthorized
                : response.StatusCode == HttpStatusCode.Redirect && response.RedirectPath() == Browsing.LoginPath;
            if (!ok)
            {
                failures.Add($"{endpoint.Method} {url} ({endpoint.Display}) : attendu {(endpoint.Kind == EndpointKind.Api ? "401" : "302 → /connexion")}, obtenu {response.Describe()}");
            }
        }

        protectedCases.ShouldNotBeEmpty();
        failures.ShouldBeNone($"Accès anonyme mal refusé ({app.Kind})");
    }

    [Fact]
    public async Task A_member_of_another_territory_gets_404_on_every_endpoint_of_this_one()
    {
        var catalog = await EndpointCatalog.ReadAsync(app.Services);
        var outsider = await app.CreateUserAsync("autre-territoire");
        var target = await app.CreateUserAsync("cible");
        await app.SeedTerritoryAsync((outsider, TerritoryRole.Administrateur));
        var territory = await app.SeedTerritoryAsync((target, TerritoryRole.Lecteur));
        var actor = await Actor.CreateAsync(app, outsider);
        var failures = new List<string>();

        foreach (var endpoint in catalog.Cases.Where(c => c.InTerritory))
        {
            var values = Values(territory, target);
            var url = endpoint.Url(values, out _);
            using var response = await actor.SendAsync(endpoint, url, values);
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                failures.Add($"{endpoint.Method} {url} ({endpoint.Display}) : attendu 404, obtenu {response.Describe()}");
            }
        }

        failures.ShouldBeNone($"Un membre d'un autre territoire voit ce territoire ({app.Kind})");
    }

    [Fact]
    public async Task Each_role_is_refused_below_the_required_role_and_served_from_it_up()
    {
        var catalog = await EndpointCatalog.ReadAsync(app.Services);
        var target = await app.CreateUserAsync("cible");
        var members = new Dictionary<TerritoryRole, Actor>();
        foreach (var role in Roles)
        {
            members[role] = await Actor.CreateAsync(app, await app.CreateUserAsync(role.Code()));
        }

        var installationAdministrator = await Actor.CreateAsync(app, app.Administrator);
        var failures = new List<string>();
        var checkedCases = 0;

        foreach (var endpoint in catalog.Cases.Where(c => c.InTerritory && c.Required is not null))
        {
            var required = endpoint.Required!.Value;
            var rows = Roles.Select(role => (Who: role.Label(), Actor: members[role], Allowed: role >= required))
                .Append(("administrateur de l'installation", installationAdministrator, true));
            foreach (var (who, actor, allowed) in rows)
            {
                // A fresh territory for each request: an allowed DELETE must not spoil the next row.
                var territory = await app.SeedTerritoryAsync(
                    [.. members.Select(m => (m.Value.User, m.Key)), (target, TerritoryRole.Lecteur)]);
                var values = Values(territory, target);
                var url = endpoint.Url(values, out var unresolved);
                using var response = await actor.SendAsync(endpoint, url, values);
                var status = response.StatusCode;
                var ok = allowed
                    ? IsServed(response) || (status == HttpStatusCode.NotFound && unresolved.Count > 0)
                    : status == HttpStatusCode.Forbidden;
                if (!ok)
                {
                    var expected = allowed ? "servi (200, 201, 204, 302, 400, 409 ou 422)" : "403";
                    var note = unresolved.Count > 0 ? $" [paramètres sans valeur connue : {string.Join(", ", unresolved)}]" : "";
                    failures.Add($"{endpoint.Method} {url} ({endpoint.Display}, rôle requis {required.Label()}) en tant que {who} : attendu {expected}, obtenu {response.Describe()}{note}");
                }

                checkedCases++;
            }
        }

        checkedCases.ShouldBeGreaterThan(0);
        failures.ShouldBeNone($"Rôles mal appliqués ({app.Kind}, sur {checkedCases} requêtes)");
    }

    /// <summary>An answer to someone allowed: not a refusal, nor a redirect to the login or the error page.</summary>
    private static bool IsServed(HttpResponseMessage response) =>
        Served.Contains(response.StatusCode)
        && !(response.StatusCode == HttpStatusCode.Redirect
             && (response.RedirectPath() == Browsing.LoginPath || response.RedirectPath()?.StartsWith("/erreur", StringComparison.Ordinal) == true));

    /// <summary>Route values known by name; other ids get a fresh value.</summary>
    private static Dictionary<string, string> Values(SeededTerritory territory, TestUser? target)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["territoryId"] = territory.Id.ToString() };
        if (target is not null && territory.MemberIds.TryGetValue(target.Id, out var memberId))
        {
            values["memberId"] = memberId.ToString();
            values["userId"] = target.Id;
            values["email"] = target.Email;
        }

        return values;
    }

    /// <summary>
    /// Sends the request as a browser or an integration would. A page form gets the antiforgery token and the known
    /// values (a member id, an email…), since forms usually carry the id of the row they act on.
    /// </summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, EndpointCase endpoint, string url,
        IReadOnlyDictionary<string, string> values, string? antiforgeryToken)
    {
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), url);
        if (endpoint.Kind == EndpointKind.Page && endpoint.Method != "GET")
        {
            request.Content = new FormUrlEncodedContent(values.Where(v => v.Key != "territoryId")
                .Append(KeyValuePair.Create(Browsing.AntiforgeryField, antiforgeryToken ?? "")));
        }
        else if (endpoint.SendsJson)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return await client.SendAsync(request, Cancellation);
    }

    /// <summary>A person with a logged-in browser (pages) and a personal token (API).</summary>
    private sealed record Actor(TestUser User, HttpClient Browser, string AntiforgeryToken, HttpClient Api)
    {
        public static async Task<Actor> CreateAsync(MaillageApp app, TestUser user)
        {
            var browser = await app.LoginAsync(user);
            var token = await browser.GetAntiforgeryTokenAsync("/");
            return new Actor(user, browser, token, app.CreateApiClient(await app.CreateTokenAsync(user)));
        }

        public Task<HttpResponseMessage> SendAsync(EndpointCase endpoint, string url, IReadOnlyDictionary<string, string> values) =>
            AuthorizationMatrixTests.SendAsync(endpoint.Kind == EndpointKind.Api ? Api : Browser, endpoint, url, values, AntiforgeryToken);
    }
}

public sealed class AuthorizationMatrixTests_Sqlite(SqliteApp app) : AuthorizationMatrixTests(app), IClassFixture<SqliteApp>;

public sealed class AuthorizationMatrixTests_PostgreSql(PostgresApp app) : AuthorizationMatrixTests(app), IClassFixture<PostgresApp>;
