using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Actors;

/// <summary>
/// The territory's vocabulary: subtypes per family, relation types and competences, the defaults beside the
/// territory's own additions, which a pilote adds, renames (competences) and removes when nothing uses them.
/// </summary>
[TerritoryPage(TerritoryRole.Lecteur, TerritoryRole.Pilote)]
public sealed class VocabularyModel(AppDbContext db, CurrentTerritory current) : PageModel
{
    /// <param name="Id">The territory's own entry, null for a default.</param>
    public sealed record SubtypeLine(Guid? Id, string Code, string Label, int Uses, long Version);

    public sealed record RelationTypeLine(Guid? Id, string Code, string Label, string ReverseLabel, bool IsSymmetric, int Uses, long Version);

    public sealed record CompetenceLine(Guid Id, string Label, int Uses, long Version);

    public IReadOnlyDictionary<ActorFamily, IReadOnlyList<SubtypeLine>> Subtypes { get; private set; } = new Dictionary<ActorFamily, IReadOnlyList<SubtypeLine>>();
    public IReadOnlyList<RelationTypeLine> RelationTypes { get; private set; } = [];
    public IReadOnlyList<CompetenceLine> Competences { get; private set; } = [];
    public bool CanEdit => current.Required.Can(TerritoryRole.Pilote);

    [TempData]
    public string? StatusMessage { get; set; }

    public Task OnGetAsync(Guid territoryId, CancellationToken cancellationToken) => LoadAsync(territoryId, cancellationToken);

    public async Task<IActionResult> OnPostAddSubtypeAsync(Guid territoryId, string? family, string? label, CancellationToken cancellationToken)
    {
        await LoadAsync(territoryId, cancellationToken);
        if (!ActorFamilies.TryParse(family, out var parsed))
        {
            ModelState.AddModelError(string.Empty, "Famille : choisissez la famille du nouveau sous-type.");
            return Page();
        }

        var subtype = await Vocabulary.AddSubtypeAsync(db, territoryId, parsed, label ?? "", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = $"Sous-type ajouté à la famille « {parsed.Label()} » : « {subtype.Label} ».";
        return Redirect($"/territoires/{territoryId}/acteurs/vocabulaire#sous-types");
    }

    public async Task<IActionResult> OnPostRemoveSubtypeAsync(Guid territoryId, Guid id, long? version, CancellationToken cancellationToken)
    {
        await LoadAsync(territoryId, cancellationToken);
        var subtype = await db.ActorSubtypes.SingleOrDefaultAsync(s => s.Id == id && s.TerritoryId == territoryId, cancellationToken);
        if (subtype is null)
        {
            return Gone(territoryId, "Ce sous-type n'existe plus : quelqu'un l'a peut-être déjà supprimé.", "sous-types");
        }

        await db.ExpectVersionAsync(subtype, version, cancellationToken);
        await Vocabulary.RemoveSubtypeAsync(db, subtype, cancellationToken);
        await db.SaveCheckedAsync(cancellationToken);
        StatusMessage = $"Le sous-type « {subtype.Label} » est supprimé.";
        return Redirect($"/territoires/{territoryId}/acteurs/vocabulaire#sous-types");
    }

    public async Task<IActionResult> OnPostAddRelationTypeAsync(Guid territoryId, string? label, string? reverseLabel, bool symmetric,
        CancellationToken cancellationToken)
    {
        await LoadAsync(territoryId, cancellationToken);
        var type = await Vocabulary.AddRelationTypeAsync(db, territoryId, label ?? "", reverseLabel, symmetric, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = $"Type de relation ajouté : « {type.Label} » / « {type.ReverseLabel} ».";
        return Redirect($"/territoires/{territoryId}/acteurs/vocabulaire#types-relation");
    }

    public async Task<IActionResult> OnPostRemoveRelationTypeAsync(Guid territoryId, Guid id, long? version, CancellationToken cancellationToken)
    {
        await LoadAsync(territoryId, cancellationToken);
        var type = await db.RelationTypes.SingleOrDefaultAsync(t => t.Id == id && t.TerritoryId == territoryId, cancellationToken);
        if (type is null)
        {
            return Gone(territoryId, "Ce type de relation n'existe plus : quelqu'un l'a peut-être déjà supprimé.", "types-relation");
        }

        await db.ExpectVersionAsync(type, version, cancellationToken);
        await Vocabulary.RemoveRelationTypeAsync(db, type, cancellationToken);
        await db.SaveCheckedAsync(cancellationToken);
        StatusMessage = $"Le type de relation « {type.Label} » est supprimé.";
        return Redirect($"/territoires/{territoryId}/acteurs/vocabulaire#types-relation");
    }

    public async Task<IActionResult> OnPostRenameCompetenceAsync(Guid territoryId, Guid id, string? label, long? version, CancellationToken cancellationToken)
    {
        await LoadAsync(territoryId, cancellationToken);
        var competence = await db.Competences.SingleOrDefaultAsync(c => c.Id == id && c.TerritoryId == territoryId, cancellationToken);
        if (competence is null)
        {
            return Gone(territoryId, "Cette compétence n'existe plus : quelqu'un l'a peut-être déjà supprimée.", "competences");
        }

        var before = competence.Label;
        await db.ExpectVersionAsync(competence, version, cancellationToken);
        await Vocabulary.RenameCompetenceAsync(db, competence, label ?? "", cancellationToken);
        await db.SaveCheckedAsync(cancellationToken);
        StatusMessage = $"La compétence « {before} » s'appelle maintenant « {competence.Label} ».";
        return Redirect($"/territoires/{territoryId}/acteurs/vocabulaire#competences");
    }

    public async Task<IActionResult> OnPostRemoveCompetenceAsync(Guid territoryId, Guid id, long? version, CancellationToken cancellationToken)
    {
        await LoadAsync(territoryId, cancellationToken);
        var competence = await db.Competences.SingleOrDefaultAsync(c => c.Id == id && c.TerritoryId == territoryId, cancellationToken);
        if (competence is null)
        {
            return Gone(territoryId, "Cette compétence n'existe plus : quelqu'un l'a peut-être déjà supprimée.", "competences");
        }

        await db.ExpectVersionAsync(competence, version, cancellationToken);
        await Vocabulary.RemoveCompetenceAsync(db, competence, cancellationToken);
        await db.SaveCheckedAsync(cancellationToken);
        StatusMessage = $"La compétence « {competence.Label} » est supprimée.";
        return Redirect($"/territoires/{territoryId}/acteurs/vocabulaire#competences");
    }

    private RedirectResult Gone(Guid territoryId, string message, string anchor)
    {
        StatusMessage = message;
        return Redirect($"/territoires/{territoryId}/acteurs/vocabulaire#{anchor}");
    }

    // Loaded before any change, so that a refused change is shown again with the whole page.
    private async Task LoadAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        var french = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), ignoreCase: true);

        var subtypes = await db.ActorSubtypes.AsNoTracking().Where(s => s.TerritoryId == territoryId).ToListAsync(cancellationToken);
        var subtypeCodes = subtypes.Select(s => s.Code).ToList();
        var subtypeUses = await db.Actors.AsNoTracking()
            .Where(a => a.TerritoryId == territoryId && a.Subtype != null && subtypeCodes.Contains(a.Subtype))
            .GroupBy(a => a.Subtype!).Select(g => new { Code = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Code, g => g.Count, cancellationToken);
        Subtypes = ActorFamilies.All.ToDictionary(f => f, f => (IReadOnlyList<SubtypeLine>)
        [
            .. SubtypeCatalog.Defaults.Where(d => d.Family == f).Select(d => new SubtypeLine(null, d.Code, d.Label, 0, 0)),
            .. subtypes.Where(s => s.Family == f).OrderBy(s => s.Label, french)
                .Select(s => new SubtypeLine(s.Id, s.Code, s.Label, subtypeUses.GetValueOrDefault(s.Code), s.Version)),
        ]);

        var types = await db.RelationTypes.AsNoTracking().Where(t => t.TerritoryId == territoryId).ToListAsync(cancellationToken);
        var typeCodes = types.Select(t => t.Code).ToList();
        var typeUses = await db.ActorRelations.AsNoTracking()
            .Where(r => r.TerritoryId == territoryId && typeCodes.Contains(r.Type))
            .GroupBy(r => r.Type).Select(g => new { Code = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Code, g => g.Count, cancellationToken);
        RelationTypes =
        [
            .. RelationTypeCatalog.Defaults.Select(d => new RelationTypeLine(null, d.Code, d.Label, d.ReverseLabel, d.IsSymmetric, 0, 0)),
            .. types.OrderBy(t => t.Label, french)
                .Select(t => new RelationTypeLine(t.Id, t.Code, t.Label, t.ReverseLabel, t.IsSymmetric, typeUses.GetValueOrDefault(t.Code), t.Version)),
        ];

        var competenceUses = await db.ActorCompetences.AsNoTracking()
            .Join(db.Competences.Where(c => c.TerritoryId == territoryId), l => l.CompetenceId, c => c.Id, (l, c) => l.CompetenceId)
            .GroupBy(id => id).Select(g => new { Id = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Id, g => g.Count, cancellationToken);
        Competences = (await db.Competences.AsNoTracking().Where(c => c.TerritoryId == territoryId).OrderBy(c => c.Key)
                .Select(c => new { c.Id, c.Label, c.Version }).ToListAsync(cancellationToken))
            .Select(c => new CompetenceLine(c.Id, c.Label, competenceUses.GetValueOrDefault(c.Id), c.Version))
            .ToList();
    }
}
