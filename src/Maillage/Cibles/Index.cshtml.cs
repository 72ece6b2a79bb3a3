using System.ComponentModel.DataAnnotations;
using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Cibles;

/// <summary>The name, centre and rings of a cible, as the forms post them.</summary>
public sealed class CibleForm
{
    [Required(ErrorMessage = "Nom : donnez un nom à la cible.")]
    [StringLength(Cible.NameMaxLength, ErrorMessage = "Nom : {1} caractères au plus.")]
    public string? Name { get; set; }

    [StringLength(Cible.CentreMaxLength, ErrorMessage = "Centre : {1} caractères au plus.")]
    public string? Centre { get; set; }

    [Range(Cible.MinRings, Cible.MaxRings, ErrorMessage = "Anneaux : une cible a de 3 à 5 anneaux.")]
    public int RingCount { get; set; } = Cible.DefaultRings;

    /// <summary>Five fields; those beyond <see cref="RingCount"/> are ignored, empty ones take the default name.</summary>
    public List<string?> Rings { get; set; } = [];

    public long? Version { get; set; }

    public static CibleForm Of(Cible cible) => new()
    {
        Name = cible.Name,
        Centre = cible.Centre,
        RingCount = cible.RingCount,
        Rings = [.. cible.Rings],
        Version = cible.Version,
    };

    public IReadOnlyList<string?> RingNames => [.. Rings.Take(RingCount)];
}

/// <summary>The territory's cibles, and a new one.</summary>
[TerritoryPage(TerritoryRole.Lecteur, TerritoryRole.Pilote)]
public sealed class IndexModel(AppDbContext db, CurrentTerritory territory) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid Id, string Name, string? Centre, int RingCount, int Actors, DateTime UpdatedAt);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }

    /// <summary>From the query string: "page" is also Razor Pages' own route value, which binding would read first.</summary>
    public int PageNumber { get; private set; } = 1;

    public bool CanEdit { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    [BindProperty]
    public CibleForm Input { get; set; } = new();

    public async Task OnGetAsync(Guid territoryId, CancellationToken cancellationToken) => await LoadAsync(territoryId, cancellationToken);

    public async Task<IActionResult> OnPostAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        await LoadAsync(territoryId, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var cible = new Cible(territoryId, Input.Name!, Input.Centre, Input.RingNames, Input.RingCount);
        db.Cibles.Add(cible);
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = $"Cible « {cible.Name} » créée : commencez par l'étape 1, les acteurs à considérer.";
        return Redirect($"{ShowModel.PageUrl(territoryId, cible.Id)}#etape-1");
    }

    private async Task LoadAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        CanEdit = territory.Required.Can(TerritoryRole.Pilote);
        PageNumber = int.TryParse(Request.Query["page"], out var number) && number > 0 ? number : 1;
        var query = db.Cibles.AsNoTracking().Where(c => c.TerritoryId == territoryId);
        Total = await query.CountAsync(cancellationToken);
        Rows = await query.OrderBy(c => c.Name).ThenBy(c => c.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(c => new Row(c.Id, c.Name, c.Centre, c.RingCount, db.CiblePlacements.Count(p => p.CibleId == c.Id), c.UpdatedAt))
            .ToListAsync(cancellationToken);
    }
}
