using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Cibles;

/// <summary>The cible on paper: both pictures, the overlay, the gaps and the placements.</summary>
[TerritoryPage(TerritoryRole.Lecteur, TerritoryRole.Pilote)]
public sealed class PrintModel(AppDbContext db, TimeProvider time) : PageModel
{
    public Cible Cible { get; private set; } = null!;
    public IReadOnlyList<PlacementRow> Rows { get; private set; } = [];
    public IReadOnlyList<CibleGap> Gaps { get; private set; } = [];
    public string CurrentPicture { get; private set; } = "";
    public string IdealPicture { get; private set; } = "";
    public string OverlayPicture { get; private set; } = "";
    public DateTimeOffset PrintedAt { get; private set; }

    public async Task OnGetAsync(Guid territoryId, Guid cibleId, CancellationToken cancellationToken)
    {
        Cible = await CibleBoard.FindAsync(db, territoryId, cibleId, tracked: false, cancellationToken);
        Rows = await CibleBoard.PlacementsAsync(db, Cible.Id, cancellationToken);
        var drawing = CibleBoard.Drawing(Cible, Rows);
        Gaps = CibleGaps.Compute(drawing);
        var title = $"Cible « {Cible.Name} »";
        CurrentPicture = CibleSvg.Render(drawing, CibleView.Current, $"{title} — aujourd'hui", "impression-aujourdhui");
        IdealPicture = CibleSvg.Render(drawing, CibleView.Ideal, $"{title} — situation idéale", "impression-ideal");
        OverlayPicture = CibleSvg.Render(drawing, CibleView.Overlay, $"{title} — écart", "impression-ecart");
        PrintedAt = time.GetLocalNow();
    }
}
