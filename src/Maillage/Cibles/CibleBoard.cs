using Maillage.Actors;
using Maillage.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Cibles;

/// <summary>A placement as a page or the API shows it: the actor's name and family beside its two rings.</summary>
public sealed record PlacementRow(Guid PlacementId, Guid ActorId, string Name, string? Acronym, ActorFamily Family, int? Current, int? Ideal, long Version)
{
    public CibleItem Item => new(ActorId, Name, Family, Current, Ideal, Acronym);
}

/// <summary>The reads and writes the cible's pages and its API share, so both apply the same rules.</summary>
public static class CibleBoard
{
    public static async Task<Cible> FindAsync(AppDbContext db, Guid territoryId, Guid cibleId, bool tracked, CancellationToken cancellationToken) =>
        await (tracked ? db.Cibles : db.Cibles.AsNoTracking())
            .SingleOrDefaultAsync(c => c.Id == cibleId && c.TerritoryId == territoryId, cancellationToken)
        ?? throw new NotFoundException("Cette cible n'existe pas dans ce territoire.");

    /// <summary>The placements of a cible (at most <see cref="Cible.MaxActors"/>), by family then name.</summary>
    public static async Task<List<PlacementRow>> PlacementsAsync(AppDbContext db, Guid cibleId, CancellationToken cancellationToken)
    {
        var rows = await (from p in db.CiblePlacements.AsNoTracking()
                          join a in db.Actors.AsNoTracking() on p.ActorId equals a.Id
                          where p.CibleId == cibleId
                          select new PlacementRow(p.Id, a.Id, a.Name, a.Acronym, a.Family, p.Current, p.Ideal, p.Version))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.Family).ThenBy(r => r.Name, StringComparer.CurrentCulture).ThenBy(r => r.ActorId)];
    }

    public static CibleDrawing Drawing(Cible cible, IEnumerable<PlacementRow> rows)
    {
        ArgumentNullException.ThrowIfNull(cible);
        return new CibleDrawing(cible.CentreLabel, cible.Rings, [.. rows.Select(r => r.Item)]);
    }

    /// <summary>Step 1: the actor joins the cible, hors cible until placed.</summary>
    /// <summary>A cible's project must be one of the territory's: another territory's project is not found.</summary>
    public static async Task EnsureProjectAsync(AppDbContext db, Guid territoryId, Guid? projectId, CancellationToken cancellationToken)
    {
        if (projectId is { } id && !await db.Projects.AnyAsync(p => p.Id == id && p.TerritoryId == territoryId, cancellationToken))
        {
            throw new NotFoundException("Projet (projectId) : ce projet n'existe pas dans ce territoire.");
        }
    }

    public static async Task<CiblePlacement> AddAsync(AppDbContext db, Cible cible, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cible);
        var actor = await db.Actors.AsNoTracking().SingleOrDefaultAsync(a => a.Id == actorId && a.TerritoryId == cible.TerritoryId, cancellationToken)
            ?? throw new NotFoundException("Cet acteur n'existe pas dans ce territoire.");
        if (await db.CiblePlacements.AnyAsync(p => p.CibleId == cible.Id && p.ActorId == actorId, cancellationToken))
        {
            throw new DomainException($"Acteur : « {actor.Name} » est déjà sur la cible.");
        }

        if (await db.CiblePlacements.CountAsync(p => p.CibleId == cible.Id, cancellationToken) >= Cible.MaxActors)
        {
            throw new DomainException($"Acteur : une cible se lit jusqu'à {Cible.MaxActors} acteurs ; retirez-en un ou créez une autre cible (par exemple par projet).");
        }

        var placement = new CiblePlacement(cible, actor);
        db.CiblePlacements.Add(placement);
        return placement;
    }

    /// <summary>Changing the number of rings cannot leave an actor on a ring that no longer exists.</summary>
    public static async Task EnsureRingsFitAsync(AppDbContext db, Cible cible, int ringCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cible);
        var beyond = await db.CiblePlacements.CountAsync(p => p.CibleId == cible.Id && (p.Current > ringCount || p.Ideal > ringCount), cancellationToken);
        if (beyond > 0)
        {
            throw new DomainException($"Anneaux : {beyond} acteur(s) sont placés au-delà de l'anneau {ringCount} ; déplacez-les avant de retirer des anneaux.");
        }
    }

    /// <summary>Freezes the picture as it is now (the placements saved).</summary>
    public static async Task<CibleSnapshot> SnapshotAsync(AppDbContext db, Cible cible, DateTime at, string? by, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cible);
        var rows = await PlacementsAsync(db, cible.Id, cancellationToken);
        var snapshot = new CibleSnapshot(cible, [.. rows.Select(r => r.Item)], at, by, note);
        db.CibleSnapshots.Add(snapshot);
        return snapshot;
    }

    /// <summary>How each actor moved since a snapshot: today's ring then and now (only those that changed).</summary>
    public static IReadOnlyList<Movement> MovesSince(CibleSnapshot.SnapshotContent then, IReadOnlyList<PlacementRow> now)
    {
        ArgumentNullException.ThrowIfNull(then);
        var before = then.Items.ToDictionary(i => i.ActorId);
        var moves = new List<Movement>();
        foreach (var row in now)
        {
            var had = before.TryGetValue(row.ActorId, out var old);
            if (!had || old!.Current != row.Current)
            {
                moves.Add(new Movement(row.Name, had, old?.Current, row.Current));
            }
        }

        foreach (var old in then.Items.Where(i => now.All(r => r.ActorId != i.ActorId)))
        {
            moves.Add(new Movement(old.Name, true, old.Current, null, Removed: true));
        }

        return [.. moves.OrderBy(m => m.Name, StringComparer.CurrentCulture)];
    }

    public sealed record Movement(string Name, bool WasThere, int? Before, int? After, bool Removed = false);
}
