using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;

namespace Maillage.Projects;

/// <summary>The project dossier as a Word document (<c>…/projects/{projectId}/dossier.docx</c>), read like the project.</summary>
public static class DossierApi
{
    public static RouteGroupBuilder MapDossierApi(this RouteGroupBuilder projects)
    {
        ArgumentNullException.ThrowIfNull(projects);
        projects.MapGet("/{projectId:guid}/dossier.docx", DossierAsync).RequireTerritoryRole(TerritoryRole.Lecteur)
            .Produces(StatusCodes.Status200OK, (Type?)null, ProjectDossier.ContentType)
            .WithSummary("Le dossier du projet au format Word (.docx), selon le cadre méthodologique du RAMEAU : page de titre, exposé des motifs, " +
                         "description générale, principes, positionnements des parties prenantes, déroulé global, focus sur chaque partie, " +
                         "répartition des rôles opérationnels (tableau des rôles) et planning prévisionnel.");
        return projects;
    }

    private static async Task<IResult> DossierAsync(Guid territoryId, Guid projectId, AppDbContext db, PerimeterResolver perimeters,
        CurrentTerritory current, TimeProvider time, CancellationToken cancellationToken)
    {
        var model = await DossierLoading.LoadAsync(db, perimeters, territoryId, current.Required.Name, projectId,
            DateOnly.FromDateTime(time.GetLocalNow().DateTime), cancellationToken);
        return TypedResults.File(ProjectDossier.ToBytes(model), ProjectDossier.ContentType, ProjectDossier.FileName(model.Project.Name));
    }
}
