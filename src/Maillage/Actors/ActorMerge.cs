using System.Security.Claims;
using System.Text.Json;
using Maillage.Data;
using Maillage.Projects;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Actors;

public sealed record MergeResult(Actor Kept, int ContactsMoved, int RelationsMoved, int RelationsDropped, int ParticipationsMoved,
    int ParticipationsDropped);

/// <summary>The ends of a relation, as the merge reads them to find what it made redundant.</summary>
public sealed record RelationEnds(Guid Id, Guid SourceActorId, Guid TargetActorId, string Type, DateOnly? StartDate, DateTime CreatedAt);

/// <summary>
/// Merges a duplicate into the actor that stays: every contact and relation of the duplicate moves to it, relations
/// the merge turned into a loop or a repetition are dropped, empty fields are filled, competences, modes and
/// perimeter are united; then the duplicate is deleted. One transaction, with a history line for each change.
/// </summary>
public static class ActorMerge
{
    public static async Task<MergeResult> MergeAsync(AppDbContext db, Guid territoryId, Guid keptId, Guid absorbedId, long? expectedVersion,
        ClaimsPrincipal? user, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        if (keptId == absorbedId)
        {
            throw new DomainException("Acteur à fusionner : un acteur ne peut pas être fusionné avec lui-même.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var kept = await db.Actors.Include(a => a.CompetenceLinks)
                       .SingleOrDefaultAsync(a => a.Id == keptId && a.TerritoryId == territoryId, cancellationToken)
                   ?? throw new NotFoundException("Cet acteur n'existe pas dans ce territoire.");
        var absorbed = await db.Actors.Include(a => a.CompetenceLinks)
                           .SingleOrDefaultAsync(a => a.Id == absorbedId && a.TerritoryId == territoryId, cancellationToken)
                       ?? throw new DomainException("Acteur à fusionner : cet acteur n'existe pas dans ce territoire.");
        await db.ExpectVersionAsync(kept, expectedVersion, cancellationToken);

        var now = time.GetUtcNow().UtcDateTime;
        var who = Who(user);
        var history = new List<AuditEntry>();

        var contacts = db.Contacts.Where(c => c.TerritoryId == territoryId && c.ActorId == absorbedId);
        var movedContacts = await contacts.Select(c => new { c.Id, c.Version }).ToListAsync(cancellationToken);
        await contacts.ExecuteUpdateAsync(s => s
            .SetProperty(c => c.ActorId, keptId)
            .SetProperty(c => c.Version, c => c.Version + 1)
            .SetProperty(c => c.UpdatedAt, now)
            .SetProperty(c => c.UpdatedBy, who.Name), cancellationToken);
        history.AddRange(movedContacts.Select(c => Entry(nameof(Contact), c.Id, territoryId, c.Version + 1, AuditAction.Updated,
            [new AuditChange(nameof(Contact.ActorId), absorbedId.ToString(), keptId.ToString())], who, now)));

        var relations = db.ActorRelations.Where(r => r.TerritoryId == territoryId);
        var movedRelations = await relations.Where(r => r.SourceActorId == absorbedId || r.TargetActorId == absorbedId)
            .Select(r => new { r.Id, r.Version, FromSource = r.SourceActorId == absorbedId })
            .ToListAsync(cancellationToken);
        await relations.Where(r => r.SourceActorId == absorbedId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.SourceActorId, keptId)
            .SetProperty(r => r.Version, r => r.Version + 1)
            .SetProperty(r => r.UpdatedAt, now)
            .SetProperty(r => r.UpdatedBy, who.Name), cancellationToken);
        await relations.Where(r => r.TargetActorId == absorbedId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.TargetActorId, keptId)
            .SetProperty(r => r.Version, r => r.Version + 1)
            .SetProperty(r => r.UpdatedAt, now)
            .SetProperty(r => r.UpdatedBy, who.Name), cancellationToken);
        history.AddRange(movedRelations.Select(r => Entry(nameof(ActorRelation), r.Id, territoryId, r.Version + 1, AuditAction.Updated,
            [new AuditChange(r.FromSource ? nameof(ActorRelation.SourceActorId) : nameof(ActorRelation.TargetActorId), absorbedId.ToString(), keptId.ToString())],
            who, now)));

        // Project participations move too; one the kept actor already holds (same project, same role) is dropped.
        var participations = db.ProjectParticipations.Where(p => p.TerritoryId == territoryId);
        var keptRoles = await participations.Where(p => p.ActorId == keptId).Select(p => new { p.ProjectId, p.Role }).ToListAsync(cancellationToken);
        var absorbedParticipations = await participations.Where(p => p.ActorId == absorbedId)
            .Select(p => new { p.Id, p.ProjectId, p.Role, p.Version }).ToListAsync(cancellationToken);
        var participationsDropped = absorbedParticipations.Where(p => keptRoles.Any(k => k.ProjectId == p.ProjectId && k.Role == p.Role)).ToList();
        var participationsMoved = absorbedParticipations.Except(participationsDropped).ToList();
        var droppedParticipationIds = participationsDropped.Select(p => p.Id).ToList();
        await participations.Where(p => droppedParticipationIds.Contains(p.Id)).ExecuteDeleteAsync(cancellationToken);
        await participations.Where(p => p.ActorId == absorbedId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.ActorId, keptId)
            .SetProperty(p => p.Version, p => p.Version + 1)
            .SetProperty(p => p.UpdatedAt, now)
            .SetProperty(p => p.UpdatedBy, who.Name), cancellationToken);
        history.AddRange(participationsMoved.Select(p => PartEntry(p.ProjectId, p.Id, territoryId, p.Version + 1, AuditAction.Updated,
            [new AuditChange(nameof(ProjectParticipation.ActorId), absorbedId.ToString(), keptId.ToString())], who, now)));
        history.AddRange(participationsDropped.Select(p => PartEntry(p.ProjectId, p.Id, territoryId, p.Version, AuditAction.Deleted, [], who, now)));

        // The members attached to the duplicate now belong to the kept organisation (not audited: membership).
        await db.TerritoryMembers.Where(m => m.TerritoryId == territoryId && m.OrganisationId == absorbedId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.OrganisationId, keptId), cancellationToken);

        var catalog = await RelationTypeCatalog.LoadAsync(db, territoryId, cancellationToken);
        var ends = await relations.Where(r => r.SourceActorId == keptId || r.TargetActorId == keptId)
            .Select(r => new RelationEnds(r.Id, r.SourceActorId, r.TargetActorId, r.Type, r.StartDate, r.CreatedAt))
            .ToListAsync(cancellationToken);
        var dropped = RelationsToDrop(ends, catalog);
        if (dropped.Count > 0)
        {
            var versions = await relations.Where(r => dropped.Contains(r.Id)).Select(r => new { r.Id, r.Version }).ToListAsync(cancellationToken);
            await relations.Where(r => dropped.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
            history.AddRange(versions.Select(r => Entry(nameof(ActorRelation), r.Id, territoryId, r.Version, AuditAction.Deleted, [], who, now)));
        }

        var competenceIds = kept.CompetenceLinks.Concat(absorbed.CompetenceLinks).Select(l => l.CompetenceId).Distinct().ToList();
        var competences = await db.Competences.Where(c => c.TerritoryId == territoryId && competenceIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        kept.AbsorbFrom(absorbed,
            [.. absorbed.CompetenceLinks.Select(l => competences[l.CompetenceId])],
            [.. kept.CompetenceLinks.Select(l => competences[l.CompetenceId])]);
        db.Actors.Remove(absorbed);
        db.AuditEntries.AddRange(history);
        await db.SaveCheckedAsync(cancellationToken);

        var summary = $"« {absorbed.Name} » fusionné dans cet acteur ; interlocuteurs repris : {movedContacts.Count}, " +
                      $"relations reprises : {movedRelations.Count - dropped.Count}, relations devenues redondantes supprimées : {dropped.Count}" +
                      $"{(absorbedParticipations.Count == 0 ? "" : $", participations aux projets reprises : {participationsMoved.Count}, en double supprimées : {participationsDropped.Count}")}.";
        db.AuditEntries.Add(Entry(nameof(Actor), keptId, territoryId, kept.Version, AuditAction.Updated,
            [new AuditChange(HistoryText.MergeProperty, absorbed.Id.ToString(), summary)], who, now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new MergeResult(kept, movedContacts.Count, movedRelations.Count - dropped.Count, dropped.Count, participationsMoved.Count,
            participationsDropped.Count);
    }

    /// <summary>
    /// The relations to delete once the duplicate's relations point at the kept actor: those from the actor to
    /// itself, and repetitions of an older one (same ends, type and start; either way round when symmetric).
    /// </summary>
    public static IReadOnlyList<Guid> RelationsToDrop(IEnumerable<RelationEnds> relations, RelationTypeCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var keptRelations = new List<RelationEnds>();
        var drop = new List<Guid>();
        foreach (var relation in relations.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id))
        {
            var symmetric = catalog.Find(relation.Type)?.IsSymmetric == true;
            var repeats = keptRelations.Any(k => k.Type == relation.Type && k.StartDate == relation.StartDate
                && ((k.SourceActorId == relation.SourceActorId && k.TargetActorId == relation.TargetActorId)
                    || (symmetric && k.SourceActorId == relation.TargetActorId && k.TargetActorId == relation.SourceActorId)));
            if (relation.SourceActorId == relation.TargetActorId || repeats)
            {
                drop.Add(relation.Id);
            }
            else
            {
                keptRelations.Add(relation);
            }
        }

        return drop;
    }

    private static (string? Id, string? Name) Who(ClaimsPrincipal? user)
    {
        var name = user?.Identity?.IsAuthenticated == true ? user.Identity.Name : null;
        return (user?.FindFirstValue(ClaimTypes.NameIdentifier), name ?? CommandLineUser.Current);
    }

    // A participation's history is keyed under its project, as the interceptor writes it.
    private static AuditEntry PartEntry(Guid projectId, Guid id, Guid territoryId, long version, AuditAction action,
        IReadOnlyList<AuditChange> changes, (string? Id, string? Name) who, DateTime at) =>
        Entry(nameof(ProjectParticipation), id, territoryId, version, action, changes, who, at, $"{projectId}/{id}");

    // Bulk updates bypass the interceptor: their history is written here, in the same transaction.
    private static AuditEntry Entry(string entityType, Guid id, Guid territoryId, long version, AuditAction action,
        IReadOnlyList<AuditChange> changes, (string? Id, string? Name) who, DateTime at, string? key = null)
    {
        var entry = new AuditEntry
        {
            EntityType = entityType,
            EntityKey = key ?? id.ToString(),
            Action = action,
            Version = version,
            At = at,
            UserId = who.Id,
            UserName = who.Name,
            Changes = JsonSerializer.Serialize(changes),
        };
        entry.ScopeTo(territoryId);
        return entry;
    }
}
