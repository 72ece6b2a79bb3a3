namespace Maillage.Data;

/// <summary>
/// An entity whose creation and changes are recorded (who, when, what) and whose edits are guarded by
/// optimistic concurrency: <see cref="Version"/> is bumped by <see cref="AuditingInterceptor"/> on every save.
/// </summary>
public abstract class AuditedEntity
{
    public DateTime CreatedAt { get; private set; }
    public string? CreatedBy { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public string? UpdatedBy { get; private set; }
    public long Version { get; private set; }

    /// <summary>The territory the entity belongs to, so its history is scoped like the entity itself.</summary>
    public abstract Guid? AuditTerritoryId { get; }

    /// <summary>The key written in the history.</summary>
    public abstract string AuditKey { get; }

    internal void StampCreated(DateTime at, string? by)
    {
        CreatedAt = UpdatedAt = at;
        CreatedBy = UpdatedBy = by;
        Version = 1;
    }

    internal void StampUpdated(DateTime at, string? by)
    {
        UpdatedAt = at;
        UpdatedBy = by;
        Version++;
    }
}
