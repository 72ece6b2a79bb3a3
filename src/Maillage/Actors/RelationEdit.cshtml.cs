using System.ComponentModel.DataAnnotations;
using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Actors;

/// <summary>The fields of a relation that change: its two actors do not (delete it and create another).</summary>
public sealed class RelationEditForm
{
    [Required(ErrorMessage = "Type de relation : choisissez comment les deux acteurs sont liés.")]
    public string? Type { get; set; }

    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }

    [Range(ActorRelation.MinStrength, ActorRelation.MaxStrength, ErrorMessage = "Intensité : une valeur de 1 (lien faible) à 5 (lien fort).")]
    public int? Strength { get; set; }

    public string? Notes { get; set; }

    public long? Version { get; set; }

    public static RelationEditForm Of(ActorRelation relation) => new()
    {
        Type = relation.Type,
        StartDate = relation.StartDate,
        EndDate = relation.EndDate,
        Strength = relation.Strength,
        Notes = relation.Notes,
        Version = relation.Version,
    };
}

/// <summary>Edits a relation's type, dates, strength and notes, refusing a stale form.</summary>
[TerritoryPage(TerritoryRole.Pilote, TerritoryRole.Pilote)]
public sealed class RelationEditModel(AppDbContext db) : PageModel
{
    [BindProperty]
    public RelationEditForm Input { get; set; } = new();

    /// <summary>The actor whose page the edit was opened from, where it returns.</summary>
    [BindProperty(SupportsGet = true, Name = "acteur")]
    public Guid? FromActorId { get; set; }

    public Guid SourceId { get; private set; }
    public string SourceName { get; private set; } = "";
    public Guid TargetId { get; private set; }
    public string TargetName { get; private set; } = "";
    public IReadOnlyList<RelationTypeOption> RelationTypes { get; private set; } = [];
    public Guid BackActorId => FromActorId == TargetId ? TargetId : SourceId;

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid territoryId, Guid relationId, CancellationToken cancellationToken)
    {
        var relation = await FindAsync(territoryId, relationId, tracked: false, cancellationToken);
        await DescribeAsync(relation, cancellationToken);
        Input = RelationEditForm.Of(relation);
    }

    public async Task<IActionResult> OnPostAsync(Guid territoryId, Guid relationId, CancellationToken cancellationToken)
    {
        var relation = await FindAsync(territoryId, relationId, tracked: true, cancellationToken);
        var catalog = await DescribeAsync(relation, cancellationToken);
        if (Input.Version is null)
        {
            ModelState.AddModelError(string.Empty, "La version de la relation lue avant la modification manque : rechargez la page puis recommencez.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            await db.ExpectVersionAsync(relation, Input.Version, cancellationToken);
            FieldErrors.Try(ModelState, () => relation.Update(Input.Type!, catalog, Input.StartDate, Input.EndDate, Input.Strength, Input.Notes));
            if (!ModelState.IsValid)
            {
                return Page();
            }

            await ActorRelation.EnsureNotRepeatedAsync(db, relation, catalog, cancellationToken);
            await db.SaveCheckedAsync(cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            ModelState.Clear();
            db.ChangeTracker.Clear();
            Input = RelationEditForm.Of(await FindAsync(territoryId, relationId, tracked: false, cancellationToken));
            throw;
        }

        StatusMessage = $"Relation enregistrée : « {SourceName} » {catalog.Find(relation.Type)!.Label} « {TargetName} ».";
        return Redirect($"/territoires/{territoryId}/acteurs/{BackActorId}#relations");
    }

    private async Task<RelationTypeCatalog> DescribeAsync(ActorRelation relation, CancellationToken cancellationToken)
    {
        var names = await db.Actors.AsNoTracking()
            .Where(a => a.Id == relation.SourceActorId || a.Id == relation.TargetActorId)
            .ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        (SourceId, SourceName) = (relation.SourceActorId, names[relation.SourceActorId]);
        (TargetId, TargetName) = (relation.TargetActorId, names[relation.TargetActorId]);
        var catalog = await RelationTypeCatalog.LoadAsync(db, relation.TerritoryId, cancellationToken);
        RelationTypes = catalog.Options;
        return catalog;
    }

    private async Task<ActorRelation> FindAsync(Guid territoryId, Guid relationId, bool tracked, CancellationToken cancellationToken) =>
        await (tracked ? db.ActorRelations : db.ActorRelations.AsNoTracking())
            .SingleOrDefaultAsync(r => r.Id == relationId && r.TerritoryId == territoryId, cancellationToken)
        ?? throw new NotFoundException("Cette relation n'existe pas dans ce territoire.");
}
