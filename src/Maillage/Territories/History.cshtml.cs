using System.Text.Json;
using Maillage.Data;
using Maillage.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Territories;

/// <summary>Everything changed in the territory, newest first: the territory itself and its members.</summary>
[TerritoryPage(TerritoryRole.Lecteur, TerritoryRole.Pilote)]
public sealed class HistoryModel(AppDbContext db, PerimeterResolver perimeters) : PageModel
{
    public const int PageSize = 50;

    /// <param name="Translatable">The value is a word of the app (a role, yes/no), shown through the localizer.</param>
    public sealed record ChangeLine(string Property, string? Before, string? After, bool Translatable);

    /// <param name="Subject">What the entry is about, beside its type: the member's address for a member.</param>
    public sealed record Row(DateTime At, string? By, string EntityType, string? Subject, AuditAction Action, long Version,
        IReadOnlyList<ChangeLine> Changes);

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public int Total { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public IReadOnlyList<Row> Entries { get; private set; } = [];

    public async Task OnGetAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking().Where(a => a.TerritoryId == territoryId);
        Total = await query.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        var entries = await query
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken);

        var changes = entries.ToDictionary(e => e.Id, e => JsonSerializer.Deserialize<List<AuditChange>>(e.Changes) ?? []);
        var accounts = await AccountsOfMembersAsync(entries, changes, cancellationToken);
        Entries = entries.Select(e => new Row(
                e.At,
                e.UserName,
                HistoryText.EntityType(e.EntityType),
                e.EntityType == nameof(TerritoryMember) ? accounts.Members.GetValueOrDefault(e.EntityKey) : null,
                e.Action,
                e.Version,
                changes[e.Id]
                    .Where(c => c.Property != nameof(TerritoryMember.TerritoryId))
                    .Select(c => Describe(c, accounts.Emails))
                    .ToList()))
            .ToList();
    }

    public string PageUrl(int page) =>
        Url.Page("/Territories/History", new { territoryId = RouteData.Values["territoryId"], p = page > 1 ? page : (int?)null })
        ?? "";

    private ChangeLine Describe(AuditChange change, IReadOnlyDictionary<string, string> emails) => change.Property switch
    {
        nameof(Territory.PerimeterCodes) => new(change.Property, Areas(change.Before), Areas(change.After), false),
        nameof(TerritoryMember.UserId) => new(change.Property, Email(change.Before, emails), Email(change.After, emails), false),
        _ => new(change.Property, HistoryText.Value(change.Property, change.Before), HistoryText.Value(change.Property, change.After), true),
    };

    private static string? Email(string? userId, IReadOnlyDictionary<string, string> emails) =>
        userId is null ? null : emails.GetValueOrDefault(userId, userId);

    // Codes become names ("Saint-Maurice, Charenton-le-Pont"): the history is read by people, not by machines.
    private string? Areas(string? codes)
    {
        if (codes is null)
        {
            return null;
        }

        if (codes.Length == 0)
        {
            return "";
        }

        var areas = Perimeter.Of(codes.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(code => Perimeter.TryParseArea(code, out var area) ? area : null)
            .OfType<PerimeterArea>());
        return string.Join(", ", perimeters.Describe(areas).Select(a => a.Name));
    }

    /// <summary>
    /// The e-mail address of the account behind each member of the page, and of each account named in a change;
    /// a member removed since is found through the history of its creation.
    /// </summary>
    private async Task<(Dictionary<string, string> Members, Dictionary<string, string> Emails)> AccountsOfMembersAsync(
        List<AuditEntry> entries, Dictionary<long, List<AuditChange>> changes, CancellationToken cancellationToken)
    {
        var memberKeys = entries.Where(e => e.EntityType == nameof(TerritoryMember)).Select(e => e.EntityKey).Distinct().ToList();
        var creations = memberKeys.Count == 0
            ? []
            : await db.AuditEntries.AsNoTracking()
                .Where(a => a.EntityType == nameof(TerritoryMember) && a.Action == AuditAction.Created && memberKeys.Contains(a.EntityKey))
                .Select(a => new { a.EntityKey, a.Changes })
                .ToListAsync(cancellationToken);
        var userOfMember = creations
            .Select(c => (c.EntityKey, UserId: UserIdIn(JsonSerializer.Deserialize<List<AuditChange>>(c.Changes))))
            .Where(c => c.UserId is not null)
            .ToDictionary(c => c.EntityKey, c => c.UserId!);

        var userIds = userOfMember.Values
            .Concat(changes.Values.SelectMany(list => list)
                .Where(c => c.Property == nameof(TerritoryMember.UserId))
                .SelectMany(c => new[] { c.Before, c.After })
                .OfType<string>())
            .Distinct()
            .ToList();
        var emails = userIds.Count == 0
            ? new Dictionary<string, string>()
            : await db.Users.AsNoTracking()
                .Where(u => userIds.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id, u => u.Email ?? u.UserName ?? u.Id, cancellationToken);
        var members = userOfMember
            .Where(m => emails.ContainsKey(m.Value))
            .ToDictionary(m => m.Key, m => emails[m.Value]);
        return (members, emails);
    }

    private static string? UserIdIn(List<AuditChange>? changes) =>
        changes?.FirstOrDefault(c => c.Property == nameof(TerritoryMember.UserId))?.After;
}
