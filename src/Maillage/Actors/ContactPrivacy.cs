using System.Text.Json;
using Maillage.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Actors;

/// <summary>What the RGPD asks of the contacts a territory holds: anonymisation, review, and the information owed.</summary>
public static class ContactPrivacy
{
    /// <summary>What the history shows in place of a value that identified an anonymised person.</summary>
    public const string Erased = "(effacé lors de l'anonymisation)";

    /// <summary>
    /// Anonymises the contact and removes its identity from its history too: the history keeps when and by whom
    /// the contact was changed, not the values that said who the person was.
    /// </summary>
    public static async Task AnonymiseAsync(AppDbContext db, Contact contact, DateTime now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(contact);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        contact.Anonymise(now);
        await db.SaveCheckedAsync(cancellationToken);

        // Read after the save: the line the anonymisation itself just wrote holds the identity as "before".
        var entries = await db.AuditEntries
            .Where(a => a.EntityType == nameof(Contact) && a.EntityKey == contact.AuditKey)
            .ToListAsync(cancellationToken);
        foreach (var entry in entries)
        {
            var changes = JsonSerializer.Deserialize<List<AuditChange>>(entry.Changes) ?? [];
            var scrubbed = Scrub(changes);
            if (!scrubbed.SequenceEqual(changes))
            {
                db.Entry(entry).Property(e => e.Changes).CurrentValue = JsonSerializer.Serialize(scrubbed);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The changes with every identifying value replaced by <see cref="Erased"/>.</summary>
    public static IReadOnlyList<AuditChange> Scrub(IEnumerable<AuditChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return changes
            .Select(c => Contact.IdentityProperties.Contains(c.Property) ? c with { Before = Erase(c.Before), After = Erase(c.After) } : c)
            .ToList();

        static string? Erase(string? value) => value is null or Contact.AnonymisedName ? value : Erased;
    }

    /// <summary>Contacts with no interaction (or, never met, created) for <see cref="Contact.ReviewAfter"/>: to review or purge.</summary>
    public static IQueryable<Contact> ToReview(AppDbContext db, Guid territoryId, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var limit = now - Contact.ReviewAfter;
        return db.Contacts.AsNoTracking()
            .Where(c => c.TerritoryId == territoryId && c.AnonymisedAt == null && (c.LastInteractionAt ?? c.CreatedAt) < limit);
    }

    /// <summary>
    /// The information owed to a person whose data was not collected from them (RGPD article 14), in French, to send
    /// at the first contact and within a month at the latest.
    /// </summary>
    public static string InformationNotice(Contact contact, string actorName, string territoryName)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var source = contact.LawfulBasisSource is { } s ? $"Elles proviennent de la source suivante : {s}." : "Leur source vous sera précisée sur simple demande.";
        string[] paragraphs =
        [
            $"Bonjour {contact.DisplayName},",
            $"Dans le cadre de la démarche partenariale « {territoryName} », nous conservons des informations vous concernant en tant " +
            $"qu'interlocuteur ou interlocutrice de la structure « {actorName} » : votre identité, votre fonction, votre niveau de " +
            $"responsabilité et de décision, votre disponibilité et vos coordonnées professionnelles. {source}",
            "Ces informations servent uniquement à identifier les partenaires du territoire, à les mobiliser et à organiser le travail " +
            "commun (réunions, groupes de travail, convention de partenariat). Base légale du traitement : " +
            $"{contact.LawfulBasis.Label().ToLowerInvariant()}. Elles ne sont communiquées qu'aux membres de la démarche et sont revues, " +
            "puis supprimées ou anonymisées, lorsque nous n'avons eu aucun échange avec vous depuis trois ans.",
            "Vous pouvez à tout moment demander à consulter ces informations, les faire rectifier ou effacer, vous opposer à leur " +
            "traitement ou en limiter l'usage, en répondant à ce message. Vous pouvez aussi adresser une réclamation à la CNIL (www.cnil.fr).",
        ];
        return string.Join("\n\n", paragraphs);
    }
}
