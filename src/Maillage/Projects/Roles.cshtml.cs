using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Projects;

/// <summary>The roles of the territory's projects: the four of source 000, and those the territory adds with their conditions of exercise.</summary>
[TerritoryPage(TerritoryRole.Lecteur, TerritoryRole.Pilote)]
public sealed class RolesModel(AppDbContext db, CurrentTerritory current) : PageModel
{
    public ParticipationRoleCatalog Roles { get; private set; } = ParticipationRoleCatalog.DefaultsOnly;
    public bool CanEdit => current.Required.Can(TerritoryRole.Pilote);

    [BindProperty]
    public RoleForm Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public sealed class RoleForm
    {
        public string? Label { get; set; }
        public string? Description { get; set; }
        public string? Conditions { get; set; }
    }

    public async Task OnGetAsync(Guid territoryId, CancellationToken cancellationToken) =>
        Roles = await ParticipationLoading.RolesAsync(db, territoryId, cancellationToken);

    public async Task<IActionResult> OnPostAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        Roles = await ParticipationLoading.RolesAsync(db, territoryId, cancellationToken);
        ProjectRole? role = null;
        if (!ProjectFieldErrors.Try(ModelState, () => role = new ProjectRole(territoryId, Input.Label ?? "", Input.Description, Input.Conditions)))
        {
            return Page();
        }

        if (Roles.Find(role!.Code) is not null)
        {
            ModelState.AddModelError("Input.Label", $"Libellé : le rôle « {role.Label} » existe déjà dans ce territoire.");
            return Page();
        }

        db.ProjectRoles.Add(role);
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = $"Rôle « {role.Label} » ajouté.";
        return Redirect($"/territoires/{territoryId}/projets/roles");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid territoryId, string? code, CancellationToken cancellationToken)
    {
        var role = await db.ProjectRoles.SingleOrDefaultAsync(r => r.TerritoryId == territoryId && r.Code == code, cancellationToken);
        Roles = await ParticipationLoading.RolesAsync(db, territoryId, cancellationToken);
        if (role is null)
        {
            // Already removed (another tab, another person) or one of the four reference roles, which stay.
            ModelState.AddModelError(string.Empty, "Ce rôle n'est pas un rôle ajouté par le territoire : il a peut-être déjà été retiré.");
            return Page();
        }

        if (!await ProjectFieldErrors.TryAsync(ModelState, () => ProjectRoles.RemoveAsync(db, role, cancellationToken), "Retrait"))
        {
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = $"Rôle « {role.Label} » retiré.";
        return Redirect($"/territoires/{territoryId}/projets/roles");
    }
}
