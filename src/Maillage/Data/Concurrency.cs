using Microsoft.EntityFrameworkCore;

namespace Maillage.Data;

public static class Concurrency
{
    /// <summary>
    /// Refuses an edit made on an older version than the stored one, listing what was changed since;
    /// the version also guards the UPDATE itself against a save that lands in between.
    /// </summary>
    public static async Task ExpectVersionAsync<T>(this AppDbContext db, T entity, long? expectedVersion, CancellationToken cancellationToken = default)
        where T : AuditedEntity
    {
        if (expectedVersion is not { } expected)
        {
            return;
        }

        if (entity.Version != expected)
        {
            throw new ConcurrencyConflictException(await db.ChangesSinceAsync(entity, expected, cancellationToken));
        }

        db.Entry(entity).Property(e => e.Version).OriginalValue = expected;
    }

    /// <summary>Saves, turning a lost race on a version into the same French conflict as a stale form.</summary>
    public static async Task SaveCheckedAsync(this AppDbContext db, CancellationToken cancellationToken = default)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException e) when (e.Entries.Count > 0 && e.Entries[0].Entity is AuditedEntity entity)
        {
            var entry = e.Entries[0];
            var original = (long)entry.Property(nameof(AuditedEntity.Version)).OriginalValue!;
            entry.State = EntityState.Detached;
            throw new ConcurrencyConflictException(await db.ChangesSinceAsync(entity, original, cancellationToken));
        }
    }

    public static Task<List<AuditEntry>> ChangesSinceAsync(this AppDbContext db, AuditedEntity entity, long version, CancellationToken cancellationToken = default) =>
        db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == entity.GetType().Name && a.EntityKey == entity.AuditKey && a.Version > version)
            .OrderBy(a => a.Version)
            .ToListAsync(cancellationToken);

    public static Task<List<AuditEntry>> HistoryOfAsync(this AppDbContext db, AuditedEntity entity, int limit = 100, CancellationToken cancellationToken = default) =>
        db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == entity.GetType().Name && a.EntityKey == entity.AuditKey)
            .OrderByDescending(a => a.Version).ThenByDescending(a => a.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);

    /// <summary>The version an API client sends in <c>If-Match</c> (<c>"3"</c>, <c>W/"3"</c> or <c>3</c>); null when absent.</summary>
    public static long? IfMatchVersion(this Microsoft.AspNetCore.Http.HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return long.TryParse(request.Headers.IfMatch.ToString().Trim('"', 'W', '/'), out var version) ? version : null;
    }
}
