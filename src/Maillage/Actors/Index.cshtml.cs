using Maillage.Actors.Transfer;
using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Maillage.Territories.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Actors;

/// <summary>The directory of the territory's actors: every filter is a GET parameter, read by <see cref="ActorDirectory"/>.</summary>
[TerritoryPage(TerritoryRole.Lecteur, TerritoryRole.Pilote)]
public sealed class IndexModel(AppDbContext db, InseeReference reference, CurrentTerritory current) : PageModel
{
    public const int PageSize = 25;

    /// <summary>Above this many communes, the commune filter is a text field rather than a list.</summary>
    public const int MaxListedCommunes = 1500;

    public sealed record PlaceOption(string Value, string Label);

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "famille")]
    public string? Family { get; set; }

    [BindProperty(SupportsGet = true, Name = "soustype")]
    public string? Subtype { get; set; }

    [BindProperty(SupportsGet = true, Name = "commune")]
    public string? Commune { get; set; }

    [BindProperty(SupportsGet = true, Name = "competence")]
    public string? CompetenceFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "mode")]
    public List<string> Modes { get; set; } = [];

    [BindProperty(SupportsGet = true, Name = "tri")]
    public string? Sort { get; set; }

    /// <summary>The page number (<c>?p=</c>): "page" is a route value Razor Pages keeps for itself.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public DirectoryPage Results { get; private set; } = new([], 0, 1, PageSize);
    public SubtypeCatalog Subtypes { get; private set; } = SubtypeCatalog.DefaultsOnly;
    public IReadOnlyList<PlaceOption> Places { get; private set; } = [];
    public IReadOnlyList<string> CompetenceVocabulary { get; private set; } = [];
    public string? FilterError { get; private set; }
    public bool CanEdit => current.Required.Can(TerritoryRole.Pilote);
    public int PageCount => Math.Max(1, (Results.Total + PageSize - 1) / PageSize);

    public bool HasFilters => !string.IsNullOrWhiteSpace(Search) || !string.IsNullOrWhiteSpace(Family) || !string.IsNullOrWhiteSpace(Subtype)
                              || !string.IsNullOrWhiteSpace(Commune) || !string.IsNullOrWhiteSpace(CompetenceFilter) || Modes.Count > 0;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        Subtypes = await SubtypeCatalog.LoadAsync(db, territoryId, cancellationToken);
        var query = Query() with
        {
            Page = Math.Max(1, PageNumber),
            PageSize = PageSize,
        };
        try
        {
            Results = await new ActorDirectory(db, reference).SearchAsync(territoryId, query, cancellationToken);
        }
        catch (DomainException e)
        {
            FilterError = e.Message;
        }

        // An htmx request asks only for the results: the form stays as the person is typing in it.
        if (Request.Headers.ContainsKey("HX-Request") && !Request.Headers.ContainsKey("HX-Boosted"))
        {
            return Partial("_DirectoryResults", this);
        }

        var territory = await db.Territories.AsNoTracking().SingleAsync(t => t.Id == territoryId, cancellationToken);
        Places = PlacesOf(territory.Perimeter);
        CompetenceVocabulary = await db.Competences.AsNoTracking().Where(c => c.TerritoryId == territoryId)
            .OrderBy(c => c.Key).Take(500).Select(c => c.Label).ToListAsync(cancellationToken);
        return Page();
    }

    /// <summary>The whole directory with the filters shown, as a file (<c>?handler=export&amp;format=xlsx|csv|json</c>).</summary>
    public async Task<IActionResult> OnGetExportAsync(Guid territoryId, string? format, [FromServices] TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!ExportFormats.TryParse(format, out var exportFormat))
        {
            return BadRequest();
        }

        IQueryable<Actor>? filtered;
        try
        {
            filtered = await new ActorExport(db, reference).FilterAsync(territoryId, Query(), cancellationToken);
        }
        catch (DomainException)
        {
            // The directory shows the filter's error beside the form.
            return Redirect(PageUrl(1));
        }

        return new HttpResultActionResult(TypedResults.Stream(
            stream => ActorExport.WriteAsync(filtered, exportFormat, stream, HttpContext.RequestAborted),
            exportFormat.ContentType(), ActorExport.FileName(current.Required.Name, time.GetUtcNow(), exportFormat)));
    }

    /// <summary>The filters of the page, read as the directory reads them.</summary>
    public DirectoryQuery Query() => new()
    {
        Q = Search,
        Family = ActorFamilies.TryParse(Family, out var family) ? family : null,
        Subtype = Subtype,
        Commune = Commune,
        Competence = CompetenceFilter,
        Modes = InterventionModeCodes.Parse(Modes, out _),
        Sort = Sort switch
        {
            "maj" => DirectorySort.Updated,
            "famille" => DirectorySort.Family,
            _ => DirectorySort.Name,
        },
    };

    /// <summary>The export link of a format, carrying the filters shown.</summary>
    public string ExportUrl(string format) => Url.Page("/Actors/Index", "export", new
    {
        q = Search,
        famille = Family,
        soustype = Subtype,
        commune = Commune,
        competence = CompetenceFilter,
        mode = Modes,
        format,
    }) ?? "";

    public string PageUrl(int page) => Url.Page("/Actors/Index", new
    {
        q = Search,
        famille = Family,
        soustype = Subtype,
        commune = Commune,
        competence = CompetenceFilter,
        mode = Modes,
        tri = Sort,
        p = page > 1 ? page : (int?)null,
    }) ?? "";

    public string? SubtypeLabel(string? code) => code is null ? null : Subtypes.Find(code)?.Label ?? code;

    public string? CommuneLabel(string? code) => code is null ? null : reference.FindCommune(code)?.Name ?? code;

    /// <summary>The EPCI and communes of the territory's perimeter, for the commune filter.</summary>
    private List<PlaceOption> PlacesOf(Perimeter perimeter)
    {
        var communes = perimeter.Areas
            .SelectMany(a => reference.CommuneCodesOf(a.Kind, a.Code))
            .Distinct()
            .Select(reference.FindCommune)
            .OfType<Commune>()
            .ToList();
        if (communes.Count == 0 || communes.Count > MaxListedCommunes)
        {
            return [];
        }

        var french = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), ignoreCase: true);
        var epcis = communes.Select(c => c.EpciSiren).OfType<string>().Distinct()
            .Select(reference.FindEpci).OfType<Epci>()
            .OrderBy(e => e.Name, french)
            .Select(e => new PlaceOption(e.Siren, $"{e.Name} (EPCI)"));
        return [.. epcis, .. communes.OrderBy(c => c.Name, french).Select(c => new PlaceOption(c.Code, $"{c.Name} ({c.Code})"))];
    }
}

