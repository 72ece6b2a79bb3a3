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

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public bool CanEdit { get; private set; }

    /// <summary>From the query string: "page" is also Razor Pages' own route value, which binding would read first.</summary>
    public int PageNumber { get; private set; } = 1;

    [BindProperty]
    public AnalysisForm Input { get; set; } = new();

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
        // The answers are counted by the database: the list never reads the answers' text.
        Rows = await query.OrderBy(a => a.Title).ThenBy(a => a.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(a => new Row(a.Id, a.Title, a.Organisation,
                (a.Answer1 != null ? 1 : 0) + (a.Answer2 != null ? 1 : 0) + (a.Answer3 != null ? 1 : 0) + (a.Answer4 != null ? 1 : 0) +
                (a.Answer5 != null ? 1 : 0) + (a.Answer6 != null ? 1 : 0) + (a.Answer7 != null ? 1 : 0) + (a.Answer8 != null ? 1 : 0) +
                (a.Answer9 != null ? 1 : 0) + (a.Answer10 != null ? 1 : 0) + (a.Answer11 != null ? 1 : 0) + (a.Answer12 != null ? 1 : 0) +
                (a.Answer13 != null ? 1 : 0) + (a.Answer14 != null ? 1 : 0),
                a.Way, a.UpdatedAt))
            .ToListAsync(cancellationToken);
    }
}
