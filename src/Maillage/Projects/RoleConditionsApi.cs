using System.ComponentModel.DataAnnotations;
using Maillage.Data;
using Maillage.Infrastructure;

namespace Maillage.Projects;

/// <summary>
/// A territory's conditions of exercise of source 000's four roles, under <c>…/projects/roles/{code}/conditions</c>
/// beside the territory's own roles. Rights as for those roles: Pilote and Administrateur write.
/// </summary>
public static class RoleConditionsApi
{
    public static RouteGroupBuilder MapRoleConditionsApi(this RouteGroupBuilder projects)
    {
        ArgumentNullException.ThrowIfNull(projects);
        projects.MapPut("/roles/{code}/conditions", EditAsync).WithTags("Participations").AddEndpointFilter<ValidationFilter<RoleConditionsInput>>()
            .WithSummary("Remplace, pour ce territoire, les conditions d'exercice d'un des quatre rôles du tableau de référence (une par élément ; " +
                         "une liste vide n'en garde aucune). Une condition au texte de la source garde son code. Version (ou If-Match) " +
                         "pour ne pas écraser une modification concurrente (409).");
        projects.MapDelete("/roles/{code}/conditions", RevertAsync).WithTags("Participations")
            .WithSummary("Revient aux conditions d'exercice de la source pour ce rôle du tableau de référence (version ou If-Match).");
        return projects;
    }

    private static async Task<IResult> EditAsync(Guid territoryId, string code, RoleConditionsInput input, HttpRequest request, AppDbContext db,
        CancellationToken cancellationToken)
    {
        await BuiltInRoleConditionsEditing.EditAsync(db, territoryId, code, input.Conditions!, input.Version ?? request.IfMatchVersion(), cancellationToken);
        var roles = await ParticipationLoading.RolesAsync(db, territoryId, cancellationToken);
        return TypedResults.Ok(RoleDto.Of(roles.Get(code)));
    }

    private static async Task<IResult> RevertAsync(Guid territoryId, string code, long? version, HttpRequest request, AppDbContext db,
        CancellationToken cancellationToken)
    {
        await BuiltInRoleConditionsEditing.RevertAsync(db, territoryId, code, version ?? request.IfMatchVersion(), cancellationToken);
        return TypedResults.NoContent();
    }

    public sealed class RoleConditionsInput
    {
        /// <summary>The conditions, one per element, in their order; an empty list keeps none.</summary>
        [Required(ErrorMessage = "Conditions d'exercice : la liste des conditions (conditions) est obligatoire ; une liste vide n'en garde aucune.")]
        public List<string>? Conditions { get; set; }

        /// <summary>The <c>conditionsVersion</c> read with the role (0 when the territory never edited it).</summary>
        public long? Version { get; set; }
    }
}
