using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Maillage.Data;

/// <summary>
/// Stamps who and when on every <see cref="AuditedEntity"/>, bumps its version and writes its history,
/// in the same transaction as the change itself.
/// </summary>
public sealed class AuditingInterceptor(TimeProvider time, IHttpContextAccessor http) : SaveChangesInterceptor
{
    private static readonly HashSet<string> StampProperties =
        [nameof(AuditedEntity.CreatedAt), nameof(AuditedEntity.CreatedBy), nameof(AuditedEntity.UpdatedAt),
         nameof(AuditedEntity.UpdatedBy), nameof(AuditedEntity.Version)];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Record(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        context.ChangeTracker.DetectChanges();
        var now = time.GetUtcNow().UtcDateTime;
        var user = http.HttpContext?.User;
        var userId = user?.FindFirstValue(ClaimTypes.NameIdentifier);
        var userName = user?.Identity?.IsAuthenticated == true ? user.Identity.Name : null;
        userName ??= CommandLineUser.Current;

        var entries = context.ChangeTracker.Entries<AuditedEntity>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .ToList();
        foreach (var entry in entries)
        {
            var changes = entry.State switch
            {
                EntityState.Added => Describe(entry, added: true),
                EntityState.Modified => Describe(entry, added: false),
                _ => [],
            };
            if (entry.State == EntityState.Modified && changes.Count == 0)
            {
                entry.State = EntityState.Unchanged;
                continue;
            }

            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Created,
                EntityState.Modified => AuditAction.Updated,
                _ => AuditAction.Deleted,
            };
            if (action == AuditAction.Created)
            {
                entry.Entity.StampCreated(now, userName);
            }
            else if (action == AuditAction.Updated)
            {
                entry.Entity.StampUpdated(now, userName);
            }

            var audit = new AuditEntry
            {
                EntityType = entry.Metadata.ClrType.Name,
                EntityKey = entry.Entity.AuditKey,
                Action = action,
                Version = entry.Entity.Version,
                At = now,
                UserId = userId,
                UserName = userName,
                Changes = JsonSerializer.Serialize(changes),
            };
            audit.ScopeTo(entry.Entity.AuditTerritoryId);
            context.Add(audit);
        }
    }

    private static List<AuditChange> Describe(EntityEntry<AuditedEntity> entry, bool added)
    {
        var changes = new List<AuditChange>();
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (StampProperties.Contains(name) || property.Metadata.IsPrimaryKey() || property.Metadata.IsShadowProperty()
                || property.Metadata.PropertyInfo?.IsDefined(typeof(NotAuditedAttribute), inherit: false) == true)
            {
                continue;
            }

            if (added)
            {
                // A creation lists what was filled in; an empty field says nothing.
                if (Format(property.CurrentValue) is { Length: > 0 } value)
                {
                    changes.Add(new AuditChange(name, null, value));
                }
            }
            else if (property.IsModified && !Equals(property.OriginalValue, property.CurrentValue))
            {
                changes.Add(new AuditChange(name, Format(property.OriginalValue), Format(property.CurrentValue)));
            }
        }

        return changes;
    }

    private static string? Format(object? value) => value switch
    {
        null => null,
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}

/// <summary>The name written in the history for changes made from the command line.</summary>
public static class CommandLineUser
{
    private static readonly AsyncLocal<string?> Name = new();

    public static string? Current
    {
        get => Name.Value;
        set => Name.Value = value;
    }
}
