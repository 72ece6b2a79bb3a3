using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Cibles;

/// <summary>A frozen picture of the cible, and how the actors moved since that date.</summary>
[TerritoryPage(TerritoryRole.Lecteur, TerritoryRole.Pilote)]
public sealed class SnapshotModel(AppDbContext db) : PageModel
{
    public Cible Cible { get; private set; } = null!;
    public CibleSnapshot Snapshot { get; private set; } = null!;
    public CibleSnapshot.SnapshotContent Frozen { get; private set; } = null!;
    public string Picture { get; private set; } = "";
    public IReadOnlyList<CibleBoard.Movement> Moves { get; private set; } = [];

    public async Task OnGetAsync(Guid territoryId, Guid cibleId, Guid snapshotId, CancellationToken cancellationToken)
    {
        Cible = await CibleBoard.FindAsync(db, territoryId, cibleId, tracked: false, cancellationToken);
        Snapshot = await db.CibleSnapshots.AsNoTracking().SingleOrDefaultAsync(s => s.Id == snapshotId && s.CibleId == Cible.Id, cancellationToken)
            ?? throw new NotFoundException("Cet instantané n'existe pas pour cette cible.");
        Frozen = Snapshot.Read();
        Picture = CibleSvg.Render(Frozen.Drawing(), CibleView.Current, $"Cible « {Frozen.Name} » au {Snapshot.TakenAt.ToLocalTime():d}", "instantane");
        Moves = CibleBoard.MovesSince(Frozen, await CibleBoard.PlacementsAsync(db, Cible.Id, cancellationToken));
    }
}
