using System.ComponentModel.DataAnnotations;
using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Analysis;

/// <summary>The environment analyses of the territory, and a new one.</summary>
[TerritoryPage(TerritoryRole.Lecteur, TerritoryRole.Pilote)]
public sealed class IndexModel(AppDbContext db, CurrentTerritory territory) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid Id, string Title, string? Organisation, int Answered, WayToAct? Way, DateTime UpdatedAt);

    public sealed class NewForm
    {
        [Required(ErrorMessage = "Titre : donnez un titre à l'analyse.")]
        [StringLength(EnvironmentAnalysis.TitleMaxLength, ErrorMessage = "Titre : {1} caractères au plus.")]
        public string? Title { get; set; }

        [StringLength(EnvironmentAnalysis.OrganisationMaxLength, ErrorMessage = "Organisation porteuse : {1} caractères au plus.")]
        public string? Organisation { get; set; }
    }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public bool CanEdit { get; private set; }

    /// <summary>From the query string: "page" is also Razor Pages' own route value, which binding would read first.</summary>
    public int PageNumber { get; private set; } = 1;

    [BindProperty]
    public NewForm Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid territoryId, CancellationToken cancellationToken) => await LoadAsync(territoryId, cancellationToken);

    public async Task<IActionResult> OnPostAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        await LoadAsync(territoryId, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var analysis = new EnvironmentAnalysis(territoryId, Input.Title!, Input.Organisation);
        db.EnvironmentAnalyses.Add(analysis);
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = $"Analyse « {analysis.Title} » créée : répondez aux questions de la grille.";
        return Redirect($"/territoires/{territoryId}/analyses/{analysis.Id}/modifier");
    }

    private async Task LoadAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        CanEdit = territory.Required.Can(TerritoryRole.Pilote);
        PageNumber = int.TryParse(Request.Query["page"], out var number) && number > 0 ? number : 1;
        var query = db.EnvironmentAnalyses.AsNoTracking().Where(a => a.TerritoryId == territoryId);
        Total = await query.CountAsync(cancellationToken);
        var page = await query.OrderBy(a => a.Title).ThenBy(a => a.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        Rows = [.. page.Select(a => new Row(a.Id, a.Title, a.Organisation, a.Answered, a.Way, a.UpdatedAt))];
    }
}
