using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Maillage.Tests.Infrastructure;

/// <summary>What a person does with a browser: open pages, read them, submit their forms with the antiforgery token.</summary>
public static class Browsing
{
    public const string LoginPath = "/connexion";
    public const string AntiforgeryField = "__RequestVerificationToken";

    private static readonly HtmlParser Parser = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static IDocument ParseHtml(string html) => Parser.ParseDocument(html);

    public static async Task<IDocument> ReadHtmlAsync(this HttpResponseMessage response) =>
        ParseHtml(await response.Content.ReadAsStringAsync(Cancellation));

    public static async Task<(HttpResponseMessage Response, IDocument Document)> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Cancellation);
        return (response, await response.ReadHtmlAsync());
    }

    /// <summary>The token of the page's forms, or of the layout's meta tag used by htmx requests.</summary>
    public static string? AntiforgeryToken(this IDocument document) =>
        document.QuerySelector($"input[name={AntiforgeryField}]")?.GetAttribute("value")
        ?? document.QuerySelector("meta[name=csrf-token]")?.GetAttribute("content");

    public static async Task<string> GetAntiforgeryTokenAsync(this HttpClient client, string url)
    {
        var (response, document) = await client.GetPageAsync(url);
        return document.AntiforgeryToken()
               ?? throw new InvalidOperationException($"Aucun jeton antiforgery sur {url} (statut {(int)response.StatusCode}).");
    }

    /// <summary>Opens the form's page (<paramref name="url"/> without its query), takes its token and posts the fields.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields,
        string? formPage = null)
    {
        var token = await client.GetAntiforgeryTokenAsync(formPage ?? url.Split('?')[0]);
        return await client.PostFormWithTokenAsync(url, fields, token);
    }

    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, params (string Name, string Value)[] fields) =>
        client.PostFormAsync(url, fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    public static async Task<HttpResponseMessage> PostFormWithTokenAsync(this HttpClient client, string url,
        IEnumerable<KeyValuePair<string, string>> fields, string? token)
    {
        var all = fields.ToList();
        if (token is not null)
        {
            all.Add(KeyValuePair.Create(AntiforgeryField, token));
        }

        using var content = new FormUrlEncodedContent(all);
        return await client.PostAsync(url, content, Cancellation);
    }

    /// <summary>Fills and submits the login form; the answer is returned as is.</summary>
    public static Task<HttpResponseMessage> SubmitLoginAsync(this HttpClient client, string email, string password) =>
        client.PostFormAsync(LoginPath, ("Input.Email", email), ("Input.Password", password));

    /// <summary>Logs in through the login page and fails the test with the page's own words when it is refused.</summary>
    public static async Task LoginAsync(this HttpClient client, string email, string password)
    {
        var response = await client.SubmitLoginAsync(email, password);
        var location = response.Headers.Location?.OriginalString ?? "";
        if (response.StatusCode != HttpStatusCode.Redirect || location.Contains(LoginPath, StringComparison.Ordinal)
            || !response.Headers.TryGetValues("Set-Cookie", out var cookies) || !cookies.Any(c => c.StartsWith("maillage=", StringComparison.Ordinal)))
        {
            var page = await response.ReadHtmlAsync();
            var errors = page.QuerySelector("[role=alert], .validation-summary-errors, .text-danger")?.TextContent.Trim();
            throw new InvalidOperationException(
                $"La connexion de {email} a échoué : statut {(int)response.StatusCode}, Location « {location} », message « {errors} ».");
        }
    }

    /// <summary>The path a redirect leads to, whether the Location is absolute or relative.</summary>
    public static string? RedirectPath(this HttpResponseMessage response) =>
        response.Headers.Location is { } location
            ? (location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost"), location)).AbsolutePath
            : null;

    public static string Describe(this HttpResponseMessage response) =>
        $"{(int)response.StatusCode}{(response.Headers.Location is { } l ? " → " + l.OriginalString : "")}";
}
