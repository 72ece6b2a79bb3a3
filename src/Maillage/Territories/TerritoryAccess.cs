using System.Security.Claims;
using Maillage.Accounts;
using Maillage.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Territories;

/// <summary>What the current person may do in the territory of the current request.</summary>
public sealed record TerritoryContext(Guid Id, string Name, TerritoryRole Role, bool IsDemo, Guid? OrganisationId = null)
{
    public bool Can(TerritoryRole required) => Role >= required;

    /// <summary>A Pilote edits every actor; a Partenaire only the organisation it is attached to.</summary>
    public bool CanEditActor(Guid actorId) =>
        Can(TerritoryRole.Pilote) || (Role == TerritoryRole.Partenaire && OrganisationId == actorId);
}

/// <summary>
/// The one place that decides who sees which territory: an installation administrator sees them all,
/// anyone else only the territories they are a member of. Every territory-scoped query starts here.
/// </summary>
public sealed class TerritoryAccess(AppDbContext db)
{
    public async Task<TerritoryContext?> FindAsync(Guid territoryId, ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return null;
        }

        if (user.IsAdministrator())
        {
            return await db.Territories.AsNoTracking()
                .Where(t => t.Id == territoryId)
                .Select(t => new TerritoryContext(t.Id, t.Name, TerritoryRole.Administrateur, t.IsDemo))
                .SingleOrDefaultAsync(cancellationToken);
        }

        return await db.TerritoryMembers.AsNoTracking()
            .Where(m => m.TerritoryId == territoryId && m.UserId == userId)
            .Join(db.Territories, m => m.TerritoryId, t => t.Id, (m, t) => new TerritoryContext(t.Id, t.Name, m.Role, t.IsDemo, m.OrganisationId))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// True when the route names the Partenaire's own organisation: its actor (<c>{actorId}</c>) or one of that
    /// actor's contacts (<c>{contactId}</c>).
    /// </summary>
    public async Task<bool> IsOwnOrganisationAsync(TerritoryContext territory, RouteValueDictionary route, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(territory);
        ArgumentNullException.ThrowIfNull(route);
        if (territory.Role != TerritoryRole.Partenaire || territory.OrganisationId is not { } organisationId)
        {
            return false;
        }

        if (Guid.TryParse(route["actorId"]?.ToString(), out var actorId))
        {
            return actorId == organisationId;
        }

        return Guid.TryParse(route["contactId"]?.ToString(), out var contactId)
            && await db.Contacts.AnyAsync(c => c.Id == contactId && c.TerritoryId == territory.Id && c.ActorId == organisationId, cancellationToken);
    }

    /// <summary>The territories the person can open.</summary>
    public IQueryable<Territory> Visible(ClaimsPrincipal user)
    {
        if (user.IsAdministrator())
        {
            return db.Territories;
        }

        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        return db.Territories.Where(t => db.TerritoryMembers.Any(m => m.TerritoryId == t.Id && m.UserId == userId));
    }
}

/// <summary>The territory resolved for the current request, for pages, layout and endpoints.</summary>
public sealed class CurrentTerritory
{
    public TerritoryContext? Value { get; set; }

    public TerritoryContext Required => Value ?? throw new NotFoundException("Territoire introuvable.");
}

public static class MaillageClaims
{
    public const string Administrator = "maillage:administrateur";

    public static bool IsAdministrator(this ClaimsPrincipal user) =>
        user.HasClaim(Administrator, "true");
}
