using System.ComponentModel.DataAnnotations;
using Maillage.Actors;
using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Cibles;

/// <summary>
/// The cible's JSON API under <c>/api/v1/territories/{territoryId}/cibles</c>. Rings are numbers, 1 = centre,
/// null = hors cible; gaps come sorted largest first; the SVG is the picture the pages show.
/// </summary>
public static class CibleApi
{
    public static RouteGroupBuilder MapCibleApi(this RouteGroupBuilder api)
    {
        var cibles = api.MapGroup("/territories/{territoryId:guid}/cibles").AddEndpointFilter<TerritoryEndpointFilter>().WithTags("Cible");
        cibles.MapGet("/", ListAsync).WithSummary("Les cibles du territoire (page, pageSize ≤ 100 ; projectId : celles d'un projet).");
        cibles.MapPost("/", CreateAsync).AddEndpointFilter<ValidationFilter<CibleInput>>().RequireTerritoryRole(TerritoryRole.Pilote)
            .WithSummary("Crée une cible : name, centre (facultatif), rings (3 à 5 noms, facultatifs : noms par défaut) ou ringCount, " +
                         "projectId (facultatif : la cible d'un projet du territoire, sinon celle de l'organisation ; 404 si le projet n'est pas du territoire).");
        cibles.MapGet("/{cibleId:guid}", GetAsync)
            .WithSummary("Une cible : ses anneaux (1 = centre), ses placements (current, ideal ; null = hors cible) et ses écarts, les plus grands d'abord.");
        cibles.MapPut("/{cibleId:guid}", UpdateAsync).AddEndpointFilter<ValidationFilter<CibleInput>>().RequireTerritoryRole(TerritoryRole.Pilote)
            .WithSummary("Renomme la cible ou ses anneaux (version obligatoire, 409 si elle a changé).");
        cibles.MapDelete("/{cibleId:guid}", DeleteAsync).RequireTerritoryRole(TerritoryRole.Pilote)
            .WithSummary("Supprime la cible, ses placements et ses instantanés.");
        cibles.MapGet("/{cibleId:guid}/svg", SvgAsync)
            .WithSummary("Le dessin de la cible en SVG : view = aujourdhui (défaut), ideal ou ecart (les deux, avec une flèche par écart).");
        cibles.MapPut("/{cibleId:guid}/placements/{actorId:guid}", PlaceAsync).AddEndpointFilter<ValidationFilter<PlacementInput>>()
            .RequireTerritoryRole(TerritoryRole.Pilote)
            .WithSummary("Place un acteur : current (aujourd'hui) et ideal, numéros d'anneau (1 = centre) ou null (hors cible). Ajoute l'acteur s'il n'est pas encore sur la cible ; version du placement pour le modifier.");
        cibles.MapDelete("/{cibleId:guid}/placements/{actorId:guid}", RemoveAsync).RequireTerritoryRole(TerritoryRole.Pilote)
            .WithSummary("Retire un acteur de la cible.");
        cibles.MapGet("/{cibleId:guid}/snapshots", SnapshotsAsync).WithSummary("Les instantanés datés de la cible, les plus récents d'abord.");
        cibles.MapPost("/{cibleId:guid}/snapshots", TakeSnapshotAsync).AddEndpointFilter<ValidationFilter<SnapshotInput>>()
            .RequireTerritoryRole(TerritoryRole.Pilote).WithSummary("Fige la cible telle qu'elle est (note facultative).");
        return api;
    }

    private static async Task<IResult> ListAsync(Guid territoryId, int? page, int? pageSize, Guid? projectId, AppDbContext db, CancellationToken cancellationToken)
    {
        if (page < 1 || pageSize is < 1 or > 100)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["page"] = ["page commence à 1 ; pageSize va de 1 à 100."] });
        }

        var size = pageSize ?? 50;
        var query = db.Cibles.AsNoTracking().Where(c => c.TerritoryId == territoryId);
        if (projectId is not null)
        {
            query = query.Where(c => c.ProjectId == projectId);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(c => c.Name).ThenBy(c => c.Id).Skip(((page ?? 1) - 1) * size).Take(size)
            .Select(c => new CibleListItem(c.Id, c.Name, c.ProjectId, c.RingCount, db.CiblePlacements.Count(p => p.CibleId == c.Id), c.UpdatedAt, c.Version))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new ListResult<CibleListItem>(items, total));
    }

    private static async Task<IResult> CreateAsync(Guid territoryId, CibleInput input, AppDbContext db, CancellationToken cancellationToken)
    {
        await CibleBoard.EnsureProjectAsync(db, territoryId, input.ProjectId, cancellationToken);
        var cible = new Cible(territoryId, input.Name!, input.Centre, input.Rings, input.RingCount, input.ProjectId);
        db.Cibles.Add(cible);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/territories/{territoryId}/cibles/{cible.Id}", await DtoAsync(db, cible, cancellationToken));
    }

    private static async Task<IResult> GetAsync(Guid territoryId, Guid cibleId, AppDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await DtoAsync(db, await CibleBoard.FindAsync(db, territoryId, cibleId, tracked: false, cancellationToken), cancellationToken));

    private static async Task<IResult> UpdateAsync(Guid territoryId, Guid cibleId, CibleInput input, AppDbContext db, CancellationToken cancellationToken)
    {
        var cible = await CibleBoard.FindAsync(db, territoryId, cibleId, tracked: true, cancellationToken);
        if (input.Version is null)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["version"] = ["La version lue avant la modification (version) est obligatoire."] });
        }

        await db.ExpectVersionAsync(cible, input.Version, cancellationToken);
        cible.Rename(input.Name!, input.Centre);
        if (input.Rings is not null || input.RingCount is not null)
        {
            var count = input.RingCount ?? input.Rings!.Count;
            await CibleBoard.EnsureRingsFitAsync(db, cible, count, cancellationToken);
            cible.SetRings(input.Rings, input.RingCount);
        }

        await db.SaveCheckedAsync(cancellationToken);
        return TypedResults.Ok(await DtoAsync(db, cible, cancellationToken));
    }

    private static async Task<IResult> DeleteAsync(Guid territoryId, Guid cibleId, long? version, AppDbContext db, CancellationToken cancellationToken)
    {
        var cible = await CibleBoard.FindAsync(db, territoryId, cibleId, tracked: true, cancellationToken);
        await db.ExpectVersionAsync(cible, version, cancellationToken);
        db.CiblePlacements.RemoveRange(await db.CiblePlacements.Where(p => p.CibleId == cible.Id).ToListAsync(cancellationToken));
        db.Cibles.Remove(cible);
        await db.SaveCheckedAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> SvgAsync(Guid territoryId, Guid cibleId, string? view, AppDbContext db, CancellationToken cancellationToken)
    {
        if (!CibleViews.TryParse(view, out var parsed))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["view"] = [$"Vue inconnue « {view} » : aujourdhui, ideal ou ecart."] });
        }

        var cible = await CibleBoard.FindAsync(db, territoryId, cibleId, tracked: false, cancellationToken);
        var drawing = CibleBoard.Drawing(cible, await CibleBoard.PlacementsAsync(db, cible.Id, cancellationToken));
        return TypedResults.Text(CibleSvg.Render(drawing, parsed, $"Cible « {cible.Name} » — {parsed.Label()}"), "image/svg+xml; charset=utf-8");
    }

    private static async Task<IResult> PlaceAsync(Guid territoryId, Guid cibleId, Guid actorId, PlacementInput input, AppDbContext db, CancellationToken cancellationToken)
    {
        var cible = await CibleBoard.FindAsync(db, territoryId, cibleId, tracked: false, cancellationToken);
        var placement = await db.CiblePlacements.SingleOrDefaultAsync(p => p.CibleId == cible.Id && p.ActorId == actorId, cancellationToken);
        var created = placement is null;
        if (placement is null)
        {
            placement = await CibleBoard.AddAsync(db, cible, actorId, cancellationToken);
        }
        else
        {
            await db.ExpectVersionAsync(placement, input.Version, cancellationToken);
        }

        placement.Place(cible, input.Current, input.Ideal);
        await db.SaveCheckedAsync(cancellationToken);
        var row = (await CibleBoard.PlacementsAsync(db, cible.Id, cancellationToken)).Single(r => r.ActorId == actorId);
        var dto = PlacementDto.Of(row, cible);
        return created ? TypedResults.Created($"/api/v1/territories/{territoryId}/cibles/{cible.Id}/placements/{actorId}", dto) : TypedResults.Ok(dto);
    }

    private static async Task<IResult> RemoveAsync(Guid territoryId, Guid cibleId, Guid actorId, long? version, AppDbContext db, CancellationToken cancellationToken)
    {
        var cible = await CibleBoard.FindAsync(db, territoryId, cibleId, tracked: false, cancellationToken);
        var placement = await db.CiblePlacements.SingleOrDefaultAsync(p => p.CibleId == cible.Id && p.ActorId == actorId, cancellationToken)
            ?? throw new NotFoundException("Cet acteur n'est pas sur la cible.");
        await db.ExpectVersionAsync(placement, version, cancellationToken);
        db.CiblePlacements.Remove(placement);
        await db.SaveCheckedAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> SnapshotsAsync(Guid territoryId, Guid cibleId, AppDbContext db, CancellationToken cancellationToken)
    {
        var cible = await CibleBoard.FindAsync(db, territoryId, cibleId, tracked: false, cancellationToken);
        var snapshots = await db.CibleSnapshots.AsNoTracking().Where(s => s.CibleId == cible.Id).OrderByDescending(s => s.TakenAt).Take(200)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(snapshots.Select(SnapshotDto.Of).ToList());
    }

    private static async Task<IResult> TakeSnapshotAsync(Guid territoryId, Guid cibleId, SnapshotInput input, HttpContext http, AppDbContext db,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var cible = await CibleBoard.FindAsync(db, territoryId, cibleId, tracked: false, cancellationToken);
        var snapshot = await CibleBoard.SnapshotAsync(db, cible, time.GetUtcNow().UtcDateTime, http.User.Identity?.Name, input.Note, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/territories/{territoryId}/cibles/{cible.Id}/snapshots", SnapshotDto.Of(snapshot));
    }

    private static async Task<CibleDto> DtoAsync(AppDbContext db, Cible cible, CancellationToken cancellationToken)
    {
        var rows = await CibleBoard.PlacementsAsync(db, cible.Id, cancellationToken);
        var gaps = CibleGaps.Compute(CibleBoard.Drawing(cible, rows));
        return new CibleDto(cible.Id, cible.Name, cible.Centre, cible.ProjectId, cible.Version,
            [.. cible.Rings.Select((name, i) => new RingDto(i + 1, name))],
            [.. rows.Select(r => PlacementDto.Of(r, cible))],
            [.. gaps.Select(g => new GapDto(g.Item.ActorId, g.Item.Name, g.Item.Family.Code(), g.Item.Current, g.Item.Ideal, g.Rings,
                g.Direction == GapDirection.Gain ? "gain" : "perte", g.Action))]);
    }

    public sealed class CibleInput : IValidatableObject
    {
        [Required(ErrorMessage = "Le nom de la cible (name) est obligatoire.")]
        [StringLength(Cible.NameMaxLength, ErrorMessage = "Le nom de la cible (name) ne doit pas dépasser {1} caractères.")]
        public string? Name { get; set; }

        [StringLength(Cible.CentreMaxLength, ErrorMessage = "Le centre (centre) ne doit pas dépasser {1} caractères.")]
        public string? Centre { get; set; }

        /// <summary>Ring names from the centre outwards; an empty one takes its default name.</summary>
        public List<string?>? Rings { get; set; }

        [Range(Cible.MinRings, Cible.MaxRings, ErrorMessage = "Le nombre d'anneaux (ringCount) va de 3 à 5.")]
        public int? RingCount { get; set; }

        /// <summary>The version read before the change (required to modify).</summary>
        public long? Version { get; set; }

        /// <summary>The project whose cible this is (on creation); absent: the organisation's.</summary>
        public Guid? ProjectId { get; set; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (Rings is { Count: < Cible.MinRings or > Cible.MaxRings } && RingCount is null)
            {
                yield return new ValidationResult("Les anneaux (rings) sont de 3 à 5.", [nameof(Rings)]);
            }

            if (Rings is not null && RingCount is not null && Rings.Count > RingCount)
            {
                yield return new ValidationResult("Plus de noms d'anneaux (rings) que d'anneaux (ringCount).", [nameof(Rings)]);
            }
        }
    }

    public sealed class PlacementInput
    {
        /// <summary>Where the actor stands today: 1 = centre, null = hors cible.</summary>
        public int? Current { get; set; }

        /// <summary>Where the actor should stand: 1 = centre, null = hors cible.</summary>
        public int? Ideal { get; set; }

        /// <summary>The placement's version read before the change (a stale one answers 409).</summary>
        public long? Version { get; set; }
    }

    public sealed class SnapshotInput
    {
        [StringLength(CibleSnapshot.NoteMaxLength, ErrorMessage = "La note (note) ne doit pas dépasser {1} caractères.")]
        public string? Note { get; set; }
    }

    public sealed record CibleListItem(Guid Id, string Name, Guid? ProjectId, int RingCount, int Actors, DateTime UpdatedAt, long Version);

    public sealed record RingDto(int Number, string Name);

    public sealed record PlacementDto(Guid ActorId, string Name, string Family, int? Current, int? Ideal, string CurrentLabel, string IdealLabel, long Version)
    {
        public static PlacementDto Of(PlacementRow row, Cible cible) =>
            new(row.ActorId, row.Name, row.Family.Code(), row.Current, row.Ideal, cible.RingLabel(row.Current), cible.RingLabel(row.Ideal), row.Version);
    }

    public sealed record GapDto(Guid ActorId, string Name, string Family, int? Current, int? Ideal, int Rings, string Direction, string Action);

    public sealed record CibleDto(Guid Id, string Name, string? Centre, Guid? ProjectId, long Version, IReadOnlyList<RingDto> Rings,
        IReadOnlyList<PlacementDto> Placements, IReadOnlyList<GapDto> Gaps);

    public sealed record SnapshotDto(Guid Id, DateTime TakenAt, string? TakenBy, string? Note, CibleSnapshot.SnapshotContent Content)
    {
        public static SnapshotDto Of(CibleSnapshot snapshot) => new(snapshot.Id, snapshot.TakenAt, snapshot.TakenBy, snapshot.Note, snapshot.Read());
    }
}
