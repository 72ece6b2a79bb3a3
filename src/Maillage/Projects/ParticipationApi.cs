using System.ComponentModel.DataAnnotations;
using Maillage.Actors;
using Maillage.Data;
using Maillage.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Projects;

/// <summary>
/// The partners of a project under <c>…/projects/{projectId}/participations</c> and the roles of the territory
/// under <c>…/projects/roles</c>. Codes are stable (roles, mobilisation levels, conditions); French labels come beside them.
/// </summary>
public static class ParticipationApi
{
    public static RouteGroupBuilder MapParticipationApi(this RouteGroupBuilder projects)
    {
        ArgumentNullException.ThrowIfNull(projects);
        projects.MapGet("/roles", RolesAsync).WithTags("Participations")
            .WithSummary("Les rôles d'un projet : les quatre du tableau de référence (pilote, operateur, financeur, partenaire) et ceux du territoire, avec leurs conditions d'exercice.");
        projects.MapPost("/roles", CreateRoleAsync).WithTags("Participations").AddEndpointFilter<ValidationFilter<RoleInput>>()
            .WithSummary("Ajoute un rôle au territoire, avec ses conditions d'exercice (une par élément).");
        projects.MapDelete("/roles/{code}", DeleteRoleAsync).WithTags("Participations")
            .WithSummary("Retire un rôle du territoire, s'il n'est tenu dans aucun projet.");
        projects.MapRoleConditionsApi();

        var participations = projects.MapGroup("/{projectId:guid}/participations").WithTags("Participations");
        participations.MapGet("/", ListAsync).WithSummary("Les participants du projet, par vague, rôle et nom.");
        participations.MapPost("/", CreateAsync).AddEndpointFilter<ValidationFilter<ParticipationInput>>()
            .WithSummary("Ajoute un acteur au projet avec un rôle (actorId, role, mobilisation, wave, decisionWeight, representativeContactId…).");
        participations.MapGet("/{participationId:guid}", GetAsync).WithSummary("Une participation, avec l'historique de sa mobilisation.");
        participations.MapPut("/{participationId:guid}", UpdateAsync).AddEndpointFilter<ValidationFilter<ParticipationInput>>()
            .WithSummary("Modifie une participation (l'acteur ne change pas) ; version obligatoire pour ne pas écraser une modification concurrente (409).");
        participations.MapDelete("/{participationId:guid}", DeleteAsync).WithSummary("Retire un acteur du projet.");
        return projects;
    }

    private static async Task<IResult> RolesAsync(Guid territoryId, AppDbContext db, CancellationToken cancellationToken)
    {
        var roles = await ParticipationLoading.RolesAsync(db, territoryId, cancellationToken);
        return TypedResults.Ok(roles.Roles.Select(RoleDto.Of));
    }

    private static async Task<IResult> CreateRoleAsync(Guid territoryId, RoleInput input, AppDbContext db, CancellationToken cancellationToken)
    {
        var role = new ProjectRole(territoryId, input.Label!, input.Description, string.Join('\n', input.Conditions ?? []));
        if (await db.ProjectRoles.AnyAsync(r => r.TerritoryId == territoryId && r.Code == role.Code, cancellationToken))
        {
            throw new DomainException($"Libellé : le rôle « {role.Label} » existe déjà dans ce territoire.");
        }

        db.ProjectRoles.Add(role);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/territories/{territoryId}/projects/roles/{role.Code}", RoleDto.Of(role.ToRole()));
    }

    private static async Task<IResult> DeleteRoleAsync(Guid territoryId, string code, AppDbContext db, CancellationToken cancellationToken)
    {
        var role = await db.ProjectRoles.SingleOrDefaultAsync(r => r.TerritoryId == territoryId && r.Code == code, cancellationToken);
        if (role is null)
        {
            return Problems.NotFound("Ce rôle n'existe pas dans ce territoire (les quatre rôles du tableau de référence ne se retirent pas).");
        }

        await ProjectRoles.RemoveAsync(db, role, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ListAsync(Guid territoryId, Guid projectId, AppDbContext db, CancellationToken cancellationToken)
    {
        var project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: false, cancellationToken);
        var roles = await ParticipationLoading.RolesAsync(db, territoryId, cancellationToken);
        var lines = await ParticipationLoading.ListAsync(db, territoryId, project.Id, roles, cancellationToken);
        return TypedResults.Ok(lines.Select(l => ParticipationDto.Of(l, roles, null)));
    }

    private static async Task<IResult> CreateAsync(Guid territoryId, Guid projectId, ParticipationInput input, AppDbContext db, CancellationToken cancellationToken)
    {
        var project = await ProjectLoading.FindAsync(db, territoryId, projectId, tracked: false, cancellationToken);
        var roles = await ParticipationLoading.RolesAsync(db, territoryId, cancellationToken);
        var participation = await ParticipationLoading.AddAsync(db, project, input.ActorId!.Value, roles.Get(input.Role), input.ToFields(),
            input.RepresentativeContactId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/territories/{territoryId}/projects/{projectId}/participations/{participation.Id}",
            await DtoAsync(db, territoryId, participation, roles, cancellationToken));
    }

    private static async Task<IResult> GetAsync(Guid territoryId, Guid projectId, Guid participationId, AppDbContext db, CancellationToken cancellationToken)
    {
        var participation = await ParticipationLoading.FindAsync(db, territoryId, projectId, participationId, tracked: false, cancellationToken);
        var roles = await ParticipationLoading.RolesAsync(db, territoryId, cancellationToken);
        return TypedResults.Ok(await DtoAsync(db, territoryId, participation, roles, cancellationToken));
    }

    private static async Task<IResult> UpdateAsync(Guid territoryId, Guid projectId, Guid participationId, ParticipationInput input, HttpRequest request,
        AppDbContext db, CancellationToken cancellationToken)
    {
        var participation = await ParticipationLoading.FindAsync(db, territoryId, projectId, participationId, tracked: true, cancellationToken);
        if (input.ActorId != participation.ActorId)
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["actorId"] = ["Acteur : une participation ne change pas d'acteur ; retirez-la et ajoutez l'autre acteur."],
            });
        }

        await db.ExpectVersionAsync(participation, input.Version ?? request.IfMatchVersion(), cancellationToken);
        var roles = await ParticipationLoading.RolesAsync(db, territoryId, cancellationToken);
        await ParticipationLoading.UpdateAsync(db, participation, roles.Get(input.Role), input.ToFields(), input.RepresentativeContactId, cancellationToken);
        await db.SaveCheckedAsync(cancellationToken);
        return TypedResults.Ok(await DtoAsync(db, territoryId, participation, roles, cancellationToken));
    }

    private static async Task<IResult> DeleteAsync(Guid territoryId, Guid projectId, Guid participationId, long? version, AppDbContext db,
        CancellationToken cancellationToken)
    {
        var participation = await ParticipationLoading.FindAsync(db, territoryId, projectId, participationId, tracked: true, cancellationToken);
        await db.ExpectVersionAsync(participation, version, cancellationToken);
        db.ProjectParticipations.Remove(participation);
        await db.SaveCheckedAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<ParticipationDto> DtoAsync(AppDbContext db, Guid territoryId, ProjectParticipation participation, ParticipationRoleCatalog roles,
        CancellationToken cancellationToken)
    {
        var actor = await db.Actors.AsNoTracking().Where(a => a.Id == participation.ActorId && a.TerritoryId == territoryId)
            .Select(a => new { a.Name, a.Acronym, a.Family }).SingleAsync(cancellationToken);
        var representative = participation.RepresentativeContactId is { } contactId
            ? await db.Contacts.AsNoTracking().Where(c => c.Id == contactId).Select(c => c.FirstName == null ? c.LastName : c.FirstName + " " + c.LastName)
                .SingleOrDefaultAsync(cancellationToken)
            : null;
        var history = await ParticipationLoading.MobilisationHistoryAsync(db, participation, cancellationToken);
        return ParticipationDto.Of(new ParticipationLine(participation, actor.Name, actor.Acronym, actor.Family, representative), roles, history);
    }

    public sealed class ParticipationInput
    {
        [Required(ErrorMessage = "Acteur : l'acteur (actorId) est obligatoire.")]
        public Guid? ActorId { get; set; }

        /// <summary>pilote, operateur, financeur, partenaire or the code of one of the territory's roles.</summary>
        [Required(ErrorMessage = "Rôle : le rôle est obligatoire (pilote, operateur, financeur, partenaire ou un rôle du territoire).")]
        public string? Role { get; set; }

        public string? Function { get; set; }

        /// <summary>The codes of the role's conditions of exercise that are met (see <c>GET …/projects/roles</c>).</summary>
        public List<string>? ConditionsMet { get; set; }

        /// <summary>non-contacte, informe, interesse, engage or moteur; non-contacte when absent.</summary>
        public string? Mobilisation { get; set; }

        /// <summary>1 for the first group of partners, 2, 3… as the circle widens; 1 when absent.</summary>
        public int? Wave { get; set; }

        /// <summary>Weight in decisions, 0 to 100; 0 when absent.</summary>
        public int? DecisionWeight { get; set; }

        /// <summary>One of the actor's contacts.</summary>
        public Guid? RepresentativeContactId { get; set; }

        /// <summary>True when absent.</summary>
        public bool? IsActive { get; set; }

        public DateOnly? LastActivityDate { get; set; }
        public long? Version { get; set; }

        public ParticipationFields ToFields() =>
            new(Function, ConditionsMet ?? [], Mobilisation is null ? MobilisationLevel.NotContacted : MobilisationLevels.Parse(Mobilisation),
                Wave ?? 1, DecisionWeight ?? 0, IsActive ?? true, LastActivityDate);
    }

    public sealed class RoleInput
    {
        [Required(ErrorMessage = "Libellé : le nom du rôle est obligatoire.")]
        public string? Label { get; set; }

        public string? Description { get; set; }
        public List<string>? Conditions { get; set; }
    }
}

/// <summary>The territory's own roles: removed only when no project uses them.</summary>
public static class ProjectRoles
{
    public static async Task RemoveAsync(AppDbContext db, ProjectRole role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(role);
        var uses = await db.ProjectParticipations.CountAsync(p => p.TerritoryId == role.TerritoryId && p.Role == role.Code, cancellationToken);
        if (uses > 0)
        {
            throw new DomainException($"Le rôle « {role.Label} » ne peut pas être retiré : {uses} participation{(uses > 1 ? "s l'utilisent" : " l'utilise")}. " +
                                      "Changez d'abord leur rôle.");
        }

        db.ProjectRoles.Remove(role);
    }
}

public sealed record ConditionDto(string Code, string Text, bool? Met = null);

/// <summary>
/// A role with its effective conditions. For the four roles of the source, <c>ConditionsEdited</c> says whether the
/// territory wrote its own conditions and <c>ConditionsVersion</c> is the version to send back when editing them.
/// </summary>
public sealed record RoleDto(string Code, string Label, string Description, string? Examples, bool BuiltIn, IReadOnlyList<ConditionDto> Conditions,
    bool ConditionsEdited, long? ConditionsVersion)
{
    public static RoleDto Of(ParticipationRole r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Code, r.Label, r.Description, r.Examples, r.IsBuiltIn, r.Conditions.Select(c => new ConditionDto(c.Code, c.Text)).ToList(),
            r.ConditionsEdited, r.IsBuiltIn ? r.ConditionsVersion : null);
    }
}

public sealed record MobilisationStepDto(DateTime At, string? By, string? From, string To);

public sealed record ParticipationDto(
    Guid Id, Guid ActorId, string ActorName, string ActorFamily, string Role, string RoleLabel, string? Function,
    IReadOnlyList<ConditionDto> Conditions, string Mobilisation, string MobilisationLabel, int Wave, int DecisionWeight,
    Guid? RepresentativeContactId, string? RepresentativeName, bool IsActive, DateOnly? LastActivityDate,
    IReadOnlyList<MobilisationStepDto>? MobilisationHistory, long Version)
{
    public static ParticipationDto Of(ParticipationLine line, ParticipationRoleCatalog roles, IReadOnlyList<MobilisationStep>? history)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(roles);
        var p = line.Participation;
        var met = p.ConditionCodes;
        var conditions = roles.Find(p.Role)?.Conditions.Select(c => new ConditionDto(c.Code, c.Text, met.Contains(c.Code))).ToList() ?? [];
        return new ParticipationDto(p.Id, p.ActorId, line.ActorName, line.Family.Code(), p.Role, roles.LabelOf(p.Role), p.Function, conditions,
            p.Mobilisation.Code(), p.Mobilisation.Label(), p.Wave, p.DecisionWeight, p.RepresentativeContactId, line.RepresentativeName, p.IsActive,
            p.LastActivityDate, history?.Select(h => new MobilisationStepDto(h.At, h.By, h.From?.Code(), h.To.Code())).ToList(), p.Version);
    }
}
