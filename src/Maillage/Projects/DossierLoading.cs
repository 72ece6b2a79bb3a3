using Maillage.Data;
using Maillage.Territories;
using Maillage.Territories.Reference;

namespace Maillage.Projects;

/// <summary>One row of the role table: a role and the project's partners holding it.</summary>
public sealed record RoleTableRow(ParticipationRole Role, IReadOnlyList<ParticipationLine> Holders)
{
    /// <summary>
    /// The rows of source 000's table for a project: the four reference roles always (the frame stays whole), then
    /// the territory's roles that someone holds, in the catalog's order.
    /// </summary>
    public static IReadOnlyList<RoleTableRow> Of(ParticipationRoleCatalog roles, IEnumerable<ParticipationLine> lines)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var all = lines.ToList();
        return roles.Roles
            .Select(r => new RoleTableRow(r, all.Where(l => l.Participation.Role == r.Code).ToList()))
            .Where(r => r.Role.IsBuiltIn || r.Holders.Count > 0)
            .ToList();
    }
}

/// <summary>An area of the project's perimeter as the reference names it, with an EPCI's member communes.</summary>
public sealed record DossierArea(AreaRef Area, IReadOnlyList<string> MemberCommunes);

/// <summary>Everything the dossier prints, read once: the project with its parts, its partners and roles, the perimeter's names.</summary>
public sealed record DossierModel(
    Project Project,
    string TerritoryName,
    IReadOnlyList<DossierArea> Perimeter,
    IReadOnlyList<ParticipationLine> Participants,
    ParticipationRoleCatalog Roles,
    IReadOnlyList<RoleTableRow> RoleRows,
    DateOnly GeneratedOn);

public static class DossierLoading
{
    /// <summary>Reads the dossier of a project of the territory; another territory's project is not found (404).</summary>
    public static async Task<DossierModel> LoadAsync(AppDbContext db, PerimeterResolver perimeters, Guid territoryId, string territoryName,
        Guid projectId, DateOnly generatedOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(perimeters);
        var project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: false, cancellationToken);
        var roles = await ParticipationLoading.RolesAsync(db, territoryId, cancellationToken);
        var lines = await ParticipationLoading.ListAsync(db, territoryId, projectId, roles, cancellationToken);
        var areas = perimeters.Describe(project.Perimeter)
            .Select(a => new DossierArea(a, perimeters.MembersOf(a).Select(c => c.Name).ToList()))
            .ToList();
        return new DossierModel(project, territoryName, areas, lines, roles, RoleTableRow.Of(roles, lines), generatedOn);
    }
}
