using Maillage.Actors;
using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Projects;

/// <summary>
/// One partner of a project: its role and function, the conditions of exercise of its role (source 000) ticked when
/// met, its mobilisation with its history, its wave, its weight, its representative; a stale form is refused.
/// </summary>
[TerritoryPage(TerritoryRole.Lecteur, TerritoryRole.Pilote)]
public sealed class ParticipantModel(AppDbContext db, CurrentTerritory current) : PageModel
{
    public string ProjectName { get; private set; } = "";
    public string ActorName { get; private set; } = "";
    public ParticipationRoleCatalog Roles { get; private set; } = ParticipationRoleCatalog.DefaultsOnly;
    public IReadOnlyList<Contact> Contacts { get; private set; } = [];
    public IReadOnlyList<MobilisationStep> History { get; private set; } = [];
    public bool CanEdit => current.Required.Can(TerritoryRole.Pilote);

    [BindProperty]
    public ParticipationApi.ParticipationInput Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public ParticipationRole? Role => Roles.Find(Input.Role);

    public async Task OnGetAsync(Guid territoryId, Guid projectId, Guid participationId, CancellationToken cancellationToken)
    {
        var participation = await LoadAsync(territoryId, projectId, participationId, cancellationToken);
        Input = Of(participation);
    }

    public async Task<IActionResult> OnPostAsync(Guid territoryId, Guid projectId, Guid participationId, CancellationToken cancellationToken)
    {
        var participation = await ParticipationLoading.FindAsync(db, territoryId, projectId, participationId, tracked: true, cancellationToken);
        await LoadContextAsync(territoryId, projectId, participation, cancellationToken);
        Input.ActorId = participation.ActorId;
        if (Input.Version is null)
        {
            ModelState.AddModelError(string.Empty, "La version de la participation lue avant la modification manque : rechargez la page puis recommencez.");
            return Page();
        }

        try
        {
            await db.ExpectVersionAsync(participation, Input.Version, cancellationToken);
            if (!await ProjectFieldErrors.TryAsync(ModelState, () => ParticipationLoading.UpdateAsync(db, participation, Roles.Get(Input.Role),
                    Input.ToFields(), Input.RepresentativeContactId, cancellationToken)))
            {
                return Page();
            }

            await db.SaveCheckedAsync(cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            ModelState.Clear();
            db.ChangeTracker.Clear();
            Input = Of(await LoadAsync(territoryId, projectId, participationId, cancellationToken));
            throw;
        }

        StatusMessage = $"La participation de « {ActorName} » est enregistrée.";
        return Redirect($"/territoires/{territoryId}/projets/{projectId}/participants/{participationId}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid territoryId, Guid projectId, Guid participationId, CancellationToken cancellationToken)
    {
        var participation = await ParticipationLoading.FindAsync(db, territoryId, projectId, participationId, tracked: true, cancellationToken);
        var actor = await db.Actors.AsNoTracking().Where(a => a.Id == participation.ActorId).Select(a => a.Name).SingleAsync(cancellationToken);
        db.ProjectParticipations.Remove(participation);
        await db.SaveChangesAsync(cancellationToken);
        TempData[nameof(ParticipantsModel.StatusMessage)] = $"« {actor} » ne participe plus au projet ({participation.Role}).";
        return Redirect($"/territoires/{territoryId}/projets/{projectId}/participants");
    }

    private async Task<ProjectParticipation> LoadAsync(Guid territoryId, Guid projectId, Guid participationId, CancellationToken cancellationToken)
    {
        var participation = await ParticipationLoading.FindAsync(db, territoryId, projectId, participationId, tracked: false, cancellationToken);
        await LoadContextAsync(territoryId, projectId, participation, cancellationToken);
        return participation;
    }

    private async Task LoadContextAsync(Guid territoryId, Guid projectId, ProjectParticipation participation, CancellationToken cancellationToken)
    {
        ProjectName = await db.Projects.AsNoTracking().Where(p => p.Id == projectId && p.TerritoryId == territoryId).Select(p => p.Name).SingleAsync(cancellationToken);
        ActorName = await db.Actors.AsNoTracking().Where(a => a.Id == participation.ActorId).Select(a => a.Name).SingleAsync(cancellationToken);
        Roles = await ParticipationLoading.RolesAsync(db, territoryId, cancellationToken);
        Contacts = await ParticipationLoading.ContactsOfAsync(db, territoryId, participation.ActorId, cancellationToken);
        History = await ParticipationLoading.MobilisationHistoryAsync(db, participation, cancellationToken);
    }

    private static ParticipationApi.ParticipationInput Of(ProjectParticipation p) => new()
    {
        ActorId = p.ActorId,
        Role = p.Role,
        Function = p.Function,
        ConditionsMet = [.. p.ConditionCodes],
        Mobilisation = p.Mobilisation.Code(),
        Wave = p.Wave,
        DecisionWeight = p.DecisionWeight,
        RepresentativeContactId = p.RepresentativeContactId,
        IsActive = p.IsActive,
        LastActivityDate = p.LastActivityDate,
        Version = p.Version,
    };
}
