using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Actors;

/// <summary>Contacts with no interaction for three years: to confirm with a new interaction, or to anonymise (RGPD).</summary>
[TerritoryPage(TerritoryRole.Pilote, TerritoryRole.Pilote)]
public sealed class ContactsToReviewModel(AppDbContext db, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid Id, Guid ActorId, string ActorName, string Name, string? Function, DateTime? LastInteractionAt, DateTime CreatedAt);

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Contacts { get; private set; } = [];
    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        var query = ContactPrivacy.ToReview(db, territoryId, time.GetUtcNow().UtcDateTime);
        Total = await query.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Contacts = await query
            .OrderBy(c => c.LastInteractionAt ?? c.CreatedAt).ThenBy(c => c.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Join(db.Actors, c => c.ActorId, a => a.Id, (c, a) => new Row(c.Id, c.ActorId, a.Name,
                c.FirstName == null ? c.LastName : c.FirstName + " " + c.LastName, c.Function, c.LastInteractionAt, c.CreatedAt))
            .ToListAsync(cancellationToken);
    }

    public string PageUrl(int page) => Url.Page("/Actors/ContactsToReview", new { p = page > 1 ? page : (int?)null }) ?? "";
}
