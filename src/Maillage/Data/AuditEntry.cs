namespace Maillage.Data;

public enum AuditAction
{
    Created,
    Updated,
    Deleted,
}

/// <summary>One line of an entity's change history.</summary>
public sealed class AuditEntry
{
    public long Id { get; private set; }
    public Guid? TerritoryId { get; private set; }
    public required string EntityType { get; init; }
    public required string EntityKey { get; init; }
    public AuditAction Action { get; init; }
    public long Version { get; init; }
    public DateTime At { get; init; }
    public string? UserId { get; init; }
    public string? UserName { get; init; }

    /// <summary>JSON array of <see cref="AuditChange"/>.</summary>
    public required string Changes { get; init; }

    internal void ScopeTo(Guid? territoryId) => TerritoryId = territoryId;
}

public sealed record AuditChange(string Property, string? Before, string? After);
