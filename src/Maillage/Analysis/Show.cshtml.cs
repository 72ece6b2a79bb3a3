using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Analysis;

/// <summary>An environment analysis as it reads and prints, with its history.</summary>
[TerritoryPage(TerritoryRole.Lecteur, TerritoryRole.Pilote)]
public sealed class ShowModel(AppDbContext db, CurrentTerritory territory) : PageModel
{
    public EnvironmentAnalysis Analysis { get; private set; } = null!;
    public IReadOnlyList<AuditEntry> History { get; private set; } = [];
    public bool CanEdit { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid territoryId, Guid analysisId, CancellationToken cancellationToken)
    {
        Analysis = await AnalysisLookup.FindAsync(db, territoryId, analysisId, tracked: false, cancellationToken);
        CanEdit = territory.Required.Can(TerritoryRole.Pilote);
        History = await db.HistoryOfAsync(Analysis, 30, cancellationToken);
    }
}

public static class AnalysisLookup
{
    public static async Task<EnvironmentAnalysis> FindAsync(AppDbContext db, Guid territoryId, Guid analysisId, bool tracked, CancellationToken cancellationToken) =>
        await (tracked ? db.EnvironmentAnalyses : db.EnvironmentAnalyses.AsNoTracking())
            .SingleOrDefaultAsync(a => a.Id == analysisId && a.TerritoryId == territoryId, cancellationToken)
        ?? throw new NotFoundException("Cette analyse n'existe pas dans ce territoire.");
}
