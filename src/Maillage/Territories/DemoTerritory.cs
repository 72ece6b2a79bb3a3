using Maillage.Actors;
using Maillage.Data;
using Maillage.Territories.Reference;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Territories;

/// <summary>
/// The demonstration territory, built from the Charenton-Saint-Maurice example of Le RAMEAU's methodological
/// frame (source text 003), with its actors (<see cref="DemoActors"/>). Later capabilities add its project and agreement.
/// </summary>
public static class DemoTerritory
{
    public const string Name = "Charenton-Saint-Maurice — Agir ensemble sur le territoire (démonstration)";

    public const string Description =
        "Territoire de démonstration tiré de l'exemple du cadre méthodologique du RAMEAU : « Inventer collectivement " +
        "des solutions de partenariat pour répondre aux enjeux du territoire et aux enjeux particuliers des associations, " +
        "des entreprises et des collectivités de ce territoire. » À l'invitation de la collectivité, des associations et " +
        "des entreprises échangent sur des thématiques qui impactent le territoire (insertion des jeunes, emploi, " +
        "précarité, handicap, environnement) en groupes de travail mixtes de 8 à 12 participants.";

    /// <summary>Charenton-le-Pont and Saint-Maurice, the two communes of the former communauté de communes.</summary>
    public static readonly string[] PerimeterCodes = ["94018", "94069"];

    public static async Task<Territory> EnsureAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var existing = await db.Territories.FirstOrDefaultAsync(t => t.IsDemo, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var perimeter = scope.ServiceProvider.GetRequiredService<PerimeterResolver>().Resolve(PerimeterCodes);
        var territory = new Territory(Name, Description, perimeter);
        territory.MarkAsDemo();
        db.Territories.Add(territory);
        await db.SaveChangesAsync(cancellationToken);
        await DemoActors.AddAsync(db, territory, scope.ServiceProvider.GetRequiredService<InseeReference>(), cancellationToken);
        await Projects.DemoProject.AddAsync(db, territory, cancellationToken);
        await Cibles.DemoCible.AddAsync(db, territory, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, cancellationToken);
        return territory;
    }
}
