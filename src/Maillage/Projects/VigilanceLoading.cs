using Maillage.Actors;
using Maillage.Data;
using Maillage.Territories;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Projects;

/// <summary>Reads what the points de vigilance need, for one project or a page of projects, and evaluates them.</summary>
public sealed class VigilanceLoading(AppDbContext db, PerimeterResolver perimeters, TimeProvider time)
{
    public DateOnly Today => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    public async Task<IReadOnlyList<PointDeVigilance>> ForProjectAsync(Guid territoryId, Guid projectId, CancellationToken cancellationToken)
    {
        var project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: false, cancellationToken);
        return (await EvaluateAsync(territoryId, [project], roles: null, cancellationToken))[project.Id];
    }

    /// <summary>
    /// The points of each project given, its parts loaded (see <see cref="ProjectLoading.WithParts"/>), in one query of
    /// participations for the whole page; the territory's roles are read unless the caller already holds them.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<PointDeVigilance>>> EvaluateAsync(Guid territoryId, IReadOnlyList<Project> projects,
        ParticipationRoleCatalog? roles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(projects);
        var ids = projects.Select(p => p.Id).ToList();
        roles ??= await ParticipationLoading.RolesAsync(db, territoryId, cancellationToken);
        var rows = await (from p in db.ProjectParticipations.AsNoTracking()
                          join a in db.Actors.AsNoTracking() on p.ActorId equals a.Id
                          join c in db.Contacts.AsNoTracking() on p.RepresentativeContactId equals c.Id into representatives
                          from c in representatives.DefaultIfEmpty()
                          where ids.Contains(p.ProjectId) && p.TerritoryId == territoryId
                          select new { p, a.Name, a.Family, a.Subtype, a.PerimeterCodes, a.Modes, a.CompetenceLabels, c.FirstName, c.LastName, c.DecisionPower })
            .ToListAsync(cancellationToken);
        var byProject = rows
            .Select(r => new VigilanceParticipant(r.p, r.Name, r.Family, r.Subtype, Perimeter.Parse(r.PerimeterCodes), r.Modes,
                r.CompetenceLabels.Split("; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                r.LastName is null ? null : r.FirstName is null ? r.LastName : $"{r.FirstName} {r.LastName}", r.DecisionPower))
            .ToLookup(v => v.Participation.ProjectId);
        var communes = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        IReadOnlySet<string> CommunesOf(Perimeter perimeter)
        {
            var key = perimeter.ToString();
            if (!communes.TryGetValue(key, out var codes))
            {
                communes[key] = codes = perimeters.CommunesOf(perimeter);
            }

            return codes;
        }

        var today = Today;
        return projects.ToDictionary(p => p.Id, p => VigilanceRules.Evaluate(p, [.. byProject[p.Id]], roles, CommunesOf, today));
    }
}
