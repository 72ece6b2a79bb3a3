using Maillage.Actors;
using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Maillage.Territories.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Projects;

/// <summary>
/// The partners of a project by wave, and the form that adds one: the actor is found in the directory (in the
/// database, with htmx), then given a role of source 000's table or of the territory.
/// </summary>
[TerritoryPage(TerritoryRole.Lecteur, TerritoryRole.Pilote)]
public sealed class ParticipantsModel(AppDbContext db, InseeReference reference, CurrentTerritory current) : PageModel
{
    public const int CandidateCount = 10;

    public Project Project { get; private set; } = null!;
    public ParticipationRoleCatalog Roles { get; private set; } = ParticipationRoleCatalog.DefaultsOnly;
    public IReadOnlyList<ParticipationLine> Lines { get; private set; } = [];
    public Actors.ShowModel.CandidateList Candidates { get; private set; } = new("", []);
    public bool CanEdit => current.Required.Can(TerritoryRole.Pilote);

    [BindProperty]
    public ParticipationApi.ParticipationInput Input { get; set; } = new() { Role = ParticipationRoleCatalog.Partenaire, Wave = 1 };

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid territoryId, Guid projectId, string? acteur, CancellationToken cancellationToken)
    {
        await LoadAsync(territoryId, projectId, cancellationToken);
        Candidates = await FindCandidatesAsync(territoryId, acteur, cancellationToken);
    }

    /// <summary>The htmx side of the form: actors of the directory matching the name typed.</summary>
    public async Task<IActionResult> OnGetActorsAsync(Guid territoryId, Guid projectId, string? acteur, CancellationToken cancellationToken)
    {
        await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: false, cancellationToken);
        return Partial("_ParticipantCandidates", await FindCandidatesAsync(territoryId, acteur, cancellationToken));
    }

    public async Task<IActionResult> OnPostAsync(Guid territoryId, Guid projectId, string? acteur, CancellationToken cancellationToken)
    {
        await LoadAsync(territoryId, projectId, cancellationToken);
        Candidates = await FindCandidatesAsync(territoryId, acteur, cancellationToken);
        if (Input.ActorId is null)
        {
            ModelState.AddModelError("Input.ActorId", "Acteur : cherchez l'acteur dans l'annuaire puis choisissez-le dans la liste.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        ProjectParticipation? added = null;
        if (!await ProjectFieldErrors.TryAsync(ModelState, async () => added = await ParticipationLoading.AddAsync(db, Project, Input.ActorId!.Value,
                Roles.Get(Input.Role), Input.ToFields(), null, cancellationToken)))
        {
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = $"Participant ajouté : {Roles.LabelOf(added!.Role)}, vague {added.Wave}.";
        return Redirect($"/territoires/{territoryId}/projets/{projectId}/participants#participants");
    }

    private async Task LoadAsync(Guid territoryId, Guid projectId, CancellationToken cancellationToken)
    {
        Project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: false, cancellationToken);
        Roles = await ParticipationLoading.RolesAsync(db, territoryId, cancellationToken);
        Lines = await ParticipationLoading.ListAsync(db, territoryId, projectId, Roles, cancellationToken);
    }

    private async Task<Actors.ShowModel.CandidateList> FindCandidatesAsync(Guid territoryId, string? query, CancellationToken cancellationToken)
    {
        var text = (query ?? "").Trim();
        if (text.Length == 0)
        {
            return new Actors.ShowModel.CandidateList("", []);
        }

        var page = await new ActorDirectory(db, reference).SearchAsync(territoryId,
            new DirectoryQuery { Q = text, PageSize = CandidateCount, CountTotal = false }, cancellationToken);
        return new Actors.ShowModel.CandidateList(text, page.Items);
    }
}
