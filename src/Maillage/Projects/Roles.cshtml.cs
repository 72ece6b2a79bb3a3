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
    /// <summary>The model-state key of the errors of a built-in role's conditions form.</summary>
    public const string ConditionsField = "Input.RoleConditions";

    private const string NotBuiltIn = "Seules les conditions des quatre rôles du tableau de référence se modifient ici ; un rôle du territoire se retire puis s'ajoute à nouveau.";

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

    /// <summary>The built-in role whose conditions form was posted and comes back (refused or in conflict), open.</summary>
    public string? EditingCode { get; private set; }

    /// <summary>The text shown in that form: what the person posted, or the current text after a conflict.</summary>
    public string? EditingConditions { get; private set; }

    /// <summary>After a conflict, the person's text that was not saved, shown so that nothing is lost.</summary>
    public string? RejectedConditions { get; private set; }

    public static string Lines(ParticipationRole role) => string.Join('\n', role.Conditions.Select(c => c.Text));

    public async Task OnGetAsync(Guid territoryId, CancellationToken cancellationToken) =>
        Roles = await ParticipationLoading.RolesAsync(db, territoryId, cancellationToken);

    // The role's field is « role », not « code »: a refused post is re-executed as the error page, whose « code » is the status.
    public async Task<IActionResult> OnPostConditionsAsync(Guid territoryId, [FromForm(Name = "role")] string? roleCode, string? conditions, long? version,
        CancellationToken cancellationToken)
    {
        Roles = await ParticipationLoading.RolesAsync(db, territoryId, cancellationToken);
        if (Roles.Find(roleCode) is not { IsBuiltIn: true } role)
        {
            ModelState.AddModelError(string.Empty, NotBuiltIn);
            return Page();
        }

        EditingCode = role.Code;
        EditingConditions = conditions;
        if (version is null)
        {
            ModelState.AddModelError(ConditionsField, "La version des conditions lue avant la modification manque : rechargez la page puis recommencez.");
            return Page();
        }

        try
        {
            await BuiltInRoleConditionsEditing.EditAsync(db, territoryId, role.Code, [conditions], version, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            await ShowCurrentAsync(territoryId, role.Code, conditions, cancellationToken);
            throw;
        }
        catch (DomainException e)
        {
            ModelState.AddModelError(ConditionsField, e.Message);
            return Page();
        }

        StatusMessage = $"Conditions d'exercice du rôle « {role.Label} » enregistrées pour ce territoire.";
        return Redirect($"/territoires/{territoryId}/projets/roles#role-{role.Code}");
    }

    public async Task<IActionResult> OnPostRevertAsync(Guid territoryId, [FromForm(Name = "role")] string? roleCode, long? version,
        CancellationToken cancellationToken)
    {
        Roles = await ParticipationLoading.RolesAsync(db, territoryId, cancellationToken);
        if (Roles.Find(roleCode) is not { IsBuiltIn: true } role)
        {
            ModelState.AddModelError(string.Empty, NotBuiltIn);
            return Page();
        }

        try
        {
            await BuiltInRoleConditionsEditing.RevertAsync(db, territoryId, role.Code, version ?? 0, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            await ShowCurrentAsync(territoryId, role.Code, null, cancellationToken);
            throw;
        }

        StatusMessage = $"Le rôle « {role.Label} » reprend les conditions d'exercice de la source.";
        return Redirect($"/territoires/{territoryId}/projets/roles#role-{role.Code}");
    }

    /// <summary>A lost race: the page shows the conditions as they are now, with their version, and keeps the refused text apart.</summary>
    private async Task ShowCurrentAsync(Guid territoryId, string code, string? rejected, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        db.ChangeTracker.Clear();
        Roles = await ParticipationLoading.RolesAsync(db, territoryId, cancellationToken);
        EditingCode = code;
        EditingConditions = Lines(Roles.Get(code));
        RejectedConditions = rejected;
    }

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

    /// <summary>The role is posted as « role »: a field named « code » would override the status of a refused post re-run as /erreur/{code}.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid territoryId, string? role, CancellationToken cancellationToken)
    {
        var removed = await db.ProjectRoles.SingleOrDefaultAsync(r => r.TerritoryId == territoryId && r.Code == role, cancellationToken);
        Roles = await ParticipationLoading.RolesAsync(db, territoryId, cancellationToken);
        if (removed is null)
        {
            // Already removed (another tab, another person) or one of the four reference roles, which stay.
            ModelState.AddModelError(string.Empty, "Ce rôle n'est pas un rôle ajouté par le territoire : il a peut-être déjà été retiré.");
            return Page();
        }

        if (!await ProjectFieldErrors.TryAsync(ModelState, () => ProjectRoles.RemoveAsync(db, removed, cancellationToken), "Retrait"))
        {
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = $"Rôle « {removed.Label} » retiré.";
        return Redirect($"/territoires/{territoryId}/projets/roles");
    }
}
