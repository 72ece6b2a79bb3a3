using Maillage.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Projects;

/// <summary>
/// A territory's own wording of the conditions of exercise of one of source 000's four roles. The role's code, label
/// and description stay the source's; only its conditions change, for this territory alone. <see cref="Conditions"/>
/// is null once the territory went back to the source's text: the row (and its version and history) stays, so a form
/// opened before the return is refused like any stale edit.
/// </summary>
public sealed class BuiltInRoleConditions : AuditedEntity
{
    private BuiltInRoleConditions()
    {
    }

    public BuiltInRoleConditions(Guid territoryId, string roleCode)
    {
        if (ParticipationRoleCatalog.SourceRole(roleCode) is null)
        {
            throw new NotFoundException("Ce rôle n'est pas un des quatre rôles du tableau de référence (pilote, operateur, financeur, partenaire).");
        }

        TerritoryId = territoryId;
        RoleCode = roleCode;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TerritoryId { get; private set; }

    /// <summary>pilote, operateur, financeur or partenaire.</summary>
    public string RoleCode { get; private set; } = "";

    /// <summary>The territory's conditions, one per line; empty when the territory keeps none; null for the source's.</summary>
    public string? Conditions { get; private set; }

    public bool IsEdited => Conditions is not null;

    public override Guid? AuditTerritoryId => TerritoryId;
    public override string AuditKey => Id.ToString();

    /// <summary>Replaces the conditions by these lines (checked by <see cref="RoleConditionLines.Parse"/>).</summary>
    public void Edit(IEnumerable<string?> lines)
    {
        var conditions = RoleConditionLines.Parse(lines);
        Conditions = string.Join('\n', conditions.Select(c => c.Text));
    }

    public void RevertToSource() => Conditions = null;

    /// <summary>The conditions this row stands for: the territory's, or the source's when it went back to them.</summary>
    public IReadOnlyList<RoleCondition> Effective() =>
        Conditions is null
            ? ParticipationRoleCatalog.SourceRole(RoleCode)?.Conditions ?? []
            : RoleConditionLines.Parse(Conditions.Split('\n'));
}

/// <summary>
/// Turns lines of text into conditions of exercise with stable codes. A line whose words are a condition of source
/// 000's table takes that condition's text and code (<c>identifie</c>, <c>disponible</c>…), so the partners who met it
/// still do; any other line is coded by its slug, like the conditions of a territory's own role.
/// </summary>
public static class RoleConditionLines
{
    public const int MaxLength = ProjectRole.TextMaxLength;
    public const int MaxCount = 30;

    private static readonly Dictionary<string, RoleCondition> SourceConditions = ParticipationRoleCatalog.BuiltIn
        .SelectMany(r => r.Conditions)
        .DistinctBy(c => c.Code)
        .ToDictionary(c => Comparable(c.Text), StringComparer.Ordinal);

    /// <summary>The conditions of these lines in their order; blank lines are skipped. Breaks a rule in French.</summary>
    public static IReadOnlyList<RoleCondition> Parse(IEnumerable<string?> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var texts = lines
            .SelectMany(l => (l ?? "").Split('\n'))
            .Select(l => string.Join(' ', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            .Where(l => l.Length > 0)
            .ToList();
        if (texts.Sum(t => t.Length + 1) - 1 > MaxLength)
        {
            throw new DomainException($"Conditions d'exercice : {MaxLength} caractères au plus en tout.");
        }

        if (texts.Count > MaxCount)
        {
            throw new DomainException($"Conditions d'exercice : {MaxCount} conditions au plus.");
        }

        var conditions = new List<RoleCondition>(texts.Count);
        foreach (var text in texts)
        {
            var condition = SourceConditions.GetValueOrDefault(Comparable(text)) ?? new RoleCondition(ProjectRole.ConditionCode(text), text);
            if (condition.Code.Length == 0)
            {
                throw new DomainException($"Conditions d'exercice : la ligne « {text} » doit contenir des lettres ou des chiffres.");
            }

            if (conditions.Find(c => c.Code == condition.Code) is { } same)
            {
                throw new DomainException($"Conditions d'exercice : la ligne « {text} » répète la condition « {same.Text} ».");
            }

            conditions.Add(condition);
        }

        return conditions;
    }

    /// <summary>The words of a line as compared with the source's: spaces collapsed, typographic apostrophes straightened.</summary>
    private static string Comparable(string text) =>
        string.Join(' ', text.Replace('’', '\'').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>Edits and reverts a territory's conditions of a built-in role, refusing a stale form like every versioned edit.</summary>
public static class BuiltInRoleConditionsEditing
{
    /// <summary>
    /// Saves the territory's conditions of a built-in role. <paramref name="expectedVersion"/> is the version read
    /// (0 when the territory had never edited this role, null to skip the check, as the API allows).
    /// </summary>
    public static async Task<BuiltInRoleConditions> EditAsync(AppDbContext db, Guid territoryId, string code, IEnumerable<string?> lines,
        long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = await FindOrCreateAsync(db, territoryId, code, expectedVersion, cancellationToken);
        row.Edit(lines);
        await SaveAsync(db, row, cancellationToken);
        return row;
    }

    /// <summary>Goes back to the source's conditions; nothing to do when the territory never edited them.</summary>
    public static async Task<BuiltInRoleConditions?> RevertAsync(AppDbContext db, Guid territoryId, string code, long? expectedVersion,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var role = BuiltInRole(code);
        var row = await db.BuiltInRoleConditions.SingleOrDefaultAsync(r => r.TerritoryId == territoryId && r.RoleCode == role.Code, cancellationToken);
        if (row is null)
        {
            return expectedVersion is > 0 ? throw new ConcurrencyConflictException([]) : null;
        }

        await db.ExpectVersionAsync(row, expectedVersion, cancellationToken);
        row.RevertToSource();
        await db.SaveCheckedAsync(cancellationToken);
        return row;
    }

    private static ParticipationRole BuiltInRole(string code) =>
        ParticipationRoleCatalog.SourceRole(code)
        ?? throw new NotFoundException("Ce rôle n'est pas un des quatre rôles du tableau de référence (pilote, operateur, financeur, partenaire).");

    private static async Task<BuiltInRoleConditions> FindOrCreateAsync(AppDbContext db, Guid territoryId, string code, long? expectedVersion,
        CancellationToken cancellationToken)
    {
        var role = BuiltInRole(code);
        var row = await db.BuiltInRoleConditions.SingleOrDefaultAsync(r => r.TerritoryId == territoryId && r.RoleCode == role.Code, cancellationToken);
        if (row is null)
        {
            if (expectedVersion is > 0)
            {
                throw new ConcurrencyConflictException([]);
            }

            row = new BuiltInRoleConditions(territoryId, role.Code);
            db.BuiltInRoleConditions.Add(row);
            return row;
        }

        await db.ExpectVersionAsync(row, expectedVersion, cancellationToken);
        return row;
    }

    /// <summary>Two first edits racing both insert: the unique (territory, role) index refuses the second, told as a conflict.</summary>
    private static async Task SaveAsync(AppDbContext db, BuiltInRoleConditions row, CancellationToken cancellationToken)
    {
        var inserting = db.Entry(row).State == EntityState.Added;
        try
        {
            await db.SaveCheckedAsync(cancellationToken);
        }
        catch (DbUpdateException) when (inserting)
        {
            db.Entry(row).State = EntityState.Detached;
            var winner = await db.BuiltInRoleConditions.AsNoTracking()
                .SingleOrDefaultAsync(r => r.TerritoryId == row.TerritoryId && r.RoleCode == row.RoleCode, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            throw new ConcurrencyConflictException(await db.ChangesSinceAsync(winner, 0, cancellationToken));
        }
    }
}
