using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Maillage.Territories.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Actors;

/// <summary>
/// Merges a duplicate into this actor: the pilote picks the duplicate, sees the actor as it will be once merged
/// (computed by the domain's own merge on copies), then confirms (<see cref="ActorMerge"/>).
/// </summary>
[TerritoryPage(TerritoryRole.Pilote, TerritoryRole.Pilote)]
public sealed class MergeModel(AppDbContext db, InseeReference reference, PerimeterResolver perimeters, TimeProvider time) : PageModel
{
    public const int SearchCount = 10;

    public sealed record Candidate(Guid Id, string Name, string? Acronym, ActorFamily Family, string? Reason);

    public sealed record Preview(Actor Absorbed, Actor Result, int Contacts, int Relations, PerimeterCoverage Coverage, string? CommuneName);

    public Actor Actor { get; private set; } = null!;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "absorbe")]
    public Guid? AbsorbedId { get; set; }

    public IReadOnlyList<Candidate> Duplicates { get; private set; } = [];
    public IReadOnlyList<Candidate> Found { get; private set; } = [];
    public Preview? Plan { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public async Task OnGetAsync(Guid territoryId, Guid actorId, CancellationToken cancellationToken)
    {
        Actor = await FindAsync(territoryId, actorId, cancellationToken)
                ?? throw new NotFoundException("Cet acteur n'existe pas dans ce territoire.");
        var duplicates = await Actors.Duplicates.FindAsync(db, territoryId, Actor.Name, Actor.Siren, Actor.Siret, Actor.Rna, actorId, cancellationToken);
        Duplicates = duplicates.Select(d => new Candidate(d.Id, d.Name, d.Acronym, d.Family, d.Reason)).ToList();
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var page = await new ActorDirectory(db, reference).SearchAsync(territoryId,
                new DirectoryQuery { Q = Search, PageSize = SearchCount + 1, CountTotal = false }, cancellationToken);
            Found = page.Items.Where(r => r.Id != actorId).Take(SearchCount)
                .Select(r => new Candidate(r.Id, r.Name, r.Acronym, r.Family, null)).ToList();
        }

        if (AbsorbedId is { } absorbedId && absorbedId != actorId && await FindAsync(territoryId, absorbedId, cancellationToken) is { } absorbed)
        {
            Plan = await PreviewAsync(territoryId, absorbed, cancellationToken);
        }
    }

    public async Task<IActionResult> OnPostAsync(Guid territoryId, Guid actorId, Guid? absorbe, long? version, CancellationToken cancellationToken)
    {
        if (absorbe is not { } absorbedId)
        {
            StatusMessage = "Choisissez l'acteur à fusionner dans celui-ci.";
            return Redirect($"/territoires/{territoryId}/acteurs/{actorId}/fusion");
        }

        var absorbedName = await db.Actors.AsNoTracking().Where(a => a.Id == absorbedId && a.TerritoryId == territoryId)
            .Select(a => a.Name).SingleOrDefaultAsync(cancellationToken);
        try
        {
            var result = await ActorMerge.MergeAsync(db, territoryId, actorId, absorbedId, version, User, time, cancellationToken);
            StatusMessage = $"« {absorbedName} » est fusionné dans « {result.Kept.Name} » : interlocuteurs repris : {result.ContactsMoved}, " +
                            $"relations reprises : {result.RelationsMoved}.";
            return Redirect($"/territoires/{territoryId}/acteurs/{actorId}");
        }
        catch (DomainException e) when (e is not ConcurrencyConflictException)
        {
            StatusMessage = null;
            ModelState.AddModelError(string.Empty, e.Message);
            AbsorbedId = absorbedId;
            db.ChangeTracker.Clear();
            await OnGetAsync(territoryId, actorId, cancellationToken);
            return Page();
        }
        catch (ConcurrencyConflictException)
        {
            AbsorbedId = absorbedId;
            db.ChangeTracker.Clear();
            await OnGetAsync(territoryId, actorId, cancellationToken);
            throw;
        }
    }

    private async Task<Preview> PreviewAsync(Guid territoryId, Actor absorbed, CancellationToken cancellationToken)
    {
        // The domain's merge applied to copies read without tracking: what the page shows is what the merge will do.
        var result = await FindAsync(territoryId, Actor.Id, cancellationToken) ?? Actor;
        var ids = result.CompetenceLinks.Concat(absorbed.CompetenceLinks).Select(l => l.CompetenceId).Distinct().ToList();
        var competences = await db.Competences.AsNoTracking().Where(c => c.TerritoryId == territoryId && ids.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        result.AbsorbFrom(absorbed,
            [.. absorbed.CompetenceLinks.Select(l => competences[l.CompetenceId])],
            [.. result.CompetenceLinks.Select(l => competences[l.CompetenceId])]);
        var contacts = await db.Contacts.CountAsync(c => c.TerritoryId == territoryId && c.ActorId == absorbed.Id, cancellationToken);
        var relations = await db.ActorRelations.CountAsync(
            r => r.TerritoryId == territoryId && (r.SourceActorId == absorbed.Id || r.TargetActorId == absorbed.Id), cancellationToken);
        var commune = result.CommuneCode is null ? null : reference.FindCommune(result.CommuneCode)?.Name;
        return new Preview(absorbed, result, contacts, relations, perimeters.Cover(result.Perimeter), commune);
    }

    private Task<Actor?> FindAsync(Guid territoryId, Guid actorId, CancellationToken cancellationToken) =>
        db.Actors.AsNoTracking().Include(a => a.CompetenceLinks)
            .SingleOrDefaultAsync(a => a.Id == actorId && a.TerritoryId == territoryId, cancellationToken);
}
