using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Maillage.Territories.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Actors;

[TerritoryPage(TerritoryRole.Pilote, TerritoryRole.Pilote, OwnOrganisation = true)]
public sealed class EditModel(AppDbContext db, InseeReference reference, PerimeterResolver perimeters, CurrentTerritory current) : PageModel
{
    /// <summary>A Partenaire edits its own organisation but does not delete it.</summary>
    public bool CanDelete => current.Required.Can(TerritoryRole.Pilote);

    [BindProperty]
    public ActorForm Input { get; set; } = new();

    public string ActorName { get; private set; } = "";

    public ActorFieldsModel Fields { get; private set; } = null!;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid territoryId, Guid actorId, CancellationToken cancellationToken)
    {
        var actor = await FindAsync(territoryId, actorId, tracked: false, cancellationToken);
        Input = ActorForm.Of(actor);
        ActorName = actor.Name;
        Fields = await ActorFieldsModel.LoadAsync(Input, territoryId, db, reference, perimeters, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid territoryId, Guid actorId, CancellationToken cancellationToken)
    {
        var actor = await FindAsync(territoryId, actorId, tracked: true, cancellationToken);
        ActorName = actor.Name;
        Fields = await ActorFieldsModel.LoadAsync(Input, territoryId, db, reference, perimeters, cancellationToken);
        if (Input.Version is null)
        {
            ModelState.AddModelError(string.Empty, "La version de l'acteur lue avant la modification manque : rechargez la page puis recommencez.");
        }

        if (!string.IsNullOrWhiteSpace(Input.Family) && Input.ParsedFamily is null)
        {
            ModelState.AddModelError("Input.Family", $"Famille : « {Input.Family.Trim()} » est inconnue ({ActorFamilies.ExpectedCodes}).");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            await db.ExpectVersionAsync(actor, Input.Version, cancellationToken);
            await Input.ApplyAsync(actor, db, reference, perimeters, ModelState, cancellationToken);
            if (!ModelState.IsValid)
            {
                return Page();
            }

            await db.SaveCheckedAsync(cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // The form shows the current version, as the conflict message asks the person to reread it.
            ModelState.Clear();
            db.ChangeTracker.Clear();
            Input = ActorForm.Of(await FindAsync(territoryId, actorId, tracked: false, cancellationToken));
            Fields = await ActorFieldsModel.LoadAsync(Input, territoryId, db, reference, perimeters, cancellationToken);
            throw;
        }

        StatusMessage = "Les modifications de l'acteur sont enregistrées.";
        return Redirect($"/territoires/{territoryId}/acteurs/{actorId}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid territoryId, Guid actorId, CancellationToken cancellationToken)
    {
        if (!CanDelete)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var actor = await FindAsync(territoryId, actorId, tracked: true, cancellationToken);

        // Loaded rather than left to the cascade, so that the history records each deletion.
        db.Contacts.RemoveRange(await db.Contacts.Where(c => c.TerritoryId == territoryId && c.ActorId == actorId).ToListAsync(cancellationToken));
        db.ActorRelations.RemoveRange(await db.ActorRelations
            .Where(r => r.TerritoryId == territoryId && (r.SourceActorId == actorId || r.TargetActorId == actorId))
            .ToListAsync(cancellationToken));
        db.Actors.Remove(actor);
        await db.SaveCheckedAsync(cancellationToken);
        StatusMessage = $"L'acteur « {actor.Name} » est supprimé, avec ses interlocuteurs et ses relations.";
        return Redirect($"/territoires/{territoryId}/acteurs");
    }

    private async Task<Actor> FindAsync(Guid territoryId, Guid actorId, bool tracked, CancellationToken cancellationToken)
    {
        var actors = tracked ? db.Actors.Include(a => a.CompetenceLinks) : db.Actors.AsNoTracking();
        return await actors.SingleOrDefaultAsync(a => a.Id == actorId && a.TerritoryId == territoryId, cancellationToken)
               ?? throw new NotFoundException("Cet acteur n'existe pas dans ce territoire.");
    }
}
