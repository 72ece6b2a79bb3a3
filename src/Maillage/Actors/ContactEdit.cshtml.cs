using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Actors;

[TerritoryPage(TerritoryRole.Pilote, TerritoryRole.Pilote, OwnOrganisation = true)]
public sealed class ContactEditModel(AppDbContext db, TimeProvider time) : PageModel
{
    [BindProperty]
    public ContactForm Input { get; set; } = new();

    public string ContactName { get; private set; } = "";
    public Guid ActorId { get; private set; }
    public string ActorName { get; private set; } = "";

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid territoryId, Guid contactId, CancellationToken cancellationToken)
    {
        var contact = await FindAsync(territoryId, contactId, tracked: false, cancellationToken);
        await DescribeAsync(contact, cancellationToken);
        Input = ContactForm.Of(contact);
    }

    public async Task<IActionResult> OnPostAsync(Guid territoryId, Guid contactId, CancellationToken cancellationToken)
    {
        var contact = await FindAsync(territoryId, contactId, tracked: true, cancellationToken);
        await DescribeAsync(contact, cancellationToken);
        if (Input.Version is null)
        {
            ModelState.AddModelError(string.Empty, "La version de l'interlocuteur lue avant la modification manque : rechargez la page puis recommencez.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            await db.ExpectVersionAsync(contact, Input.Version, cancellationToken);
            Input.Apply(contact, time.GetUtcNow().UtcDateTime, ModelState);
            if (!ModelState.IsValid)
            {
                return Page();
            }

            await db.SaveCheckedAsync(cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            ModelState.Clear();
            db.ChangeTracker.Clear();
            Input = ContactForm.Of(await FindAsync(territoryId, contactId, tracked: false, cancellationToken));
            throw;
        }

        StatusMessage = $"Les informations de « {contact.DisplayName} » sont enregistrées.";
        return Redirect($"/territoires/{territoryId}/acteurs/{contact.ActorId}#interlocuteurs");
    }

    private async Task DescribeAsync(Contact contact, CancellationToken cancellationToken)
    {
        ContactName = contact.DisplayName;
        ActorId = contact.ActorId;
        ActorName = await db.Actors.AsNoTracking().Where(a => a.Id == contact.ActorId).Select(a => a.Name).SingleAsync(cancellationToken);
    }

    private async Task<Contact> FindAsync(Guid territoryId, Guid contactId, bool tracked, CancellationToken cancellationToken) =>
        await (tracked ? db.Contacts : db.Contacts.AsNoTracking())
            .SingleOrDefaultAsync(c => c.Id == contactId && c.TerritoryId == territoryId, cancellationToken)
        ?? throw new NotFoundException("Cet interlocuteur n'existe pas dans ce territoire.");
}
