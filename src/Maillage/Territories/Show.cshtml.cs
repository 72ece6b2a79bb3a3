using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Territories;

[TerritoryPage(TerritoryRole.Lecteur, TerritoryRole.Administrateur)]
public sealed class ShowModel(AppDbContext db, CurrentTerritory current, PerimeterResolver perimeters) : PageModel
{
    public const int HistoryLength = 10;

    /// <summary>The areas of one kind, and for an EPCI the communes it brings.</summary>
    public sealed record AreaGroup(AreaKind Kind, IReadOnlyList<AreaLine> Areas);

    public sealed record AreaLine(AreaRef Area, IReadOnlyList<Commune> Communes);

    public Territory Territory { get; private set; } = null!;
    public TerritoryRole Role { get; private set; }
    public IReadOnlyList<AreaGroup> Perimeter { get; private set; } = [];
    public PerimeterCoverage Coverage { get; private set; } = new(0, 0);
    public int MemberCount { get; private set; }

    /// <summary>How many actors of each family the territory has registered, every family listed.</summary>
    public IReadOnlyList<(Actors.ActorFamily Family, int Count)> ActorsByFamily { get; private set; } = [];
    public IReadOnlyList<AuditEntry> History { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        Territory = await db.Territories.AsNoTracking().SingleAsync(t => t.Id == territoryId, cancellationToken);
        Role = current.Required.Role;
        var perimeter = Territory.Perimeter;
        Perimeter = perimeters.Describe(perimeter)
            .GroupBy(a => a.Kind)
            .OrderByDescending(g => g.Key)
            .Select(g => new AreaGroup(g.Key, g.Select(a => new AreaLine(a, perimeters.MembersOf(a))).ToList()))
            .ToList();
        Coverage = perimeters.Cover(perimeter);
        MemberCount = await db.TerritoryMembers.CountAsync(m => m.TerritoryId == territoryId, cancellationToken);
        var counts = await db.Actors.Where(a => a.TerritoryId == territoryId).GroupBy(a => a.Family)
            .Select(g => new { Family = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Family, g => g.Count, cancellationToken);
        ActorsByFamily = Actors.ActorFamilies.All.Select(f => (f, counts.GetValueOrDefault(f))).ToList();
        History = await db.HistoryOfAsync(Territory, HistoryLength, cancellationToken);
    }
}
