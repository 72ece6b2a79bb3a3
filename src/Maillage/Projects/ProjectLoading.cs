using Maillage.Data;
using Maillage.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Projects;

/// <summary>Reads a project with its parts, scoped to its territory (another territory's project is not found).</summary>
public static class ProjectLoading
{
    private static readonly string[] PartTypes = [nameof(Project), nameof(ProjectPhase), nameof(ProjectDeliverable), nameof(ProjectCopil), nameof(ProjectParticipation)];

    public static async Task<Project> FindAsync(AppDbContext db, Guid territoryId, Guid projectId, bool tracked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = WithParts(db.Projects);
        return await (tracked ? query : query.AsNoTracking())
            .SingleOrDefaultAsync(p => p.Id == projectId && p.TerritoryId == territoryId, cancellationToken)
            ?? throw new NotFoundException("Ce projet n'existe pas dans ce territoire.");
    }

    /// <summary>Projects with their phases, deliverables and copils, each collection in its own query.</summary>
    public static IQueryable<Project> WithParts(IQueryable<Project> projects) =>
        projects.Include(p => p.Phases).Include(p => p.Deliverables).Include(p => p.Copils).AsSplitQuery();

    /// <summary>The history of the project and of its parts, whose keys start with the project's id, deleted parts included.</summary>
    public static Task<List<AuditEntry>> HistoryAsync(AppDbContext db, Guid projectId, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var key = projectId.ToString();
        var prefix = key + "/";
        return db.AuditEntries.AsNoTracking()
            .Where(a => PartTypes.Contains(a.EntityType) && (a.EntityKey == key || a.EntityKey.StartsWith(prefix)))
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    public static IEnumerable<ProjectDeliverable> Ordered(IEnumerable<ProjectDeliverable> deliverables) =>
        deliverables.OrderBy(d => d.Phase).ThenBy(d => d.DueDate ?? DateOnly.MaxValue).ThenBy(d => d.Title, StringComparer.CurrentCulture);
}

public sealed record ProjectListItem(Guid Id, string Name, DateOnly? StartDate, DateOnly? EndDate, IReadOnlyList<string> Themes,
    bool TargetsCompanies, DateTime UpdatedAt, long Version);

public sealed record ProjectPage(IReadOnlyList<ProjectListItem> Items, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The territory's projects by name, filtered and paged in the database.</summary>
public static class ProjectList
{
    public const int DefaultPageSize = 25;

    public static async Task<ProjectPage> SearchAsync(AppDbContext db, Guid territoryId, string? q, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.Projects.AsNoTracking().Where(p => p.TerritoryId == territoryId);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var pattern = "%" + q.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal).ToUpperInvariant() + "%";
            query = query.Where(p => EF.Functions.Like(p.Name.ToUpper(), pattern, "\\"));
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(p => new { p.Id, p.Name, p.StartDate, p.EndDate, p.Themes, p.TargetsCompanies, p.UpdatedAt, p.Version })
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => new ProjectListItem(r.Id, r.Name, r.StartDate, r.EndDate,
            ProjectThemes.Parse(r.Themes).Select(t => t.Code).ToList(), r.TargetsCompanies, r.UpdatedAt, r.Version)).ToList();
        return new ProjectPage(items, total, page, pageSize);
    }
}
