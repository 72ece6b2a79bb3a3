using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Maillage.Territories.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Actors;

/// <summary>Shows what creating the public actors of the perimeter would create, then creates it on confirmation.</summary>
[TerritoryPage(TerritoryRole.Pilote, TerritoryRole.Pilote)]
public sealed class PublicActorsModel(AppDbContext db, InseeReference reference) : PageModel
{
    public PublicActorsPlan? Plan { get; private set; }
    public string? Problem { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        try
        {
            Plan = await new PublicActors(db, reference).PlanAsync(territoryId, cancellationToken);
        }
        catch (DomainException e)
        {
            Problem = e.Message;
        }
    }

    public async Task<IActionResult> OnPostAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        var done = await new PublicActors(db, reference).CreateAsync(territoryId, cancellationToken);
        StatusMessage = PublicActorsReport.Describe(done);
        return done.NothingToDo
            ? RedirectToPage("/Actors/PublicActors", new { territoryId })
            : Redirect($"/territoires/{territoryId}/acteurs?famille={ActorFamily.PouvoirsPublics.Code()}");
    }
}
