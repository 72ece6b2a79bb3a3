using Maillage.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Actors;

/// <summary>
/// The rules of a territory's own vocabulary, shared by the API and the vocabulary page: subtypes and relation
/// types are added under a code that no other one of the territory uses, and removed only when nothing uses them;
/// a competence is renamed everywhere it tags an actor, and removed only when it tags none. Nothing is saved here.
/// </summary>
public static class Vocabulary
{
    public static async Task<ActorSubtype> AddSubtypeAsync(AppDbContext db, Guid territoryId, ActorFamily family, string label,
        CancellationToken cancellationToken = default)
    {
        var subtype = new ActorSubtype(territoryId, family, label);
        if ((await SubtypeCatalog.LoadAsync(db, territoryId, cancellationToken)).Find(subtype.Code) is { } existing)
        {
            throw new DomainException($"Libellé : le sous-type « {existing.Label} » existe déjà ({existing.Family.Label()}).");
        }

        db.ActorSubtypes.Add(subtype);
        return subtype;
    }

    public static Task<int> SubtypeUsesAsync(AppDbContext db, ActorSubtype subtype, CancellationToken cancellationToken = default) =>
        db.Actors.CountAsync(a => a.TerritoryId == subtype.TerritoryId && a.Subtype == subtype.Code, cancellationToken);

    public static async Task RemoveSubtypeAsync(AppDbContext db, ActorSubtype subtype, CancellationToken cancellationToken = default)
    {
        var uses = await SubtypeUsesAsync(db, subtype, cancellationToken);
        if (uses > 0)
        {
            throw new DomainException($"Le sous-type « {subtype.Label} » ne peut pas être supprimé : {Actors(uses)} l'utilise{(uses > 1 ? "nt" : "")}. " +
                                      "Changez d'abord leur sous-type.");
        }

        db.ActorSubtypes.Remove(subtype);
    }

    public static async Task<RelationType> AddRelationTypeAsync(AppDbContext db, Guid territoryId, string label, string? reverseLabel, bool isSymmetric,
        CancellationToken cancellationToken = default)
    {
        var type = new RelationType(territoryId, label, reverseLabel, isSymmetric);
        if ((await RelationTypeCatalog.LoadAsync(db, territoryId, cancellationToken)).Find(type.Code) is { } existing)
        {
            throw new DomainException($"Libellé : le type de relation « {existing.Label} » existe déjà.");
        }

        db.RelationTypes.Add(type);
        return type;
    }

    public static Task<int> RelationTypeUsesAsync(AppDbContext db, RelationType type, CancellationToken cancellationToken = default) =>
        db.ActorRelations.CountAsync(r => r.TerritoryId == type.TerritoryId && r.Type == type.Code, cancellationToken);

    public static async Task RemoveRelationTypeAsync(AppDbContext db, RelationType type, CancellationToken cancellationToken = default)
    {
        var uses = await RelationTypeUsesAsync(db, type, cancellationToken);
        if (uses > 0)
        {
            throw new DomainException($"Le type de relation « {type.Label} » ne peut pas être supprimé : {uses} relation{(uses > 1 ? "s l'utilisent" : " l'utilise")}. " +
                                      "Changez d'abord leur type.");
        }

        db.RelationTypes.Remove(type);
    }

    /// <summary>Renames a tracked competence and the labels of every actor it tags.</summary>
    public static async Task RenameCompetenceAsync(AppDbContext db, Competence competence, string label, CancellationToken cancellationToken = default)
    {
        var key = TextKey.Normalize(Competence.CleanLabel(label));
        if (await db.Competences.AnyAsync(c => c.TerritoryId == competence.TerritoryId && c.Key == key && c.Id != competence.Id, cancellationToken))
        {
            throw new DomainException($"Compétences : « {label.Trim()} » existe déjà dans le vocabulaire du territoire.");
        }

        competence.Rename(label);
        var actors = await db.Actors.Include(a => a.CompetenceLinks)
            .Where(a => a.TerritoryId == competence.TerritoryId && a.CompetenceLinks.Any(l => l.CompetenceId == competence.Id))
            .ToListAsync(cancellationToken);
        var ids = actors.SelectMany(a => a.CompetenceLinks.Select(l => l.CompetenceId)).Distinct().ToList();
        var competences = await db.Competences.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        foreach (var actor in actors)
        {
            actor.SetCompetences(actor.CompetenceLinks.Select(l => competences[l.CompetenceId]).ToList());
        }
    }

    public static Task<int> CompetenceUsesAsync(AppDbContext db, Competence competence, CancellationToken cancellationToken = default) =>
        db.ActorCompetences.CountAsync(l => l.CompetenceId == competence.Id, cancellationToken);

    public static async Task RemoveCompetenceAsync(AppDbContext db, Competence competence, CancellationToken cancellationToken = default)
    {
        var uses = await CompetenceUsesAsync(db, competence, cancellationToken);
        if (uses > 0)
        {
            throw new DomainException($"La compétence « {competence.Label} » ne peut pas être supprimée : {Actors(uses)} l'utilise{(uses > 1 ? "nt" : "")}.");
        }

        db.Competences.Remove(competence);
    }

    private static string Actors(int count) => count == 1 ? "1 acteur" : $"{count} acteurs";
}
