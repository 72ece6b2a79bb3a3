using System.Text;
using Maillage.Actors;
using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Maillage.Territories.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Cibles;

/// <summary>One row of the placement form (steps 2 and 3 by keyboard): the two rings of one actor.</summary>
public sealed class PlacementForm
{
    public Guid ActorId { get; set; }
    public int? Current { get; set; }
    public int? Ideal { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// The four steps of the cible on one page: the actors to consider (step 1), where each stands today (2) and
/// should stand (3), by drag and drop on the picture or with the form, and the gap (4), largest first.
/// </summary>
[TerritoryPage(TerritoryRole.Lecteur, TerritoryRole.Pilote)]
public sealed class ShowModel(AppDbContext db, InseeReference reference, CurrentTerritory territory, TimeProvider time) : PageModel
{
    public const int SearchPageSize = 10;

    public Cible Cible { get; private set; } = null!;
    public IReadOnlyList<PlacementRow> Rows { get; private set; } = [];
    public IReadOnlyList<CibleGap> Gaps { get; private set; } = [];
    public CibleView View { get; private set; }
    public string Picture { get; private set; } = "";
    public string CurrentPicture { get; private set; } = "";
    public string IdealPicture { get; private set; } = "";
    public bool CanEdit { get; private set; }

    /// <summary>The name of the project whose cible this is (null: the organisation's).</summary>
    public string? ProjectName { get; private set; }
    public CandidateList Candidates { get; private set; } = new("", null, [], 0, 1, []);
    /// <summary>A snapshot as the page lists it (its frozen content is read on its own page).</summary>
    public sealed record SnapshotRow(Guid Id, DateTime TakenAt, string? TakenBy, string? Note);

    public IReadOnlyList<SnapshotRow> Snapshots { get; private set; } = [];
    public IReadOnlyList<AuditEntry> History { get; private set; } = [];

    [BindProperty]
    public List<PlacementForm> Placements { get; set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    public sealed record Candidate(Guid Id, string Name, string? Acronym, ActorFamily Family, bool OnCible);

    public sealed record CandidateList(string Query, ActorFamily? Family, IReadOnlyList<Candidate> Rows, int Total, int Page, IReadOnlyList<ActorFamily> Families,
        bool TotalIsExact = true)
    {
        public int Pages => Math.Max(1, (Total + SearchPageSize - 1) / SearchPageSize);
    }

    public async Task OnGetAsync(Guid territoryId, Guid cibleId, string? vue, string? q, string? famille, int? numero, CancellationToken cancellationToken)
    {
        await LoadAsync(territoryId, cibleId, vue, cancellationToken);
        Candidates = await FindCandidatesAsync(territoryId, cibleId, q, famille, numero, cancellationToken);
    }

    /// <summary>Step 1's search, for htmx: the territory's actors found by name, paged in the database.</summary>
    public async Task<IActionResult> OnGetSearchAsync(Guid territoryId, Guid cibleId, string? q, string? famille, int? numero, CancellationToken cancellationToken)
    {
        Cible = await CibleBoard.FindAsync(db, territoryId, cibleId, tracked: false, cancellationToken);
        CanEdit = territory.Required.Can(TerritoryRole.Pilote);
        Candidates = await FindCandidatesAsync(territoryId, cibleId, q, famille, numero, cancellationToken);
        return Partial("_Candidates", this);
    }

    /// <summary>The picture as an SVG file to download.</summary>
    public async Task<IActionResult> OnGetSvgAsync(Guid territoryId, Guid cibleId, string? vue, CancellationToken cancellationToken)
    {
        // Only the picture: none of the page's lists, gaps or other views.
        Cible = await CibleBoard.FindAsync(db, territoryId, cibleId, tracked: false, cancellationToken);
        View = CibleViews.TryParse(vue, out var view) ? view : CibleView.Current;
        var rows = await CibleBoard.PlacementsAsync(db, Cible.Id, cancellationToken);
        var svg = CibleSvg.Render(CibleBoard.Drawing(Cible, rows), View, $"Cible « {Cible.Name} » — {View.Label()}");
        return File(Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg), "image/svg+xml", FileName(Cible.Name, View) + ".svg");
    }

    public async Task<IActionResult> OnPostAddAsync(Guid territoryId, Guid cibleId, Guid actorId, string? q, CancellationToken cancellationToken)
    {
        var cible = await CibleBoard.FindAsync(db, territoryId, cibleId, tracked: false, cancellationToken);
        try
        {
            var placement = await CibleBoard.AddAsync(db, cible, actorId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            var name = await db.Actors.Where(a => a.Id == placement.ActorId).Select(a => a.Name).SingleAsync(cancellationToken);
            StatusMessage = $"« {name} » est ajouté à la cible, hors cible jusqu'à ce que vous le placiez.";
        }
        catch (DomainException)
        {
            await OnGetAsync(territoryId, cibleId, null, q, null, null, cancellationToken);
            throw;
        }

        return Redirect($"{PageUrl(territoryId, cibleId)}?q={Uri.EscapeDataString(q ?? "")}#etape-1");
    }

    /// <summary>Steps 2 and 3 by the form: every row changed is saved, each checked against its version.</summary>
    public async Task<IActionResult> OnPostPlacesAsync(Guid territoryId, Guid cibleId, CancellationToken cancellationToken)
    {
        var cible = await CibleBoard.FindAsync(db, territoryId, cibleId, tracked: false, cancellationToken);
        var ids = Placements.Select(p => p.ActorId).ToList();
        var stored = await db.CiblePlacements.Where(p => p.CibleId == cible.Id && ids.Contains(p.ActorId)).ToDictionaryAsync(p => p.ActorId, cancellationToken);
        var changed = 0;
        try
        {
            foreach (var form in Placements)
            {
                if (!stored.TryGetValue(form.ActorId, out var placement) || (placement.Current == form.Current && placement.Ideal == form.Ideal))
                {
                    continue;
                }

                await db.ExpectVersionAsync(placement, form.Version, cancellationToken);
                placement.Place(cible, form.Current, form.Ideal);
                changed++;
            }

            await db.SaveCheckedAsync(cancellationToken);
        }
        catch (DomainException)
        {
            db.ChangeTracker.Clear();
            ModelState.Clear();
            await OnGetAsync(territoryId, cibleId, null, null, null, null, cancellationToken);
            throw;
        }

        StatusMessage = changed switch
        {
            0 => "Aucun placement n'a changé.",
            1 => "1 placement enregistré.",
            _ => $"{changed} placements enregistrés.",
        };
        return Redirect($"{PageUrl(territoryId, cibleId)}#etapes-2-3");
    }

    /// <summary>The drag and drop: one ring of one actor, answered in JSON for the script.</summary>
    public async Task<IActionResult> OnPostMoveAsync(Guid territoryId, Guid cibleId, Guid actorId, string? which, string? ring, long? version,
        CancellationToken cancellationToken)
    {
        var cible = await CibleBoard.FindAsync(db, territoryId, cibleId, tracked: false, cancellationToken);
        var placement = await db.CiblePlacements.SingleOrDefaultAsync(p => p.CibleId == cible.Id && p.ActorId == actorId, cancellationToken);
        if (placement is null)
        {
            return NotFound();
        }

        int? target = null;
        if (!string.IsNullOrEmpty(ring))
        {
            if (!int.TryParse(ring, out var parsed))
            {
                return BadRequest(new { message = "Anneau illisible." });
            }

            target = parsed;
        }

        try
        {
            await db.ExpectVersionAsync(placement, version, cancellationToken);
            switch (which)
            {
                case "aujourdhui":
                    placement.Place(cible, target, placement.Ideal);
                    break;
                case "ideal":
                    placement.Place(cible, placement.Current, target);
                    break;
                default:
                    return BadRequest(new { message = "Choisissez aujourd'hui ou l'idéal." });
            }

            await db.SaveCheckedAsync(cancellationToken);
        }
        catch (ConcurrencyConflictException e)
        {
            return new ConflictObjectResult(new { message = e.Message });
        }
        catch (DomainException e)
        {
            return new UnprocessableEntityObjectResult(new { message = e.Message });
        }

        var name = await db.Actors.Where(a => a.Id == actorId).Select(a => a.Name).SingleAsync(cancellationToken);
        StatusMessage = $"« {name} » : {(which == "ideal" ? "idéal" : "aujourd'hui")} → {cible.RingLabel(target)}.";
        return new JsonResult(new { version = placement.Version, ring = target });
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid territoryId, Guid cibleId, Guid actorId, CancellationToken cancellationToken)
    {
        var cible = await CibleBoard.FindAsync(db, territoryId, cibleId, tracked: false, cancellationToken);
        var placement = await db.CiblePlacements.SingleOrDefaultAsync(p => p.CibleId == cible.Id && p.ActorId == actorId, cancellationToken)
            ?? throw new NotFoundException("Cet acteur n'est pas sur la cible.");
        db.CiblePlacements.Remove(placement);
        await db.SaveChangesAsync(cancellationToken);
        var name = await db.Actors.Where(a => a.Id == actorId).Select(a => a.Name).SingleAsync(cancellationToken);
        StatusMessage = $"« {name} » est retiré de la cible.";
        return Redirect($"{PageUrl(territoryId, cibleId)}#etapes-2-3");
    }

    public async Task<IActionResult> OnPostSnapshotAsync(Guid territoryId, Guid cibleId, string? note, CancellationToken cancellationToken)
    {
        var cible = await CibleBoard.FindAsync(db, territoryId, cibleId, tracked: false, cancellationToken);
        try
        {
            await CibleBoard.SnapshotAsync(db, cible, time.GetUtcNow().UtcDateTime, User.Identity?.Name, note, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException)
        {
            db.ChangeTracker.Clear();
            await OnGetAsync(territoryId, cibleId, null, null, null, null, cancellationToken);
            throw;
        }

        StatusMessage = "La cible est figée à cette date : retrouvez-la dans les instantanés.";
        return Redirect($"{PageUrl(territoryId, cibleId)}#instantanes");
    }

    public static string PageUrl(Guid territoryId, Guid cibleId) => $"/territoires/{territoryId}/cibles/{cibleId}";

    public static string FileName(string name, CibleView view)
    {
        var key = TextKey.Slug(name);
        return $"cible-{(key.Length == 0 ? "sans-nom" : key)}-{view.Code()}";
    }

    private async Task LoadAsync(Guid territoryId, Guid cibleId, string? vue, CancellationToken cancellationToken)
    {
        Cible = await CibleBoard.FindAsync(db, territoryId, cibleId, tracked: false, cancellationToken);
        ProjectName = Cible.ProjectId is { } projectId
            ? await db.Projects.AsNoTracking().Where(p => p.Id == projectId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        CanEdit = territory.Required.Can(TerritoryRole.Pilote);
        View = CibleViews.TryParse(vue, out var view) ? view : CibleView.Current;
        Rows = await CibleBoard.PlacementsAsync(db, Cible.Id, cancellationToken);
        var drawing = CibleBoard.Drawing(Cible, Rows);
        Gaps = CibleGaps.Compute(drawing);
        var title = $"Cible « {Cible.Name} »";
        if (View == CibleView.Overlay)
        {
            CurrentPicture = CibleSvg.Render(drawing, CibleView.Current, $"{title} — aujourd'hui", "cible-aujourdhui");
            IdealPicture = CibleSvg.Render(drawing, CibleView.Ideal, $"{title} — situation idéale", "cible-ideal");
        }

        Picture = CibleSvg.Render(drawing, View, $"{title} — {View.Label()}", "cible-" + View.Code());
        Placements = [.. Rows.Select(r => new PlacementForm { ActorId = r.ActorId, Current = r.Current, Ideal = r.Ideal, Version = r.Version })];
        Snapshots = await db.CibleSnapshots.AsNoTracking().Where(s => s.CibleId == Cible.Id).OrderByDescending(s => s.TakenAt).Take(50)
            .Select(s => new SnapshotRow(s.Id, s.TakenAt, s.TakenBy, s.Note))
            .ToListAsync(cancellationToken);
        History = await db.HistoryOfAsync(Cible, 20, cancellationToken);
    }

    private async Task<CandidateList> FindCandidatesAsync(Guid territoryId, Guid cibleId, string? q, string? famille, int? numero, CancellationToken cancellationToken)
    {
        var query = q?.Trim() ?? "";
        ActorFamily? family = ActorFamilies.TryParse(famille, out var parsed) ? parsed : null;
        var result = await new ActorDirectory(db, reference).SearchAsync(territoryId, new DirectoryQuery
        {
            Q = query,
            Family = family,
            Page = Math.Max(numero ?? 1, 1),
            PageSize = SearchPageSize,
        }, cancellationToken);
        var ids = result.Items.Select(r => r.Id).ToList();
        var placed = await db.CiblePlacements.Where(p => p.CibleId == cibleId && ids.Contains(p.ActorId)).Select(p => p.ActorId).ToListAsync(cancellationToken);
        return new CandidateList(query, family, [.. result.Items.Select(r => new Candidate(r.Id, r.Name, r.Acronym, r.Family, placed.Contains(r.Id)))],
            result.Total, result.Page, ActorFamilies.All, result.TotalIsExact);
    }
}
