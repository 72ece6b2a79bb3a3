using System.Net;
using AngleSharp.Dom;
using Maillage.Accounts;
using Maillage.Tests.Access;
using Maillage.Tests.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Security;

public abstract class SecurityTests(MaillageApp app)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_endpoint_answers_Healthy_without_login()
    {
        var response = await app.CreateBrowser().GetAsync("/health", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Cancellation)).ShouldBe("Healthy");
    }

    [Fact]
    public async Task Every_html_page_carries_the_security_headers()
    {
        var failures = new List<string>();
        var pages = await FetchPagesAsync();
        foreach (var (url, response, _) in pages)
        {
            var csp = Header(response, "Content-Security-Policy");
            if (!csp.Contains("script-src 'self'", StringComparison.Ordinal) || csp.Contains("unsafe-inline", StringComparison.Ordinal)
                || csp.Contains("unsafe-eval", StringComparison.Ordinal) || !csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal))
            {
                failures.Add($"{url} : Content-Security-Policy « {csp} »");
            }

            if (Header(response, "X-Content-Type-Options") != "nosniff")
            {
                failures.Add($"{url} : X-Content-Type-Options « {Header(response, "X-Content-Type-Options")} »");
            }

            if (Header(response, "Referrer-Policy").Length == 0)
            {
                failures.Add($"{url} : pas de Referrer-Policy");
            }
        }

        pages.Count.ShouldBeGreaterThan(5);
        failures.ShouldBeNone("En-têtes de sécurité absents ou affaiblis");
    }

    [Fact]
    public async Task Pages_have_no_inline_script_style_or_event_handler()
    {
        var failures = new List<string>();
        var pages = await FetchPagesAsync();
        foreach (var (url, _, document) in pages)
        {
            failures.AddRange(InlineCode(document).Select(problem => $"{url} : {problem}"));
        }

        pages.Count.ShouldBeGreaterThan(5);
        failures.ShouldBeNone("Code en ligne interdit par la politique de sécurité du contenu (CSP)");
    }

    [Fact]
    public void Inline_code_check_sees_each_kind_of_inline_code()
    {
        var document = Browsing.ParseHtml("""
            <html><head><style>p{}</style><script>alert(1)</script><script src="/js/site.js"></script></head>
            <body><p style="color:red" onclick="x()">a</p><button hx-on:click="y()">b</button><a href="javascript:z()">c</a></body></html>
            """);

        InlineCode(document).Count.ShouldBe(6);
    }

    /// <summary>What <c>script-src 'self'; style-src 'self'</c> would block, so the page would break in a browser.</summary>
    private static List<string> InlineCode(IDocument document)
    {
        var problems = new List<string>();
        problems.AddRange(document.QuerySelectorAll("script:not([src])")
            .Where(s => s.GetAttribute("type") is not ("application/json" or "application/ld+json"))
            .Select(s => $"<script> en ligne « {Excerpt(s.TextContent)} »"));
        problems.AddRange(document.QuerySelectorAll("style").Select(s => $"<style> en ligne « {Excerpt(s.TextContent)} »"));
        foreach (var element in document.QuerySelectorAll("*"))
        {
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name == "style")
                {
                    problems.Add($"<{element.LocalName} style=\"{Excerpt(attribute.Value)}\">");
                }
                else if (attribute.Name.StartsWith("on", StringComparison.Ordinal) || attribute.Name.StartsWith("hx-on", StringComparison.Ordinal))
                {
                    problems.Add($"<{element.LocalName} {attribute.Name}=\"{Excerpt(attribute.Value)}\">");
                }
                else if (attribute.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"<{element.LocalName} {attribute.Name}=\"{Excerpt(attribute.Value)}\">");
                }
            }
        }

        return problems;
    }

    private static string Excerpt(string text) => text.Length > 60 ? text[..60] + "…" : text.Trim();

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";

    /// <summary>
    /// The HTML a person meets: every page of the app without a handler name (taken from the endpoint list, as an
    /// installation administrator in a territory, or anonymously for public pages), and the error pages.
    /// </summary>
    private async Task<List<(string Url, HttpResponseMessage Response, IDocument Document)>> FetchPagesAsync()
    {
        var catalog = await EndpointCatalog.ReadAsync(app.Services);
        var member = await app.CreateUserAsync("lecteur");
        var territory = await app.SeedTerritoryAsync((member, TerritoryRole.Lecteur));
        var administrator = await app.LoginAsync(app.Administrator);
        var reader = await app.LoginAsync(member);
        var visitor = app.CreateBrowser();
        var values = new Dictionary<string, string> { ["territoryId"] = territory.Id.ToString() };

        var requests = catalog.Cases.Where(c => c is { Kind: EndpointKind.Page, Method: "GET", Handler: null })
            .Select(c => (Client: c.AllowsAnonymous ? visitor : administrator, Url: c.Url(values, out _)))
            .Append((visitor, "/erreur/404"))
            .Append((visitor, "/cette-page-n-existe-pas"))
            .Append((reader, $"/territoires/{territory.Id}/modifier"))
            .Append((reader, $"/territoires/{Guid.NewGuid()}"))
            .Append((administrator, "/?culture=en"))
            .Distinct();

        var pages = new List<(string, HttpResponseMessage, IDocument)>();
        foreach (var (client, url) in requests)
        {
            var response = await client.GetAsync(url, Cancellation);
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                pages.Add((url, response, await response.ReadHtmlAsync()));
            }
        }

        // A form shown again with its errors renders more than the empty form (validation summary, messages).
        var refused = await app.CreateBrowser().SubmitLoginAsync(member.Email, "mauvais-mot-de-passe");
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        pages.Add(("POST /connexion (mot de passe faux)", refused, await refused.ReadHtmlAsync()));
        return pages;
    }

    [Fact]
    public async Task Form_posted_without_antiforgery_token_is_refused_with_400()
    {
        var administrator = await app.LoginAsync(app.Administrator);
        var visitor = app.CreateBrowser();

        var withoutToken = await administrator.PostFormWithTokenAsync("/?handler=Demo", [], token: null);
        var languageWithoutToken = await visitor.PostFormWithTokenAsync("/langue", [KeyValuePair.Create("culture", "en")], token: null);
        var languageWithToken = await visitor.PostFormAsync("/langue", [KeyValuePair.Create("culture", "en")], formPage: "/erreur/404");

        withoutToken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        languageWithoutToken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => db.Territories.AnyAsync(t => t.IsDemo, Cancellation))).ShouldBeFalse();
        languageWithToken.StatusCode.ShouldBe(HttpStatusCode.Redirect, "avec son jeton, le même formulaire est accepté");
    }

    [Fact]
    public async Task Lockout_after_five_failed_logins()
    {
        var user = await app.CreateUserAsync("verrou");
        var browser = app.CreateBrowser();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            (await browser.SubmitLoginAsync(user.Email, "mauvais-mot-de-passe")).StatusCode.ShouldBe(HttpStatusCode.OK, $"essai {attempt}");
        }

        var refused = await browser.SubmitLoginAsync(user.Email, user.Password);

        refused.StatusCode.ShouldBe(HttpStatusCode.OK, "le bon mot de passe ne doit plus ouvrir la session");
        var text = (await refused.ReadHtmlAsync()).Body!.TextContent;
        text.ShouldContain("verrouillé", Case.Insensitive);
        (await browser.GetAsync("/", Cancellation)).RedirectPath().ShouldBe(Browsing.LoginPath);
        await app.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            (await users.IsLockedOutAsync((await users.FindByIdAsync(user.Id))!)).ShouldBeTrue();
        });
    }

    [Fact]
    public async Task Revoked_token_is_refused()
    {
        var user = await app.CreateUserAsync("jeton");
        var secret = await app.CreateTokenAsync(user);
        var client = app.CreateApiClient(secret);
        (await client.GetAsync("/api/v1/territories", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await app.WithDbAsync(async db =>
        {
            var hash = PersonalAccessToken.HashOf(secret);
            (await db.PersonalAccessTokens.SingleAsync(t => t.Hash == hash, Cancellation)).Revoke(DateTime.UtcNow);
            return await db.SaveChangesAsync(Cancellation);
        });

        var refused = await client.GetAsync("/api/v1/territories", Cancellation);
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        refused.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
    }
}

public sealed class SecurityTests_Sqlite(SqliteApp app) : SecurityTests(app), IClassFixture<SqliteApp>;

public sealed class SecurityTests_PostgreSql(PostgresApp app) : SecurityTests(app), IClassFixture<PostgresApp>;
