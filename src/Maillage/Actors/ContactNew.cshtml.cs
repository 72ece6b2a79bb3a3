using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Actors;

[TerritoryPage(TerritoryRole.Pilote, TerritoryRole.Pilote, OwnOrganisation = true)]
public sealed class ContactNewModel(AppDbContext db, TimeProvider time) : PageModel
{
    [BindProperty]
    public ContactForm Input { get; set; } = new();

    public Actor Actor { get; private set; } = null!;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid territoryId, Guid actorId, CancellationToken cancellationToken)
    {
        Actor = await FindActorAsync(territoryId, actorId, cancellationToken);
        Input.LawfulBasis = LawfulBasis.InteretLegitime.Code();
    }

    public async Task<IActionResult> OnPostAsync(Guid territoryId, Guid actorId, CancellationToken cancellationToken)
    {
        Actor = await FindActorAsync(territoryId, actorId, cancellationToken);
        var contact = ModelState.IsValid ? Input.Create(Actor, time.GetUtcNow().UtcDateTime, ModelState) : null;
        if (!ModelState.IsValid || contact is null)
        {
            return Page();
        }

        db.Contacts.Add(contact);
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = $"L'interlocuteur « {contact.DisplayName} » est enregistré.";
        return Redirect($"/territoires/{territoryId}/acteurs/{actorId}#interlocuteurs");
    }

    private async Task<Actor> FindActorAsync(Guid territoryId, Guid actorId, CancellationToken cancellationToken) =>
        await db.Actors.AsNoTracking().SingleOrDefaultAsync(a => a.Id == actorId && a.TerritoryId == territoryId, cancellationToken)
        ?? throw new NotFoundException("Cet acteur n'existe pas dans ce territoire.");
}
