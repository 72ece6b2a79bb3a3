using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Actors;

/// <summary>
/// Everything held on one person (RGPD article 15), readable and as JSON, the information owed to them (article 14)
/// and their anonymisation (article 17).
/// </summary>
[TerritoryPage(TerritoryRole.Pilote, TerritoryRole.Pilote)]
public sealed class ContactDataModel(AppDbContext db, CurrentTerritory current, TimeProvider time) : PageModel
{
    public Contact Contact { get; private set; } = null!;
    public string ActorName { get; private set; } = "";
    public IReadOnlyList<AuditEntry> History { get; private set; } = [];
    public string? Notice { get; private set; }
    public string TerritoryName => current.Required.Name;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid territoryId, Guid contactId, CancellationToken cancellationToken)
    {
        Contact = await FindAsync(territoryId, contactId, tracked: false, cancellationToken);
        ActorName = await db.Actors.AsNoTracking().Where(a => a.Id == Contact.ActorId).Select(a => a.Name).SingleAsync(cancellationToken);
        History = await db.HistoryOfAsync(Contact, 200, cancellationToken);
        Notice = Contact.IsAnonymised ? null : ContactPrivacy.InformationNotice(Contact, ActorName, current.Required.Name);
    }

    /// <summary>Anonymises the person; <paramref name="retour"/> = "revue" comes back to the list of contacts to review.</summary>
    public async Task<IActionResult> OnPostAnonymiseAsync(Guid territoryId, Guid contactId, string? retour, CancellationToken cancellationToken)
    {
        var contact = await FindAsync(territoryId, contactId, tracked: true, cancellationToken);
        var name = contact.DisplayName;
        if (contact.IsAnonymised)
        {
            StatusMessage = "Cette personne était déjà anonymisée.";
        }
        else
        {
            await ContactPrivacy.AnonymiseAsync(db, contact, time.GetUtcNow().UtcDateTime, cancellationToken);
            StatusMessage = $"« {name} » est anonymisé : son identité et ses coordonnées sont effacées, de l'historique aussi.";
        }

        return Redirect(retour == "revue"
            ? $"/territoires/{territoryId}/acteurs/contacts-a-revoir"
            : $"/territoires/{territoryId}/acteurs/{contact.ActorId}#interlocuteurs");
    }

    private async Task<Contact> FindAsync(Guid territoryId, Guid contactId, bool tracked, CancellationToken cancellationToken) =>
        await (tracked ? db.Contacts : db.Contacts.AsNoTracking())
            .SingleOrDefaultAsync(c => c.Id == contactId && c.TerritoryId == territoryId, cancellationToken)
        ?? throw new NotFoundException("Cet interlocuteur n'existe pas dans ce territoire.");
}
