using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Maillage.Territories.Reference;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Actors;

/// <summary>
/// The ecosystem registry's JSON API under <c>/api/v1/territories/{territoryId}</c>: actors and their directory,
/// contacts and their personal data, relations, merges. Codes are stable; French labels come beside them.
/// </summary>
public static class ActorApi
{
    private const string DuplicateTitle = "Doublon probable";

    public static RouteGroupBuilder MapActorApi(this RouteGroupBuilder api)
    {
        var territory = api.MapGroup("/territories/{territoryId:guid}").AddEndpointFilter<TerritoryEndpointFilter>();

        var actors = territory.MapGroup("/actors").WithTags("Acteurs");
        actors.MapGet("/", ListAsync)
            .WithSummary("L'annuaire des acteurs : recherche (q), filtres (family, subtype, commune, competence, mode), tri (sort = name, updated, family) et pages (page, pageSize ≤ 200). Le total est compté jusqu'à 10 000 acteurs à partir de la page : au-delà, totalIsExact vaut false et total est un minimum (exactTotal=true compte tout).");
        actors.MapPost("/", CreateAsync).AddEndpointFilter<ValidationFilter<ActorInput>>()
            .WithSummary("Crée un acteur. Un doublon probable (même SIREN, SIRET, RNA ou nom presque identique) répond 409 avec les candidats, sauf avec ?force=true.");
        actors.MapGet("/{actorId:guid}", GetAsync).WithSummary("Un acteur.");
        actors.MapPut("/{actorId:guid}", UpdateAsync).AddEndpointFilter<ValidationFilter<ActorInput>>().AllowOwnOrganisation()
            .WithSummary("Modifie un acteur ; version obligatoire pour ne pas écraser une modification concurrente (409). Les listes absentes restent inchangées.");
        actors.MapDelete("/{actorId:guid}", DeleteAsync).WithSummary("Supprime un acteur, ses interlocuteurs et ses relations (?version= pour vérifier la version).");
        actors.MapPost("/{actorId:guid}/merge", MergeAsync).AddEndpointFilter<ValidationFilter<MergeInput>>()
            .WithSummary("Fusionne un doublon (otherActorId) dans cet acteur : interlocuteurs et relations repris, champs vides complétés, doublon supprimé.");
        actors.MapGet("/{actorId:guid}/history", HistoryAsync).WithSummary("L'historique des modifications d'un acteur.");

        actors.MapGet("/{actorId:guid}/contacts", ContactsAsync).WithTags("Interlocuteurs").WithSummary("Les interlocuteurs d'un acteur.");
        actors.MapPost("/{actorId:guid}/contacts", CreateContactAsync).AddEndpointFilter<ValidationFilter<ContactInput>>().AllowOwnOrganisation()
            .WithTags("Interlocuteurs").WithSummary("Ajoute un interlocuteur à un acteur.");
        actors.MapGet("/{actorId:guid}/relations", RelationsAsync).WithTags("Relations")
            .WithSummary("Les relations d'un acteur, dans les deux sens, chacune lue depuis cet acteur.");
        actors.MapPost("/{actorId:guid}/relations", CreateRelationAsync).AddEndpointFilter<ValidationFilter<RelationInput>>()
            .WithTags("Relations").WithSummary("Crée une relation de cet acteur (source) vers un autre (targetActorId).");

        var contacts = territory.MapGroup("/contacts").WithTags("Interlocuteurs");
        contacts.MapGet("/to-review", ToReviewAsync).RequireTerritoryRole(TerritoryRole.Pilote)
            .WithSummary("Les interlocuteurs sans interaction depuis trois ans, à revoir ou anonymiser (RGPD).");
        contacts.MapGet("/{contactId:guid}", GetContactAsync).WithSummary("Un interlocuteur.");
        contacts.MapPut("/{contactId:guid}", UpdateContactAsync).AddEndpointFilter<ValidationFilter<ContactInput>>().AllowOwnOrganisation()
            .WithSummary("Modifie un interlocuteur (version obligatoire).");
        contacts.MapDelete("/{contactId:guid}", DeleteContactAsync).AllowOwnOrganisation().WithSummary("Supprime un interlocuteur.");
        contacts.MapGet("/{contactId:guid}/personal-data", PersonalDataAsync).RequireTerritoryRole(TerritoryRole.Pilote)
            .WithSummary("Tout ce qui est conservé sur la personne (droit d'accès, RGPD article 15), avec l'information due (article 14).");
        contacts.MapPost("/{contactId:guid}/anonymise", AnonymiseAsync).RequireTerritoryRole(TerritoryRole.Pilote)
            .WithSummary("Anonymise la personne : identité retirée, de l'historique aussi ; la ligne et l'historique restent.");

        var relations = territory.MapGroup("/relations").WithTags("Relations");
        relations.MapPut("/{relationId:guid}", UpdateRelationAsync).AddEndpointFilter<ValidationFilter<RelationInput>>()
            .WithSummary("Modifie une relation (type, dates, intensité, notes ; version obligatoire).");
        relations.MapDelete("/{relationId:guid}", DeleteRelationAsync).WithSummary("Supprime une relation.");

        var vocabulary = territory.MapGroup("").WithTags("Acteurs");
        vocabulary.MapGet("/actor-codes", CodesAsync)
            .WithSummary("Les codes de l'annuaire et leurs libellés : familles et sous-types, modes, tranches d'effectif, niveaux, bases légales, types de relation.");
        vocabulary.MapPost("/subtypes", CreateSubtypeAsync).AddEndpointFilter<ValidationFilter<SubtypeInput>>()
            .WithSummary("Ajoute un sous-type propre au territoire dans une famille.");
        vocabulary.MapPost("/relation-types", CreateRelationTypeAsync).AddEndpointFilter<ValidationFilter<RelationTypeInput>>()
            .WithSummary("Ajoute un type de relation propre au territoire, avec ses deux lectures.");
        vocabulary.MapGet("/competences", CompetencesAsync)
            .WithSummary("Le vocabulaire des compétences du territoire, filtré par q (suggestions).");
        return api;
    }

    // ---------------------------------------------------------------- actors

    private static async Task<IResult> ListAsync(Guid territoryId, string? q, string? family, string? subtype, string? commune,
        string? competence, string[]? mode, string? sort, int? page, int? pageSize, bool? exactTotal, AppDbContext db, InseeReference reference,
        CancellationToken cancellationToken)
    {
        var (filters, errors) = ReadDirectoryQuery(q, family, subtype, commune, competence, mode, sort, reference);
        if (page < 1)
        {
            errors["page"] = ["Le numéro de page (page) commence à 1."];
        }

        if (pageSize is < 1 or > ActorDirectory.MaxPageSize)
        {
            errors["pageSize"] = [$"La taille de page (pageSize) va de 1 à {ActorDirectory.MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var result = await new ActorDirectory(db, reference).SearchAsync(territoryId, filters with
        {
            Page = page ?? 1,
            PageSize = pageSize ?? DirectoryQuery.DefaultPageSize,
            ExactTotal = exactTotal ?? false,
        }, cancellationToken);
        var items = result.Items.Select(r => new ActorListItem(r.Id, r.Name, r.Acronym, r.Family.Code(), r.Subtype, r.Siren, r.Siret, r.Rna,
            r.CommuneCode, Labels(r.CompetenceLabels), r.Modes.Codes(), r.UpdatedAt, r.Version)).ToList();
        return TypedResults.Ok(new ActorList(items, result.Total, result.TotalIsExact));
    }

    /// <summary>
    /// The directory's filters as the API names them (q, family, subtype, commune, competence, mode, sort), checked:
    /// the list and the export read them the same way. Errors are keyed by parameter, in French.
    /// </summary>
    public static (DirectoryQuery Query, Dictionary<string, string[]> Errors) ReadDirectoryQuery(string? q, string? family, string? subtype,
        string? commune, string? competence, string[]? mode, string? sort, InseeReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var errors = new Dictionary<string, string[]>();
        ActorFamily? familyFilter = null;
        if (!string.IsNullOrWhiteSpace(family))
        {
            if (ActorFamilies.TryParse(family, out var parsed))
            {
                familyFilter = parsed;
            }
            else
            {
                errors["family"] = [$"Famille inconnue « {family} » : {ActorFamilies.ExpectedCodes}."];
            }
        }

        var modes = InterventionModeCodes.Parse(Split(mode), out var unknownModes);
        if (unknownModes.Count > 0)
        {
            errors["mode"] = [$"Mode d'intervention inconnu « {string.Join(", ", unknownModes)} » : {InterventionModeCodes.ExpectedCodes}."];
        }

        var order = sort?.Trim().ToLowerInvariant() switch
        {
            null or "" or "name" => DirectorySort.Name,
            "updated" => DirectorySort.Updated,
            "family" => DirectorySort.Family,
            _ => (DirectorySort?)null,
        };
        if (order is null)
        {
            errors["sort"] = [$"Tri inconnu « {sort} » : name, updated ou family."];
        }

        if (!string.IsNullOrWhiteSpace(commune) && !IsCommuneOrEpci(commune, reference))
        {
            errors["commune"] = [$"« {commune} » n'est ni un code commune INSEE ni le SIREN d'un EPCI du référentiel {InseeReference.Millesime}."];
        }

        return (new DirectoryQuery
        {
            Q = q,
            Family = familyFilter,
            Subtype = subtype,
            Commune = commune,
            Competence = competence,
            Modes = modes,
            Sort = order ?? DirectorySort.Name,
        }, errors);
    }

    private static async Task<IResult> CreateAsync(Guid territoryId, ActorInput input, bool? force, AppDbContext db, InseeReference reference,
        PerimeterResolver perimeters, CancellationToken cancellationToken)
    {
        if (force != true)
        {
            var duplicates = await Duplicates.FindAsync(db, territoryId, input.Name!, input.Siren, input.Siret, input.Rna, null, cancellationToken);
            if (duplicates.Count > 0)
            {
                return TypedResults.Problem(
                    "Cet acteur semble déjà exister dans le territoire : vérifiez les acteurs proposés, puis renvoyez la demande avec ?force=true " +
                    "s'il s'agit bien d'une autre structure.",
                    statusCode: StatusCodes.Status409Conflict, title: DuplicateTitle,
                    extensions: new Dictionary<string, object?> { ["duplicates"] = duplicates.Select(DuplicateDto.Of).ToList() });
            }
        }

        var actor = new Actor(territoryId, input.Name!, input.Acronym, ActorFamilies.Parse(input.Family));
        await ApplyAsync(actor, input, db, reference, perimeters, cancellationToken);
        db.Actors.Add(actor);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/territories/{territoryId}/actors/{actor.Id}",
            await ToDtoAsync(actor, db, reference, cancellationToken));
    }

    private static async Task<IResult> GetAsync(Guid territoryId, Guid actorId, AppDbContext db, InseeReference reference, CancellationToken cancellationToken)
    {
        var actor = await db.Actors.AsNoTracking().SingleOrDefaultAsync(a => a.Id == actorId && a.TerritoryId == territoryId, cancellationToken);
        return actor is null ? ActorNotFound() : TypedResults.Ok(await ToDtoAsync(actor, db, reference, cancellationToken));
    }

    private static async Task<IResult> UpdateAsync(Guid territoryId, Guid actorId, ActorInput input, HttpRequest request, AppDbContext db,
        InseeReference reference, PerimeterResolver perimeters, CancellationToken cancellationToken)
    {
        var actor = await db.Actors.Include(a => a.CompetenceLinks)
            .SingleOrDefaultAsync(a => a.Id == actorId && a.TerritoryId == territoryId, cancellationToken);
        if (actor is null)
        {
            return ActorNotFound();
        }

        await db.ExpectVersionAsync(actor, input.Version ?? request.IfMatchVersion(), cancellationToken);
        await ApplyAsync(actor, input, db, reference, perimeters, cancellationToken);
        await db.SaveCheckedAsync(cancellationToken);
        return TypedResults.Ok(await ToDtoAsync(actor, db, reference, cancellationToken));
    }

    private static async Task<IResult> DeleteAsync(Guid territoryId, Guid actorId, long? version, AppDbContext db, CancellationToken cancellationToken)
    {
        var actor = await db.Actors.SingleOrDefaultAsync(a => a.Id == actorId && a.TerritoryId == territoryId, cancellationToken);
        if (actor is null)
        {
            return ActorNotFound();
        }

        await db.ExpectVersionAsync(actor, version, cancellationToken);

        // Loaded rather than left to the cascade, so that the history records each deletion.
        db.Contacts.RemoveRange(await db.Contacts.Where(c => c.TerritoryId == territoryId && c.ActorId == actorId).ToListAsync(cancellationToken));
        db.ActorRelations.RemoveRange(await db.ActorRelations
            .Where(r => r.TerritoryId == territoryId && (r.SourceActorId == actorId || r.TargetActorId == actorId))
            .ToListAsync(cancellationToken));
        db.Actors.Remove(actor);
        await db.SaveCheckedAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> MergeAsync(Guid territoryId, Guid actorId, MergeInput input, ClaimsPrincipal user, AppDbContext db,
        InseeReference reference, TimeProvider time, CancellationToken cancellationToken)
    {
        var result = await ActorMerge.MergeAsync(db, territoryId, actorId, input.OtherActorId!.Value, input.Version, user, time, cancellationToken);
        return TypedResults.Ok(new MergeDto(await ToDtoAsync(result.Kept, db, reference, cancellationToken),
            result.ContactsMoved, result.RelationsMoved, result.RelationsDropped, result.ParticipationsMoved, result.ParticipationsDropped));
    }

    private static async Task<IResult> HistoryAsync(Guid territoryId, Guid actorId, AppDbContext db, CancellationToken cancellationToken)
    {
        var actor = await db.Actors.AsNoTracking().SingleOrDefaultAsync(a => a.Id == actorId && a.TerritoryId == territoryId, cancellationToken);
        if (actor is null)
        {
            return ActorNotFound();
        }

        var entries = await db.HistoryOfAsync(actor, cancellationToken: cancellationToken);
        var items = entries.Select(HistoryDto.Of).ToList();
        return TypedResults.Ok(new ListResult<HistoryDto>(items, items.Count));
    }

    private static async Task ApplyAsync(Actor actor, ActorInput input, AppDbContext db, InseeReference reference, PerimeterResolver perimeters,
        CancellationToken cancellationToken)
    {
        actor.Rename(input.Name!, input.Acronym);
        actor.Classify(ActorFamilies.Parse(input.Family), input.Subtype, await SubtypeCatalog.LoadAsync(db, actor.TerritoryId, cancellationToken));
        actor.SetIdentifiers(input.Siren, input.Siret, input.Rna);
        actor.SetExternalId(input.ExternalId);
        await Duplicates.EnsureExternalIdFreeAsync(db, actor, cancellationToken);
        actor.SetActivity(input.Naf, input.NafVersion, input.WorkforceBand);
        actor.SetAddress(input.AddressLine1, input.AddressLine2, input.PostalCode, input.CommuneCode, reference);
        if (input.Perimeter is not null)
        {
            actor.SetPerimeter(perimeters.Resolve(input.Perimeter));
        }

        if (input.Competences is not null)
        {
            actor.SetCompetences(await Competence.ResolveAsync(db, actor.TerritoryId, input.Competences, cancellationToken));
        }

        if (input.Modes is not null)
        {
            actor.SetModes(InterventionModeCodes.Parse(input.Modes, out _));
        }

        actor.Describe(input.CollaborativeLogic, input.Website, input.Notes);
    }

    private static async Task<ActorDto> ToDtoAsync(Actor a, AppDbContext db, InseeReference reference, CancellationToken cancellationToken)
    {
        var subtype = a.Subtype is null ? null : (await SubtypeCatalog.LoadAsync(db, a.TerritoryId, cancellationToken)).Find(a.Subtype);
        return new ActorDto(a.Id, a.Name, a.Acronym, a.Family.Code(), a.Family.Label(), a.Subtype, subtype?.Label, a.Siren, a.Siret, a.Rna, a.ExternalId,
            a.NafCode, a.NafVersion, a.WorkforceBand, WorkforceBands.Label(a.WorkforceBand), a.AddressLine1, a.AddressLine2, a.PostalCode,
            a.CommuneCode, a.CommuneCode is null ? null : reference.FindCommune(a.CommuneCode)?.Name,
            a.Perimeter.Areas.Select(area => area.ToString()).ToList(), a.Competences, a.Modes.Codes(),
            a.CollaborativeLogic, a.Website, a.Notes, a.Version, a.CreatedAt, a.CreatedBy, a.UpdatedAt, a.UpdatedBy);
    }

    // ---------------------------------------------------------------- contacts

    private static async Task<IResult> ContactsAsync(Guid territoryId, Guid actorId, AppDbContext db, CancellationToken cancellationToken)
    {
        if (!await ActorExistsAsync(db, territoryId, actorId, cancellationToken))
        {
            return ActorNotFound();
        }

        var contacts = await db.Contacts.AsNoTracking()
            .Where(c => c.TerritoryId == territoryId && c.ActorId == actorId)
            .OrderBy(c => c.LastName).ThenBy(c => c.FirstName)
            .ToListAsync(cancellationToken);
        var items = contacts.Select(ContactDto.Of).ToList();
        return TypedResults.Ok(new ListResult<ContactDto>(items, items.Count));
    }

    private static async Task<IResult> CreateContactAsync(Guid territoryId, Guid actorId, ContactInput input, AppDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var actor = await db.Actors.AsNoTracking().SingleOrDefaultAsync(a => a.Id == actorId && a.TerritoryId == territoryId, cancellationToken);
        if (actor is null)
        {
            return ActorNotFound();
        }

        var basis = ContactCodes.ParseOptional<LawfulBasis>(input.LawfulBasis, "Base légale") ?? default;
        var contact = new Contact(actor, input.FirstName, input.LastName!, basis, input.LawfulBasisSource);
        Apply(contact, input, time);
        db.Contacts.Add(contact);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/territories/{territoryId}/contacts/{contact.Id}", ContactDto.Of(contact));
    }

    private static async Task<IResult> GetContactAsync(Guid territoryId, Guid contactId, AppDbContext db, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contactId && c.TerritoryId == territoryId, cancellationToken);
        return contact is null ? ContactNotFound() : TypedResults.Ok(ContactDto.Of(contact));
    }

    private static async Task<IResult> UpdateContactAsync(Guid territoryId, Guid contactId, ContactInput input, HttpRequest request, AppDbContext db,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == contactId && c.TerritoryId == territoryId, cancellationToken);
        if (contact is null)
        {
            return ContactNotFound();
        }

        await db.ExpectVersionAsync(contact, input.Version ?? request.IfMatchVersion(), cancellationToken);
        var basis = ContactCodes.ParseOptional<LawfulBasis>(input.LawfulBasis, "Base légale") ?? default;
        contact.Identify(input.FirstName, input.LastName!);
        contact.SetLawfulBasis(basis, input.LawfulBasisSource);
        Apply(contact, input, time);
        await db.SaveCheckedAsync(cancellationToken);
        return TypedResults.Ok(ContactDto.Of(contact));
    }

    private static async Task<IResult> DeleteContactAsync(Guid territoryId, Guid contactId, long? version, AppDbContext db, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == contactId && c.TerritoryId == territoryId, cancellationToken);
        if (contact is null)
        {
            return ContactNotFound();
        }

        await db.ExpectVersionAsync(contact, version, cancellationToken);
        db.Contacts.Remove(contact);
        await db.SaveCheckedAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> PersonalDataAsync(Guid territoryId, Guid contactId, CurrentTerritory current, AppDbContext db,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contactId && c.TerritoryId == territoryId, cancellationToken);
        if (contact is null)
        {
            return ContactNotFound();
        }

        var actor = await db.Actors.AsNoTracking().Where(a => a.Id == contact.ActorId)
            .Select(a => new ActorRef(a.Id, a.Name)).SingleAsync(cancellationToken);
        var history = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(Contact) && a.EntityKey == contact.AuditKey)
            .OrderBy(a => a.Version).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new PersonalDataDto(
            time.GetUtcNow().UtcDateTime,
            ContactDto.Of(contact),
            actor,
            new LawfulBasisDto(contact.LawfulBasis.Code(), contact.LawfulBasis.Label(), contact.LawfulBasisSource),
            history.Select(HistoryDto.Of).ToList(),
            contact.IsAnonymised ? null : ContactPrivacy.InformationNotice(contact, actor.Name, current.Required.Name)));
    }

    private static async Task<IResult> AnonymiseAsync(Guid territoryId, Guid contactId, AppDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == contactId && c.TerritoryId == territoryId, cancellationToken);
        if (contact is null)
        {
            return ContactNotFound();
        }

        await ContactPrivacy.AnonymiseAsync(db, contact, time.GetUtcNow().UtcDateTime, cancellationToken);
        return TypedResults.Ok(ContactDto.Of(contact));
    }

    private static async Task<IResult> ToReviewAsync(Guid territoryId, int? page, int? pageSize, AppDbContext db, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (page < 1 || pageSize is < 1 or > ActorDirectory.MaxPageSize)
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["page"] = [$"La page (page) commence à 1 et sa taille (pageSize) va de 1 à {ActorDirectory.MaxPageSize}."],
            });
        }

        var size = pageSize ?? DirectoryQuery.DefaultPageSize;
        var query = ContactPrivacy.ToReview(db, territoryId, time.GetUtcNow().UtcDateTime);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderBy(c => c.LastInteractionAt ?? c.CreatedAt).ThenBy(c => c.Id)
            .Skip(((page ?? 1) - 1) * size).Take(size)
            .Join(db.Actors, c => c.ActorId, a => a.Id, (c, a) => new { Contact = c, ActorName = a.Name })
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => new ContactToReviewDto(r.Contact.Id, r.Contact.ActorId, r.ActorName, r.Contact.DisplayName,
            r.Contact.LastInteractionAt, r.Contact.CreatedAt)).ToList();
        return TypedResults.Ok(new ListResult<ContactToReviewDto>(items, total));
    }

    private static void Apply(Contact contact, ContactInput input, TimeProvider time)
    {
        contact.SetRole(input.Function,
            ContactCodes.ParseOptional<HierarchyLevel>(input.HierarchyLevel, "Niveau hiérarchique"),
            ContactCodes.ParseOptional<DecisionPower>(input.DecisionPower, "Pouvoir de décision"),
            input.Availability);
        contact.SetCoordinates(input.Email, input.Phone);
        contact.RecordInteraction(input.LastInteractionAt, time.GetUtcNow().UtcDateTime);
    }

    // ---------------------------------------------------------------- relations

    private static async Task<IResult> RelationsAsync(Guid territoryId, Guid actorId, AppDbContext db, CancellationToken cancellationToken)
    {
        if (!await ActorExistsAsync(db, territoryId, actorId, cancellationToken))
        {
            return ActorNotFound();
        }

        var catalog = await RelationTypeCatalog.LoadAsync(db, territoryId, cancellationToken);
        var relations = await db.ActorRelations.AsNoTracking()
            .Where(r => r.TerritoryId == territoryId && (r.SourceActorId == actorId || r.TargetActorId == actorId))
            .ToListAsync(cancellationToken);
        var otherIds = relations.Select(r => r.SourceActorId == actorId ? r.TargetActorId : r.SourceActorId).Distinct().ToList();
        var others = await db.Actors.AsNoTracking()
            .Where(a => a.TerritoryId == territoryId && otherIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => new ActorRef(a.Id, a.Name), cancellationToken);
        var french = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), ignoreCase: true);
        var items = relations
            .Select(r => RelationDto.Of(r, actorId, others[r.SourceActorId == actorId ? r.TargetActorId : r.SourceActorId], catalog))
            .OrderBy(r => r.Reading, french)
            .ThenBy(r => r.OtherActor.Name, french)
            .ToList();
        return TypedResults.Ok(new ListResult<RelationDto>(items, items.Count));
    }

    private static async Task<IResult> CreateRelationAsync(Guid territoryId, Guid actorId, RelationInput input, AppDbContext db,
        CancellationToken cancellationToken)
    {
        var source = await db.Actors.AsNoTracking().SingleOrDefaultAsync(a => a.Id == actorId && a.TerritoryId == territoryId, cancellationToken);
        if (source is null)
        {
            return ActorNotFound();
        }

        var target = await db.Actors.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == input.TargetActorId && a.TerritoryId == territoryId, cancellationToken);
        if (target is null)
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["targetActorId"] = ["L'acteur lié (targetActorId) n'existe pas dans ce territoire."],
            });
        }

        var catalog = await RelationTypeCatalog.LoadAsync(db, territoryId, cancellationToken);
        var relation = new ActorRelation(source, target, input.Type!, catalog, input.StartDate, input.EndDate, input.Strength, input.Notes);
        await ActorRelation.EnsureNotRepeatedAsync(db, relation, catalog, cancellationToken);
        db.ActorRelations.Add(relation);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/territories/{territoryId}/relations/{relation.Id}",
            RelationDto.Of(relation, actorId, new ActorRef(target.Id, target.Name), catalog));
    }

    private static async Task<IResult> UpdateRelationAsync(Guid territoryId, Guid relationId, RelationInput input, HttpRequest request,
        AppDbContext db, CancellationToken cancellationToken)
    {
        var relation = await db.ActorRelations.SingleOrDefaultAsync(r => r.Id == relationId && r.TerritoryId == territoryId, cancellationToken);
        if (relation is null)
        {
            return RelationNotFound();
        }

        if (input.TargetActorId != relation.TargetActorId)
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["targetActorId"] = ["L'acteur lié (targetActorId) d'une relation ne change pas : supprimez-la et créez-en une autre."],
            });
        }

        await db.ExpectVersionAsync(relation, input.Version ?? request.IfMatchVersion(), cancellationToken);
        var catalog = await RelationTypeCatalog.LoadAsync(db, territoryId, cancellationToken);
        relation.Update(input.Type!, catalog, input.StartDate, input.EndDate, input.Strength, input.Notes);
        await ActorRelation.EnsureNotRepeatedAsync(db, relation, catalog, cancellationToken);
        await db.SaveCheckedAsync(cancellationToken);
        var target = await db.Actors.AsNoTracking().Where(a => a.Id == relation.TargetActorId).Select(a => new ActorRef(a.Id, a.Name))
            .SingleAsync(cancellationToken);
        return TypedResults.Ok(RelationDto.Of(relation, relation.SourceActorId, target, catalog));
    }

    private static async Task<IResult> DeleteRelationAsync(Guid territoryId, Guid relationId, long? version, AppDbContext db,
        CancellationToken cancellationToken)
    {
        var relation = await db.ActorRelations.SingleOrDefaultAsync(r => r.Id == relationId && r.TerritoryId == territoryId, cancellationToken);
        if (relation is null)
        {
            return RelationNotFound();
        }

        await db.ExpectVersionAsync(relation, version, cancellationToken);
        db.ActorRelations.Remove(relation);
        await db.SaveCheckedAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    // ---------------------------------------------------------------- codes and vocabularies

    private static async Task<Ok<CodesDto>> CodesAsync(Guid territoryId, AppDbContext db, CancellationToken cancellationToken)
    {
        var subtypes = await SubtypeCatalog.LoadAsync(db, territoryId, cancellationToken);
        var relationTypes = await RelationTypeCatalog.LoadAsync(db, territoryId, cancellationToken);
        return TypedResults.Ok(new CodesDto(
            ActorFamilies.All.Select(f => new FamilyDto(f.Code(), f.Label(),
                subtypes.Of(f).Select(s => new CodeLabel(s.Code, s.Label)).ToList())).ToList(),
            InterventionModeCodes.All.Select(m => new CodeLabel(m.Code, m.Label)).ToList(),
            WorkforceBands.All.Select(b => new CodeLabel(b.Code, b.Label)).ToList(),
            NafVersions.All.Select(v => new CodeLabel(v.Code, v.Label)).ToList(),
            Enum.GetValues<HierarchyLevel>().Select(l => new CodeLabel(l.Code(), l.Label())).ToList(),
            Enum.GetValues<DecisionPower>().Select(p => new CodeLabel(p.Code(), p.Label())).ToList(),
            Enum.GetValues<LawfulBasis>().Select(b => new CodeLabel(b.Code(), b.Label())).ToList(),
            relationTypes.Options.Select(t => new RelationTypeDto(t.Code, t.Label, t.ReverseLabel, t.IsSymmetric)).ToList()));
    }

    private static async Task<IResult> CreateSubtypeAsync(Guid territoryId, SubtypeInput input, AppDbContext db, CancellationToken cancellationToken)
    {
        var subtype = await Vocabulary.AddSubtypeAsync(db, territoryId, ActorFamilies.Parse(input.Family), input.Label!, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/territories/{territoryId}/actor-codes", new CodeLabel(subtype.Code, subtype.Label));
    }

    private static async Task<IResult> CreateRelationTypeAsync(Guid territoryId, RelationTypeInput input, AppDbContext db, CancellationToken cancellationToken)
    {
        var type = await Vocabulary.AddRelationTypeAsync(db, territoryId, input.Label!, input.ReverseLabel, input.Symmetric, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/territories/{territoryId}/actor-codes",
            new RelationTypeDto(type.Code, type.Label, type.ReverseLabel, type.IsSymmetric));
    }

    private static async Task<Ok<ListResult<string>>> CompetencesAsync(Guid territoryId, string? q, int? limit, AppDbContext db,
        CancellationToken cancellationToken)
    {
        var competences = db.Competences.AsNoTracking().Where(c => c.TerritoryId == territoryId);
        var key = TextKey.Normalize(q);
        if (key.Length > 0)
        {
            var pattern = "%" + key + "%";
            competences = competences.Where(c => EF.Functions.Like(c.Key, pattern));
        }

        var items = await competences.OrderBy(c => c.Key).Take(Math.Clamp(limit ?? 20, 1, 200)).Select(c => c.Label).ToListAsync(cancellationToken);
        return TypedResults.Ok(new ListResult<string>(items, items.Count));
    }

    // ---------------------------------------------------------------- helpers

    private static Task<bool> ActorExistsAsync(AppDbContext db, Guid territoryId, Guid actorId, CancellationToken cancellationToken) =>
        db.Actors.AnyAsync(a => a.Id == actorId && a.TerritoryId == territoryId, cancellationToken);

    private static IResult ActorNotFound() => Problems.NotFound("Cet acteur n'existe pas dans ce territoire.");

    private static IResult ContactNotFound() => Problems.NotFound("Cet interlocuteur n'existe pas dans ce territoire.");

    private static IResult RelationNotFound() => Problems.NotFound("Cette relation n'existe pas dans ce territoire.");

    private static bool IsCommuneOrEpci(string code, InseeReference reference)
    {
        var trimmed = code.Trim().ToUpperInvariant();
        return reference.FindCommune(trimmed) is not null || reference.FindEpci(trimmed) is not null;
    }

    private static IEnumerable<string> Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string[] Labels(string competenceLabels) =>
        competenceLabels.Length == 0 ? [] : competenceLabels.Split("; ", StringSplitOptions.RemoveEmptyEntries);

    // ---------------------------------------------------------------- inputs

    public sealed class ActorInput : IValidatableObject
    {
        [Required(ErrorMessage = "Le nom de l'acteur (name) est obligatoire.")]
        [StringLength(Actor.NameMaxLength, ErrorMessage = "Le nom de l'acteur (name) ne doit pas dépasser {1} caractères.")]
        public string? Name { get; set; }

        [StringLength(Actor.AcronymMaxLength, ErrorMessage = "Le sigle (acronym) ne doit pas dépasser {1} caractères.")]
        public string? Acronym { get; set; }

        /// <summary>pouvoirs-publics, developpement-economique, emploi-formation, entreprises or associations.</summary>
        [Required(ErrorMessage = "La famille (family) est obligatoire : pouvoirs-publics, developpement-economique, emploi-formation, entreprises ou associations.")]
        public string? Family { get; set; }

        /// <summary>A subtype code of the family (see GET actor-codes).</summary>
        [StringLength(Actor.SubtypeMaxLength, ErrorMessage = "Le sous-type (subtype) ne doit pas dépasser {1} caractères.")]
        public string? Subtype { get; set; }

        public string? Siren { get; set; }
        public string? Siret { get; set; }
        public string? Rna { get; set; }

        /// <summary>The actor's reference in another file or system; unique within the territory.</summary>
        [StringLength(Actor.ExternalIdMaxLength, ErrorMessage = "L'identifiant externe (externalId) ne doit pas dépasser {1} caractères.")]
        public string? ExternalId { get; set; }

        /// <summary>NAF sub-class code, e.g. 88.99B.</summary>
        public string? Naf { get; set; }

        /// <summary>naf-rev2 (default) or naf-2025.</summary>
        public string? NafVersion { get; set; }

        /// <summary>INSEE workforce band code: 00, 01, 02, 03, 11, 12, 21, 22, 31, 32, 41, 42, 51, 52, 53.</summary>
        public string? WorkforceBand { get; set; }

        [StringLength(Actor.AddressLineMaxLength, ErrorMessage = "L'adresse (addressLine1) ne doit pas dépasser {1} caractères.")]
        public string? AddressLine1 { get; set; }

        [StringLength(Actor.AddressLineMaxLength, ErrorMessage = "Le complément d'adresse (addressLine2) ne doit pas dépasser {1} caractères.")]
        public string? AddressLine2 { get; set; }

        public string? PostalCode { get; set; }

        /// <summary>INSEE code of the commune of the address.</summary>
        public string? CommuneCode { get; set; }

        /// <summary>INSEE codes: commune, EPCI SIREN, département, or region:NN. Absent: unchanged.</summary>
        public List<string>? Perimeter { get; set; }

        /// <summary>Competence labels; new ones join the territory's vocabulary. Absent: unchanged.</summary>
        public List<string>? Competences { get; set; }

        /// <summary>Codes of the modes of intervention. Absent: unchanged.</summary>
        public List<string>? Modes { get; set; }

        [StringLength(Actor.CollaborativeLogicMaxLength, ErrorMessage = "La logique collaborative (collaborativeLogic) ne doit pas dépasser {1} caractères.")]
        public string? CollaborativeLogic { get; set; }

        [StringLength(Actor.WebsiteMaxLength, ErrorMessage = "Le site web (website) ne doit pas dépasser {1} caractères.")]
        public string? Website { get; set; }

        [StringLength(Actor.NotesMaxLength, ErrorMessage = "Les notes (notes) ne doivent pas dépasser {1} caractères.")]
        public string? Notes { get; set; }

        /// <summary>The version read before editing (PUT): a stale one answers 409 with the changes made since.</summary>
        public long? Version { get; set; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (!ActorFamilies.TryParse(Family, out _))
            {
                yield return new ValidationResult($"Famille (family) inconnue « {Family} » : {ActorFamilies.ExpectedCodes}.", [nameof(Family)]);
            }

            if (!string.IsNullOrWhiteSpace(Siren) && !Identifiers.IsValidSiren(Siren))
            {
                yield return new ValidationResult($"Le SIREN (siren) « {Siren} » n'est pas valide : 9 chiffres dont le dernier est une clé de contrôle.", [nameof(Siren)]);
            }

            if (!string.IsNullOrWhiteSpace(Siret) && !Identifiers.IsValidSiret(Siret))
            {
                yield return new ValidationResult($"Le SIRET (siret) « {Siret} » n'est pas valide : 14 chiffres, le SIREN, le numéro d'établissement et une clé de contrôle.", [nameof(Siret)]);
            }
            else if (!string.IsNullOrWhiteSpace(Siret) && Identifiers.IsValidSiren(Siren) && !Identifiers.Clean(Siret).StartsWith(Identifiers.Clean(Siren), StringComparison.Ordinal))
            {
                yield return new ValidationResult($"Le SIRET (siret) « {Siret} » n'appartient pas au SIREN « {Siren} » : un SIRET commence par le SIREN de sa structure.", [nameof(Siret)]);
            }

            if (!string.IsNullOrWhiteSpace(Rna) && !Identifiers.IsValidRna(Rna))
            {
                yield return new ValidationResult($"Le numéro RNA (rna) « {Rna} » n'est pas valide : W suivi de 9 caractères, par exemple W751234567.", [nameof(Rna)]);
            }

            if (!string.IsNullOrWhiteSpace(Naf) && NafVersions.NormalizeCode(Naf) is null)
            {
                yield return new ValidationResult($"Le code NAF (naf) « {Naf} » n'a pas la forme d'une sous-classe NAF, par exemple 88.99B.", [nameof(Naf)]);
            }

            if (!string.IsNullOrWhiteSpace(NafVersion) && !NafVersions.IsValid(NafVersion.Trim().ToLowerInvariant()))
            {
                yield return new ValidationResult($"La nomenclature NAF (nafVersion) « {NafVersion} » est inconnue : {NafVersions.Rev2} ou {NafVersions.Naf2025}.", [nameof(NafVersion)]);
            }

            if (!string.IsNullOrWhiteSpace(WorkforceBand) && !WorkforceBands.IsValid(WorkforceBand.Trim()))
            {
                yield return new ValidationResult($"La tranche d'effectif (workforceBand) « {WorkforceBand} » n'est pas une tranche INSEE : {WorkforceBands.ExpectedCodes}.", [nameof(WorkforceBand)]);
            }

            if (!string.IsNullOrWhiteSpace(PostalCode) && (PostalCode.Trim().Length != 5 || !PostalCode.Trim().All(char.IsAsciiDigit)))
            {
                yield return new ValidationResult($"Le code postal (postalCode) « {PostalCode} » doit comporter 5 chiffres.", [nameof(PostalCode)]);
            }

            if (!string.IsNullOrWhiteSpace(CommuneCode) && CommuneCode.Trim().Length != 5)
            {
                yield return new ValidationResult($"Le code commune (communeCode) « {CommuneCode} » doit être un code INSEE de 5 caractères, par exemple 94018.", [nameof(CommuneCode)]);
            }

            InterventionModeCodes.Parse(Modes ?? [], out var unknownModes);
            if (unknownModes.Count > 0)
            {
                yield return new ValidationResult($"Mode d'intervention (modes) inconnu « {string.Join(", ", unknownModes)} » : {InterventionModeCodes.ExpectedCodes}.", [nameof(Modes)]);
            }

            foreach (var competence in Competences ?? [])
            {
                var problem = TextKey.Normalize(competence).Length == 0 ? "est vide"
                    : competence.Trim().Length > Competence.LabelMaxLength ? $"dépasse {Competence.LabelMaxLength} caractères"
                    : competence.Contains(';', StringComparison.Ordinal) ? "contient un point-virgule (une compétence par élément)"
                    : null;
                if (problem is not null)
                {
                    yield return new ValidationResult($"La compétence (competences) « {competence} » {problem}.", [nameof(Competences)]);
                }
            }
        }
    }

    public sealed class ContactInput : IValidatableObject
    {
        [StringLength(Contact.NameMaxLength, ErrorMessage = "Le prénom (firstName) ne doit pas dépasser {1} caractères.")]
        public string? FirstName { get; set; }

        [Required(ErrorMessage = "Le nom de l'interlocuteur (lastName) est obligatoire.")]
        [StringLength(Contact.NameMaxLength, ErrorMessage = "Le nom (lastName) ne doit pas dépasser {1} caractères.")]
        public string? LastName { get; set; }

        [StringLength(Contact.FunctionMaxLength, ErrorMessage = "La fonction (function) ne doit pas dépasser {1} caractères.")]
        public string? Function { get; set; }

        /// <summary>elu, direction, encadrement or technique.</summary>
        public string? HierarchyLevel { get; set; }

        /// <summary>oui, partiel or non: can the contact really decide for the organisation?</summary>
        public string? DecisionPower { get; set; }

        [StringLength(Contact.AvailabilityMaxLength, ErrorMessage = "La disponibilité (availability) ne doit pas dépasser {1} caractères.")]
        public string? Availability { get; set; }

        [EmailAddress(ErrorMessage = "L'adresse électronique (email) n'est pas valide.")]
        [StringLength(Contact.EmailMaxLength, ErrorMessage = "L'adresse électronique (email) ne doit pas dépasser {1} caractères.")]
        public string? Email { get; set; }

        [StringLength(Contact.PhoneMaxLength, ErrorMessage = "Le téléphone (phone) ne doit pas dépasser {1} caractères.")]
        public string? Phone { get; set; }

        /// <summary>mission-interet-public, interet-legitime or consentement.</summary>
        [Required(ErrorMessage = "La base légale (lawfulBasis) est obligatoire : mission-interet-public, interet-legitime ou consentement.")]
        public string? LawfulBasis { get; set; }

        [StringLength(Contact.LawfulBasisSourceMaxLength, ErrorMessage = "La source des données (lawfulBasisSource) ne doit pas dépasser {1} caractères.")]
        public string? LawfulBasisSource { get; set; }

        public DateTime? LastInteractionAt { get; set; }

        public long? Version { get; set; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (!ContactCodes.TryParse<LawfulBasis>(LawfulBasis, out _))
            {
                yield return new ValidationResult($"Base légale (lawfulBasis) inconnue « {LawfulBasis} » : {ContactCodes.ExpectedCodes<LawfulBasis>()}.", [nameof(LawfulBasis)]);
            }

            if (!string.IsNullOrWhiteSpace(HierarchyLevel) && !ContactCodes.TryParse<HierarchyLevel>(HierarchyLevel, out _))
            {
                yield return new ValidationResult($"Niveau hiérarchique (hierarchyLevel) inconnu « {HierarchyLevel} » : {ContactCodes.ExpectedCodes<HierarchyLevel>()}.", [nameof(HierarchyLevel)]);
            }

            if (!string.IsNullOrWhiteSpace(DecisionPower) && !ContactCodes.TryParse<DecisionPower>(DecisionPower, out _))
            {
                yield return new ValidationResult($"Pouvoir de décision (decisionPower) inconnu « {DecisionPower} » : {ContactCodes.ExpectedCodes<DecisionPower>()}.", [nameof(DecisionPower)]);
            }
        }
    }

    public sealed class RelationInput : IValidatableObject
    {
        [Required(ErrorMessage = "L'acteur lié (targetActorId) est obligatoire.")]
        public Guid? TargetActorId { get; set; }

        /// <summary>A relation type code: membre-de, finance, prescrit, tutelle, partenaire-historique, concurrent, alliance, or the territory's own.</summary>
        [Required(ErrorMessage = "Le type de relation (type) est obligatoire, par exemple membre-de, finance ou partenaire-historique.")]
        public string? Type { get; set; }

        public DateOnly? StartDate { get; set; }
        public DateOnly? EndDate { get; set; }

        [Range(ActorRelation.MinStrength, ActorRelation.MaxStrength, ErrorMessage = "L'intensité (strength) va de {1} (lien faible) à {2} (lien fort).")]
        public int? Strength { get; set; }

        [StringLength(ActorRelation.NotesMaxLength, ErrorMessage = "Les notes (notes) ne doivent pas dépasser {1} caractères.")]
        public string? Notes { get; set; }

        public long? Version { get; set; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (StartDate is { } start && EndDate is { } end && end < start)
            {
                yield return new ValidationResult($"La date de fin (endDate) {end:dd/MM/yyyy} précède la date de début ({start:dd/MM/yyyy}).", [nameof(EndDate)]);
            }
        }
    }

    public sealed class MergeInput
    {
        [Required(ErrorMessage = "L'acteur à fusionner (otherActorId) est obligatoire.")]
        public Guid? OtherActorId { get; set; }

        /// <summary>The version of the actor that stays, if the caller read it.</summary>
        public long? Version { get; set; }
    }

    public sealed class SubtypeInput : IValidatableObject
    {
        [Required(ErrorMessage = "La famille (family) est obligatoire.")]
        public string? Family { get; set; }

        [Required(ErrorMessage = "Le libellé (label) du sous-type est obligatoire.")]
        [StringLength(ActorSubtype.LabelMaxLength, ErrorMessage = "Le libellé (label) ne doit pas dépasser {1} caractères.")]
        public string? Label { get; set; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (!ActorFamilies.TryParse(Family, out _))
            {
                yield return new ValidationResult($"Famille (family) inconnue « {Family} » : {ActorFamilies.ExpectedCodes}.", [nameof(Family)]);
            }
        }
    }

    public sealed class RelationTypeInput
    {
        [Required(ErrorMessage = "Le libellé (label) est obligatoire : la relation lue depuis l'acteur source, par exemple « accompagne ».")]
        [StringLength(RelationType.LabelMaxLength, ErrorMessage = "Le libellé (label) ne doit pas dépasser {1} caractères.")]
        public string? Label { get; set; }

        [StringLength(RelationType.LabelMaxLength, ErrorMessage = "La lecture inverse (reverseLabel) ne doit pas dépasser {1} caractères.")]
        public string? ReverseLabel { get; set; }

        public bool Symmetric { get; set; }
    }

    // ---------------------------------------------------------------- answers

    public sealed record ActorDto(Guid Id, string Name, string? Acronym, string Family, string FamilyLabel, string? Subtype, string? SubtypeLabel,
        string? Siren, string? Siret, string? Rna, string? ExternalId, string? Naf, string? NafVersion, string? WorkforceBand, string? WorkforceBandLabel,
        string? AddressLine1, string? AddressLine2, string? PostalCode, string? CommuneCode, string? CommuneName,
        IReadOnlyList<string> Perimeter, IReadOnlyList<string> Competences, IReadOnlyList<string> Modes,
        string? CollaborativeLogic, string? Website, string? Notes, long Version, DateTime CreatedAt, string? CreatedBy, DateTime UpdatedAt, string? UpdatedBy);

    /// <summary>The directory's page: <c>{ items, total }</c> like every list, and whether the total was counted to the end.</summary>
    public sealed record ActorList(IReadOnlyList<ActorListItem> Items, int Total, bool TotalIsExact);

    public sealed record ActorListItem(Guid Id, string Name, string? Acronym, string Family, string? Subtype, string? Siren, string? Siret, string? Rna,
        string? CommuneCode, IReadOnlyList<string> Competences, IReadOnlyList<string> Modes, DateTime UpdatedAt, long Version);

    public sealed record DuplicateDto(Guid Id, string Name, string? Siren, string? Siret, string? Rna, string Reason)
    {
        public static DuplicateDto Of(DuplicateCandidate c) => new(c.Id, c.Name, c.Siren, c.Siret, c.Rna, c.Reason);
    }

    public sealed record MergeDto(ActorDto Actor, int ContactsMoved, int RelationsMoved, int RelationsDropped, int ParticipationsMoved, int ParticipationsDropped);

    public sealed record ContactDto(Guid Id, Guid ActorId, string? FirstName, string LastName, string? Function, string? HierarchyLevel,
        string? DecisionPower, string? Availability, string? Email, string? Phone, string LawfulBasis, string? LawfulBasisSource,
        DateTime? LastInteractionAt, DateTime? AnonymisedAt, long Version, DateTime CreatedAt, string? CreatedBy, DateTime UpdatedAt, string? UpdatedBy)
    {
        public static ContactDto Of(Contact c) => new(c.Id, c.ActorId, c.FirstName, c.LastName, c.Function, c.HierarchyLevel?.Code(),
            c.DecisionPower?.Code(), c.Availability, c.Email, c.Phone, c.LawfulBasis.Code(), c.LawfulBasisSource, c.LastInteractionAt,
            c.AnonymisedAt, c.Version, c.CreatedAt, c.CreatedBy, c.UpdatedAt, c.UpdatedBy);
    }

    public sealed record ContactToReviewDto(Guid Id, Guid ActorId, string ActorName, string Name, DateTime? LastInteractionAt, DateTime CreatedAt);

    public sealed record ActorRef(Guid Id, string Name);

    public sealed record LawfulBasisDto(string Code, string Label, string? Source);

    public sealed record HistoryDto(long Version, string Action, DateTime At, string? UserName, IReadOnlyList<HistoryChangeDto> Changes)
    {
        public static HistoryDto Of(AuditEntry e) => new(e.Version, HistoryText.Action(e.Action), e.At, e.UserName,
            (JsonSerializer.Deserialize<List<AuditChange>>(e.Changes) ?? [])
            .Select(c => new HistoryChangeDto(c.Property, HistoryText.Property(c.Property), c.Before, c.After)).ToList());
    }

    public sealed record HistoryChangeDto(string Property, string Label, string? Before, string? After);

    /// <summary>Everything held on one person (RGPD article 15).</summary>
    public sealed record PersonalDataDto(DateTime ExportedAt, ContactDto Person, ActorRef Actor, LawfulBasisDto LawfulBasis,
        IReadOnlyList<HistoryDto> History, string? InformationNotice);

    /// <summary>A relation read from one of its actors: <see cref="Side"/> says whether that actor is its source or its target.</summary>
    public sealed record RelationDto(Guid Id, Guid SourceActorId, Guid TargetActorId, string Side, ActorRef OtherActor, string Type, string Reading,
        DateOnly? StartDate, DateOnly? EndDate, int? Strength, string? Notes, long Version)
    {
        public static RelationDto Of(ActorRelation r, Guid fromActorId, ActorRef other, RelationTypeCatalog catalog)
        {
            var fromSource = r.SourceActorId == fromActorId;
            var reading = catalog.Find(r.Type)?.Reading(fromSource) ?? r.Type;
            return new RelationDto(r.Id, r.SourceActorId, r.TargetActorId, fromSource ? "source" : "cible", other, r.Type, reading,
                r.StartDate, r.EndDate, r.Strength, r.Notes, r.Version);
        }
    }

    public sealed record CodeLabel(string Code, string Label);

    public sealed record FamilyDto(string Code, string Label, IReadOnlyList<CodeLabel> Subtypes);

    public sealed record RelationTypeDto(string Code, string Label, string ReverseLabel, bool Symmetric);

    public sealed record CodesDto(IReadOnlyList<FamilyDto> Families, IReadOnlyList<CodeLabel> Modes, IReadOnlyList<CodeLabel> WorkforceBands,
        IReadOnlyList<CodeLabel> NafVersions, IReadOnlyList<CodeLabel> HierarchyLevels, IReadOnlyList<CodeLabel> DecisionPowers,
        IReadOnlyList<CodeLabel> LawfulBases, IReadOnlyList<RelationTypeDto> RelationTypes);
}
