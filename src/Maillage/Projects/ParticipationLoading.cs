using Maillage.Actors;
using Maillage.Data;
using Maillage.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Projects;

/// <summary>A participation as lists show it: the actor's name and family, the representative's name.</summary>
public sealed record ParticipationLine(ProjectParticipation Participation, string ActorName, string? ActorAcronym, ActorFamily Family,
    string? RepresentativeName);

/// <summary>A project an actor takes part in, as the actor's page lists it.</summary>
public sealed record ActorProjectLine(Guid ProjectId, string ProjectName, Guid ParticipationId, string Role, MobilisationLevel Mobilisation, int Wave,
    bool IsActive);

/// <summary>Reads participations and roles, scoped to their territory (another territory's participation is not found).</summary>
public static class ParticipationLoading
{
    public static async Task<ParticipationRoleCatalog> RolesAsync(AppDbContext db, Guid territoryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var roles = await db.ProjectRoles.AsNoTracking().Where(r => r.TerritoryId == territoryId).ToListAsync(cancellationToken);
        var conditions = await db.BuiltInRoleConditions.AsNoTracking().Where(c => c.TerritoryId == territoryId).ToListAsync(cancellationToken);
        return ParticipationRoleCatalog.With(roles, conditions);
    }

    /// <summary>The project's participations by wave, role (source order) and actor name; a project has tens of partners, not thousands.</summary>
    public static async Task<IReadOnlyList<ParticipationLine>> ListAsync(AppDbContext db, Guid territoryId, Guid projectId,
        ParticipationRoleCatalog roles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(roles);
        var rows = await (from p in db.ProjectParticipations.AsNoTracking()
                          join a in db.Actors.AsNoTracking() on p.ActorId equals a.Id
                          join c in db.Contacts.AsNoTracking() on p.RepresentativeContactId equals c.Id into representatives
                          from c in representatives.DefaultIfEmpty()
                          where p.ProjectId == projectId && p.TerritoryId == territoryId
                          select new { p, a.Name, a.Acronym, a.Family, c.FirstName, c.LastName })
            .ToListAsync(cancellationToken);
        var order = roles.Roles.Select((r, i) => (r.Code, i)).ToDictionary(x => x.Code, x => x.i);
        return rows
            .Select(r => new ParticipationLine(r.p, r.Name, r.Acronym, r.Family, r.LastName is null ? null : r.FirstName is null ? r.LastName : $"{r.FirstName} {r.LastName}"))
            .OrderBy(l => l.Participation.Wave)
            .ThenBy(l => order.GetValueOrDefault(l.Participation.Role, int.MaxValue))
            .ThenBy(l => l.ActorName, StringComparer.CurrentCulture)
            .ToList();
    }

    public static async Task<ProjectParticipation> FindAsync(AppDbContext db, Guid territoryId, Guid projectId, Guid participationId, bool tracked,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = tracked ? db.ProjectParticipations : db.ProjectParticipations.AsNoTracking();
        return await query.SingleOrDefaultAsync(p => p.Id == participationId && p.ProjectId == projectId && p.TerritoryId == territoryId, cancellationToken)
               ?? throw new NotFoundException("Cette participation n'existe pas dans ce projet.");
    }

    public static async Task<IReadOnlyList<MobilisationStep>> MobilisationHistoryAsync(AppDbContext db, ProjectParticipation participation,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(participation);
        return MobilisationHistory.Of(await db.HistoryOfAsync(participation, int.MaxValue, cancellationToken));
    }

    /// <summary>The contact of the territory chosen as representative (the participation checks it is the actor's); null when none is chosen.</summary>
    public static async Task<Contact?> RepresentativeAsync(AppDbContext db, Guid territoryId, Guid? contactId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (contactId is null)
        {
            return null;
        }

        return await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contactId && c.TerritoryId == territoryId, cancellationToken)
               ?? throw new DomainException("Représentant : cet interlocuteur n'existe pas dans ce territoire.");
    }

    public static Task<List<Contact>> ContactsOfAsync(AppDbContext db, Guid territoryId, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Contacts.AsNoTracking()
            .Where(c => c.TerritoryId == territoryId && c.ActorId == actorId && c.AnonymisedAt == null)
            .OrderBy(c => c.LastName).ThenBy(c => c.FirstName)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The projects an actor takes part in, by project name.</summary>
    public static Task<List<ActorProjectLine>> ProjectsOfAsync(AppDbContext db, Guid territoryId, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (from p in db.ProjectParticipations.AsNoTracking()
                join project in db.Projects.AsNoTracking() on p.ProjectId equals project.Id
                where p.ActorId == actorId && p.TerritoryId == territoryId
                orderby project.Name, p.Role
                select new ActorProjectLine(project.Id, project.Name, p.Id, p.Role, p.Mobilisation, p.Wave, p.IsActive))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Adds an actor to a project with a role; the same actor holds a role once per project.</summary>
    public static async Task<ProjectParticipation> AddAsync(AppDbContext db, Project project, Guid actorId, ParticipationRole role, ParticipationFields fields,
        Guid? representativeContactId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(role);
        var actor = await db.Actors.AsNoTracking().SingleOrDefaultAsync(a => a.Id == actorId && a.TerritoryId == project.TerritoryId, cancellationToken)
                    ?? throw new DomainException("Acteur : cet acteur n'existe pas dans ce territoire.");
        if (await db.ProjectParticipations.AnyAsync(p => p.ProjectId == project.Id && p.ActorId == actorId && p.Role == role.Code, cancellationToken))
        {
            throw new DomainException($"Acteur : « {actor.Name} » est déjà {role.Label.ToLowerInvariant()} de ce projet.");
        }

        var participation = new ProjectParticipation(project, actor, role);
        var representative = await RepresentativeAsync(db, project.TerritoryId, representativeContactId, cancellationToken);
        participation.Update(fields, role, representative);
        db.ProjectParticipations.Add(participation);
        return participation;
    }

    /// <summary>Changes a tracked participation; another actor's holding of the new role in the project is refused.</summary>
    public static async Task UpdateAsync(AppDbContext db, ProjectParticipation participation, ParticipationRole role, ParticipationFields fields,
        Guid? representativeContactId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(participation);
        ArgumentNullException.ThrowIfNull(role);
        if (role.Code != participation.Role && await db.ProjectParticipations.AnyAsync(
                p => p.ProjectId == participation.ProjectId && p.ActorId == participation.ActorId && p.Role == role.Code, cancellationToken))
        {
            throw new DomainException($"Rôle : cet acteur est déjà {role.Label.ToLowerInvariant()} de ce projet.");
        }

        var representative = await RepresentativeAsync(db, participation.TerritoryId, representativeContactId, cancellationToken);
        participation.Update(fields, role, representative);
    }
}
