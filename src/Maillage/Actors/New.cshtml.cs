using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Maillage.Territories.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Actors;

/// <summary>Registers an actor; a probable duplicate is shown first and created only when the person confirms.</summary>
[TerritoryPage(TerritoryRole.Pilote, TerritoryRole.Pilote)]
public sealed class NewModel(AppDbContext db, InseeReference reference, PerimeterResolver perimeters) : PageModel
{
    [BindProperty]
    public ActorForm Input { get; set; } = new();

    /// <summary>True once the person has seen the probable duplicates and chose to create anyway.</summary>
    [BindProperty]
    public bool Force { get; set; }

    public IReadOnlyList<DuplicateCandidate> Duplicates { get; private set; } = [];

    public ActorFieldsModel Fields { get; private set; } = null!;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid territoryId, string? famille, CancellationToken cancellationToken)
    {
        Input.Family = ActorFamilies.TryParse(famille, out var family) ? family.Code() : null;
        Fields = await ActorFieldsModel.LoadAsync(Input, territoryId, db, reference, perimeters, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        Actor? actor = null;
        if (!string.IsNullOrWhiteSpace(Input.Family) && Input.ParsedFamily is null)
        {
            ModelState.AddModelError("Input.Family", $"Famille : « {Input.Family.Trim()} » est inconnue ({ActorFamilies.ExpectedCodes}).");
        }

        if (ModelState.IsValid && Input.ParsedFamily is { } family)
        {
            FieldErrors.Try(ModelState, () => actor = new Actor(territoryId, Input.Name!, Input.Acronym, family));
        }

        if (actor is not null)
        {
            await Input.ApplyAsync(actor, db, reference, perimeters, ModelState, cancellationToken);
        }

        if (ModelState.IsValid && actor is not null && !Force)
        {
            Duplicates = await Actors.Duplicates.FindAsync(db, territoryId, actor.Name, actor.Siren, actor.Siret, actor.Rna, null, cancellationToken);
        }

        if (!ModelState.IsValid || actor is null || Duplicates.Count > 0)
        {
            Fields = await ActorFieldsModel.LoadAsync(Input, territoryId, db, reference, perimeters, cancellationToken);
            return Page();
        }

        db.Actors.Add(actor);
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = $"L'acteur « {actor.Name} » est enregistré.";
        return Redirect($"/territoires/{territoryId}/acteurs/{actor.Id}");
    }
}
