using Maillage.Actors;
using Maillage.Actors.Transfer;
using Maillage.Analysis;
using Maillage.Cibles;
using Maillage.Imports;
using Maillage.Network;
using Maillage.Territories;
using Maillage.Territories.Reference;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Maillage.Infrastructure;

public static class ApiSetup
{
    /// <summary>Every <c>/api/v1</c> endpoint: authenticated (cookie or personal token), French problems on error.</summary>
    public static WebApplication MapMaillageApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization();
        api.MapReferenceApi();
        api.MapTerritoryApi();
        api.MapActorApi();
        api.MapNetworkApi();
        Maillage.Projects.ProjectApi.MapProjectApi(api);
        api.MapActorTransferApi();
        api.MapImportApi();
        api.MapCibleApi();
        api.MapAnalysisApi();
        return app;
    }
}

internal static class OpenApiSetup
{
    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "API Maillage",
                Version = "v1",
                Description = "API des territoires, de leurs acteurs et de leurs partenariats. Authentification : " +
                              "jeton personnel dans l'en-tête « Authorization: Bearer <jeton> ». Les erreurs sont au format " +
                              "application/problem+json, en français.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["jeton"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Jeton personnel créé sur la page « Mon compte » ou par la commande token create.",
            };
            return Task.CompletedTask;
        });
    }
}
