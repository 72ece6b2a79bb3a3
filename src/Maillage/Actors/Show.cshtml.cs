using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Maillage.Territories.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Actors;

/// <summary>An actor's page: identity, contacts, relations read from this actor's side, and history.</summary>
[TerritoryPage(TerritoryRole.Lecteur, TerritoryRole.Pilote)]
public sealed class ShowModel(AppDbContext db, InseeReference reference, PerimeterResolver perimeters, CurrentTerritory current) : PageModel
{
    public const int HistoryLength = 20;
    public const int CandidateCount = 10;

    /// <summary>A relation as this actor reads it: "membre de X" from its source, "a pour membre Y" from its target.</summary>
    public sealed record RelationLine(Guid Id, string Reading, Guid OtherId, string OtherName, ActorFamily OtherFamily,
        DateOnly? StartDate, DateOnly? EndDate, int? Strength, string? Notes, long Version);

    public sealed record CandidateList(string Query, IReadOnlyList<DirectoryRow> Rows);

    public Actor Actor { get; private set; } = null!;
    public string? SubtypeLabel { get; private set; }
    public Commune? Commune { get; private set; }
    public IReadOnlyList<AreaRef> Perimeter { get; private set; } = [];
    public PerimeterCoverage Coverage { get; private set; } = new(0, 0);
    public IReadOnlyList<Contact> Contacts { get; private set; } = [];
    public IReadOnlyList<RelationLine> Relations { get; private set; } = [];
    public IReadOnlyList<RelationTypeOption> RelationTypes { get; private set; } = [];
    public IReadOnlyList<AuditEntry> History { get; private set; } = [];
    public CandidateList Candidates { get; private set; } = new("", []);

    /// <summary>The projects the actor takes part in, with its role in each.</summary>
    public IReadOnlyList<Maillage.Projects.ActorProjectLine> ProjectLines { get; private set; } = [];

    public Maillage.Projects.ParticipationRoleCatalog ProjectRoles { get; private set; } = Maillage.Projects.ParticipationRoleCatalog.DefaultsOnly;
    public bool CanEdit => current.Required.Can(TerritoryRole.Pilote);

    /// <summary>The Pilote, or a Partenaire on its own organisation's page: edits the identity and the contacts.</summary>
    public bool CanEditOwn => current.Required.CanEditActor(Actor.Id);

    /// <summary>A member of the territory as the "members of this organisation" card shows it.</summary>
    public sealed record MemberLine(Guid Id, string Label, TerritoryRole Role);

    /// <summary>The members attached to this organisation.</summary>
    public IReadOnlyList<MemberLine> AttachedMembers { get; private set; } = [];

    /// <summary>The Partenaire members attached to no organisation, offered to the Pilote.</summary>
    public IReadOnlyList<MemberLine> AttachableMembers { get; private set; } = [];

    /// <summary>The relation form, bound by <see cref="OnPostAddRelationAsync"/> only.</summary>
    public RelationForm Relation { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public Task OnGetAsync(Guid territoryId, Guid actorId, string? cible, CancellationToken cancellationToken) =>
        LoadAsync(territoryId, actorId, cible, cancellationToken);

    /// <summary>The htmx side of the relation form: actors of the directory matching the name typed.</summary>
    public async Task<IActionResult> OnGetTargetsAsync(Guid territoryId, Guid actorId, string? cible, CancellationToken cancellationToken)
    {
        await EnsureExistsAsync(territoryId, actorId, cancellationToken);
        return Partial("_RelationCandidates", await FindCandidatesAsync(territoryId, actorId, cible, cancellationToken));
    }

    public async Task<IActionResult> OnPostAddRelationAsync(Guid territoryId, Guid actorId, [Bind(Prefix = nameof(Relation))] RelationForm relation,
        CancellationToken cancellationToken)
    {
        Relation = relation;
        await LoadAsync(territoryId, actorId, null, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var target = await db.Actors.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == relation.TargetActorId && a.TerritoryId == territoryId, cancellationToken);
        if (target is null)
        {
            ModelState.AddModelError("Relation.TargetActorId", "Acteur lié : cet acteur n'existe pas dans ce territoire.");
            return Page();
        }

        var catalog = await RelationTypeCatalog.LoadAsync(db, territoryId, cancellationToken);
        ActorRelation? created = null;
        FieldErrors.Try(ModelState, () => created = new ActorRelation(Actor, target, relation.Type!, catalog, relation.StartDate, relation.EndDate,
            relation.Strength, relation.Notes), nameof(Relation));
        if (created is null)
        {
            return Page();
        }

        // A repetition is refused by the rule the API and the edit page use; the page filter shows its message.
        await ActorRelation.EnsureNotRepeatedAsync(db, created, catalog, cancellationToken);
        db.ActorRelations.Add(created);
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = $"Relation enregistrée : « {Actor.Name} » {catalog.Find(created.Type)!.Label} « {target.Name} ».";
        return Redirect($"/territoires/{territoryId}/acteurs/{actorId}#relations");
    }

    /// <summary>Attaches a Partenaire member to this organisation: it may then edit the actor and its contacts.</summary>
    public async Task<IActionResult> OnPostAttachMemberAsync(Guid territoryId, Guid actorId, Guid memberId, CancellationToken cancellationToken)
    {
        await EnsureExistsAsync(territoryId, actorId, cancellationToken);
        var member = await db.TerritoryMembers.Include(m => m.User)
                         .SingleOrDefaultAsync(m => m.Id == memberId && m.TerritoryId == territoryId, cancellationToken)
                     ?? throw new DomainException("Membre : cette personne n'est pas membre du territoire.");
        member.AttachTo(actorId);
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = $"{member.User?.Label} est rattaché(e) à cette organisation : en tant que partenaire, cette personne peut désormais mettre à jour sa fiche et ses interlocuteurs.";
        return Redirect($"/territoires/{territoryId}/acteurs/{actorId}#membres");
    }

    public async Task<IActionResult> OnPostDetachMemberAsync(Guid territoryId, Guid actorId, Guid memberId, CancellationToken cancellationToken)
    {
        await EnsureExistsAsync(territoryId, actorId, cancellationToken);
        var member = await db.TerritoryMembers.Include(m => m.User)
                         .SingleOrDefaultAsync(m => m.Id == memberId && m.TerritoryId == territoryId && m.OrganisationId == actorId, cancellationToken)
                     ?? throw new DomainException("Membre : cette personne n'est pas rattachée à cette organisation.");
        member.AttachTo(null);
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = $"{member.User?.Label} n'est plus rattaché(e) à cette organisation.";
        return Redirect($"/territoires/{territoryId}/acteurs/{actorId}#membres");
    }

    public async Task<IActionResult> OnPostDeleteRelationAsync(Guid territoryId, Guid actorId, Guid relationId, long? version,
        CancellationToken cancellationToken)
    {
        await EnsureExistsAsync(territoryId, actorId, cancellationToken);
        var relation = await db.ActorRelations.SingleOrDefaultAsync(
            r => r.Id == relationId && r.TerritoryId == territoryId && (r.SourceActorId == actorId || r.TargetActorId == actorId), cancellationToken);
        if (relation is null)
        {
            StatusMessage = "Cette relation n'existe plus : quelqu'un l'a peut-être déjà supprimée.";
            return Redirect($"/territoires/{territoryId}/acteurs/{actorId}#relations");
        }

        await LoadAsync(territoryId, actorId, null, cancellationToken);
        await db.ExpectVersionAsync(relation, version, cancellationToken);
        db.ActorRelations.Remove(relation);
        await db.SaveCheckedAsync(cancellationToken);
        StatusMessage = "La relation est supprimée.";
        return Redirect($"/territoires/{territoryId}/acteurs/{actorId}#relations");
    }

    public async Task<IActionResult> OnPostDeleteContactAsync(Guid territoryId, Guid actorId, Guid contactId, CancellationToken cancellationToken)
    {
        await EnsureExistsAsync(territoryId, actorId, cancellationToken);
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == contactId && c.TerritoryId == territoryId && c.ActorId == actorId, cancellationToken);
        if (contact is null)
        {
            StatusMessage = "Cet interlocuteur n'existe plus : quelqu'un l'a peut-être déjà supprimé.";
            return Redirect($"/territoires/{territoryId}/acteurs/{actorId}#interlocuteurs");
        }

        db.Contacts.Remove(contact);
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = $"L'interlocuteur « {contact.DisplayName} » est supprimé.";
        return Redirect($"/territoires/{territoryId}/acteurs/{actorId}#interlocuteurs");
    }

    public string FormatDate(DateOnly? date) => date?.ToString("d", System.Globalization.CultureInfo.CurrentCulture) ?? "";

    private async Task EnsureExistsAsync(Guid territoryId, Guid actorId, CancellationToken cancellationToken)
    {
        if (!await db.Actors.AnyAsync(a => a.Id == actorId && a.TerritoryId == territoryId, cancellationToken))
        {
            throw new NotFoundException("Cet acteur n'existe pas dans ce territoire.");
        }
    }

    private async Task<CandidateList> FindCandidatesAsync(Guid territoryId, Guid actorId, string? query, CancellationToken cancellationToken)
    {
        var text = (query ?? "").Trim();
        if (text.Length == 0)
        {
            return new CandidateList("", []);
        }

        var page = await new ActorDirectory(db, reference).SearchAsync(territoryId,
            new DirectoryQuery { Q = text, PageSize = CandidateCount + 1, CountTotal = false }, cancellationToken);
        return new CandidateList(text, page.Items.Where(r => r.Id != actorId).Take(CandidateCount).ToList());
    }

    // Loaded before any change, so that a form refused by a rule is shown again with the whole page.
    private async Task LoadAsync(Guid territoryId, Guid actorId, string? candidateQuery, CancellationToken cancellationToken)
    {
        Actor = await db.Actors.AsNoTracking().SingleOrDefaultAsync(a => a.Id == actorId && a.TerritoryId == territoryId, cancellationToken)
                ?? throw new NotFoundException("Cet acteur n'existe pas dans ce territoire.");
        var subtypes = await SubtypeCatalog.LoadAsync(db, territoryId, cancellationToken);
        SubtypeLabel = Actor.Subtype is null ? null : subtypes.Find(Actor.Subtype)?.Label ?? Actor.Subtype;
        Commune = Actor.CommuneCode is null ? null : reference.FindCommune(Actor.CommuneCode);
        Perimeter = perimeters.Describe(Actor.Perimeter);
        Coverage = perimeters.Cover(Actor.Perimeter);
        Contacts = await db.Contacts.AsNoTracking()
            .Where(c => c.TerritoryId == territoryId && c.ActorId == actorId)
            .OrderBy(c => c.AnonymisedAt != null).ThenBy(c => c.LastName).ThenBy(c => c.FirstName)
            .ToListAsync(cancellationToken);

        var catalog = await RelationTypeCatalog.LoadAsync(db, territoryId, cancellationToken);
        RelationTypes = catalog.Options;
        var relations = await db.ActorRelations.AsNoTracking()
            .Where(r => r.TerritoryId == territoryId && (r.SourceActorId == actorId || r.TargetActorId == actorId))
            .ToListAsync(cancellationToken);
        var otherIds = relations.Select(r => r.SourceActorId == actorId ? r.TargetActorId : r.SourceActorId).Distinct().ToList();
        var others = await db.Actors.AsNoTracking()
            .Where(a => a.TerritoryId == territoryId && otherIds.Contains(a.Id))
            .Select(a => new { a.Id, a.Name, a.Family })
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        var french = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), ignoreCase: true);
        Relations = relations
            .Select(r =>
            {
                var fromSource = r.SourceActorId == actorId;
                var other = others[fromSource ? r.TargetActorId : r.SourceActorId];
                var reading = catalog.Find(r.Type)?.Reading(fromSource) ?? r.Type;
                return new RelationLine(r.Id, reading, other.Id, other.Name, other.Family, r.StartDate, r.EndDate, r.Strength, r.Notes, r.Version);
            })
            .OrderBy(r => r.Reading, french).ThenBy(r => r.OtherName, french)
            .ToList();
        History = await db.HistoryOfAsync(Actor, HistoryLength, cancellationToken);
        if (CanEdit)
        {
            var members = await db.TerritoryMembers.AsNoTracking()
                .Where(m => m.TerritoryId == territoryId && (m.OrganisationId == actorId || (m.OrganisationId == null && m.Role == TerritoryRole.Partenaire)))
                .Select(m => new { m.Id, m.OrganisationId, m.Role, m.User!.DisplayName, m.User.Email })
                .ToListAsync(cancellationToken);
            var lines = members
                .Select(m => (m.OrganisationId, Line: new MemberLine(m.Id, string.IsNullOrWhiteSpace(m.DisplayName) ? m.Email ?? "" : m.DisplayName, m.Role)))
                .OrderBy(m => m.Line.Label, french)
                .ToList();
            AttachedMembers = lines.Where(m => m.OrganisationId == actorId).Select(m => m.Line).ToList();
            AttachableMembers = lines.Where(m => m.OrganisationId is null).Select(m => m.Line).ToList();
        }

        Candidates = await FindCandidatesAsync(territoryId, actorId, candidateQuery, cancellationToken);
        ProjectLines = await Maillage.Projects.ParticipationLoading.ProjectsOfAsync(db, territoryId, actorId, cancellationToken);
        ProjectRoles = await Maillage.Projects.ParticipationLoading.RolesAsync(db, territoryId, cancellationToken);
    }
}
