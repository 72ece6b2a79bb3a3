using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Projects;

/// <summary>
/// The project's partners laid out like source 000's table « Définition du rôle et de la fonction des partenaires »:
/// for each role, who holds it, what the role is and its conditions of exercise, ticked per partner. Printable.
/// </summary>
[TerritoryPage(TerritoryRole.Lecteur, TerritoryRole.Pilote)]
public sealed class RoleTableModel(AppDbContext db) : PageModel
{
    public Project Project { get; private set; } = null!;

    /// <summary>The roles held in the project, then the source's roles nobody holds yet, in the catalog's order.</summary>
    public IReadOnlyList<RoleTableRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(Guid territoryId, Guid projectId, CancellationToken cancellationToken)
    {
        Project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: false, cancellationToken);
        var roles = await ParticipationLoading.RolesAsync(db, territoryId, cancellationToken);
        var lines = await ParticipationLoading.ListAsync(db, territoryId, projectId, roles, cancellationToken);
        Rows = RoleTableRow.Of(roles, lines);
    }
}
