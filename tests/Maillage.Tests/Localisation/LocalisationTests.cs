using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Maillage.Tests.Infrastructure;

namespace Maillage.Tests.Localisation;

/// <summary>French is the key, English comes from one resource file (docs/decisions/0004-localisation.md).</summary>
public sealed partial class LocalisationTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [GeneratedRegex("""(?<![\w.])L\[\s*"((?:[^"\\]|\\.)*)"\s*\]""")]
    private static partial Regex ViewLiteral();

    [GeneratedRegex("""(?<![\w.])(?:[lL]ocalizer|L)\[\s*"((?:[^"\\]|\\.)*)"\s*[\],]""")]
    private static partial Regex CodeLiteral();

    private static Dictionary<string, string> English() =>
        XDocument.Load(Path.Combine(Repository.WebProject, "Resources", "SharedResource.en.resx"))
            .Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "");

    /// <summary>Every <c>L["…"]</c> of the views and every <c>localizer["…"]</c> of the code, with where it is.</summary>
    private static List<(string Text, string Where)> LocalisedLiterals()
    {
        var found = new List<(string, string)>();
        foreach (var file in Directory.EnumerateFiles(Repository.WebProject, "*.cs*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Repository.Root, file);
            if (relative.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                || relative.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            var pattern = file.EndsWith(".cshtml", StringComparison.Ordinal) ? ViewLiteral()
                : file.EndsWith(".cs", StringComparison.Ordinal) ? CodeLiteral()
                : null;
            if (pattern is null)
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                found.AddRange(pattern.Matches(lines[i])
                    .Select(m => (Regex.Unescape(m.Groups[1].Value), $"{relative}:{i + 1}")));
            }
        }

        return found;
    }

    [Fact]
    public void Every_localised_text_of_the_views_has_an_English_translation()
    {
        var english = English();
        var literals = LocalisedLiterals();

        var missing = literals.Where(l => !english.TryGetValue(l.Text, out var value) || string.IsNullOrWhiteSpace(value))
            .Select(l => $"{l.Where} : « {l.Text} »")
            .Distinct()
            .ToList();

        literals.Count(l => l.Where.EndsWith(".cshtml", StringComparison.Ordinal) || l.Where.Contains(".cshtml:", StringComparison.Ordinal))
            .ShouldBeGreaterThan(20, "la lecture des vues ne trouve presque aucun L[\"…\"]");
        missing.ShouldBeNone("Textes sans traduction anglaise dans src/Maillage/Resources/SharedResource.en.resx");
    }

    [Fact]
    public void Literal_reader_finds_texts_with_quotes_and_ignores_computed_keys()
    {
        var line = """<h1>@L["Bonjour"]</h1> @L[Model.Title] @Model.L["Pas ça"] <p>@L["Le \"bon\" texte"]</p>""";

        ViewLiteral().Matches(line).Select(m => Regex.Unescape(m.Groups[1].Value)).ShouldBe(["Bonjour", "Le \"bon\" texte"]);
    }

    [Fact]
    public void The_texts_built_at_run_time_have_an_English_translation()
    {
        var english = English();
        var actor = new Maillage.Cibles.CibleItem(Guid.NewGuid(), "Alpha", Maillage.Actors.ActorFamily.Entreprises, null, null);
        string[] gapActions =
        [
            Maillage.Cibles.CibleGaps.Action(actor with { Current = null, Ideal = 1 }, 4),
            Maillage.Cibles.CibleGaps.Action(actor with { Current = 2, Ideal = null }, -3),
            Maillage.Cibles.CibleGaps.Action(actor with { Current = 4, Ideal = 1 }, 3),
            Maillage.Cibles.CibleGaps.Action(actor with { Current = 2, Ideal = 1 }, 1),
            Maillage.Cibles.CibleGaps.Action(actor with { Current = 1, Ideal = 2 }, -1),
            Maillage.Cibles.CibleGaps.Action(actor with { Current = 1, Ideal = 3 }, -2),
        ];
        string[] network =
        [
            Maillage.Network.NetworkReading.CentralTemplate, Maillage.Network.NetworkReading.BridgeGroupsText,
            Maillage.Network.NetworkReading.BridgePathText, Maillage.Network.NetworkReading.ArticulationText,
            Maillage.Network.NetworkReading.BridgeTemplate, Maillage.Network.NetworkReading.IsolatedText,
        ];

        gapActions.Distinct().Count().ShouldBe(6);
        gapActions.Concat(network).Where(text => !english.TryGetValue(text, out var value) || string.IsNullOrWhiteSpace(value))
            .ShouldBeEmpty("Textes construits à l'exécution sans traduction anglaise");
    }

    [Fact]
    public async Task English_is_served_with_the_culture_query_or_the_language_cookie()
    {
        var browser = await app.LoginAsync(app.Administrator);

        var french = await browser.GetPageAsync("/");
        french.Document.DocumentElement.GetAttribute("lang").ShouldBe("fr");
        Navigation(french.Document).ShouldContain("Territoires");

        var query = await browser.GetPageAsync("/?culture=en");
        query.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        query.Document.DocumentElement.GetAttribute("lang").ShouldBe("en");
        Navigation(query.Document).ShouldContain("Territories");
        Navigation(query.Document).ShouldNotContain("Territoires");

        var switched = await browser.PostFormAsync("/langue", [KeyValuePair.Create("culture", "en"), KeyValuePair.Create("returnUrl", "/territoires")], formPage: "/");
        switched.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        switched.RedirectPath().ShouldBe("/territoires");
        var cookie = await browser.GetPageAsync("/");
        cookie.Document.DocumentElement.GetAttribute("lang").ShouldBe("en");
        Navigation(cookie.Document).ShouldContain("Territories");
    }

    private static List<string> Navigation(AngleSharp.Dom.IDocument document) =>
        document.QuerySelectorAll("header nav a.nav-link").Select(a => a.TextContent.Trim()).ToList();
}
