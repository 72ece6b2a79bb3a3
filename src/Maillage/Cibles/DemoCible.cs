using Maillage.Analysis;
using Maillage.Data;
using Maillage.Territories;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Cibles;

/// <summary>
/// The demo territory's cible around the Maison de l'emploi, filled (today and ideal), and its environment analysis,
/// so the demo shows the four steps and the grid at once.
/// </summary>
public static class DemoCible
{
    private static readonly (string Name, int? Current, int? Ideal)[] Placements =
    [
        ("Mission locale des Bords de Marne", 1, 1),
        ("France Travail Charenton-le-Pont", 2, 1),
        ("Commune de Charenton-le-Pont", 2, 1),
        ("Commune de Saint-Maurice", 3, 2),
        ("Région Île-de-France", 4, 2),
        ("DREETS Île-de-France", 3, 2),
        ("Chambre de commerce et d'industrie du Val-de-Marne", 4, 2),
        ("Club des entreprises de Charenton-Saint-Maurice", null, 1),
        ("Entreprise de services numériques (démonstration)", null, 3),
        ("Le RAMEAU", null, 2),
        ("Association d'insertion Trait d'union (démonstration)", 3, 3),
    ];

    public static async Task AddAsync(AppDbContext db, Territory territory, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(territory);
        var cible = new Cible(territory.Id, "Cible de la Maison de l'emploi", "Maison de l'emploi", null);
        db.Cibles.Add(cible);
        var actors = await db.Actors.Where(a => a.TerritoryId == territory.Id).ToDictionaryAsync(a => a.Name, cancellationToken);
        var items = new List<CibleItem>();
        foreach (var (name, current, ideal) in Placements)
        {
            var actor = actors[name];
            var placement = new CiblePlacement(cible, actor);
            placement.Place(cible, current, ideal);
            db.CiblePlacements.Add(placement);
            items.Add(new CibleItem(actor.Id, actor.Name, actor.Family, current, ideal, actor.Acronym));
        }

        db.CibleSnapshots.Add(new CibleSnapshot(cible, items, now, null, "Situation de départ, avant le premier tour de table."));

        var analysis = new EnvironmentAnalysis(territory.Id, "Analyse de l'environnement de la Maison de l'emploi", "Maison de l'emploi de Charenton-Saint-Maurice");
        var answers = new string?[EnvironmentGrid.Questions.Count];
        answers[0] = "Favoriser l'accès et le retour à l'emploi des habitants de Charenton-le-Pont et Saint-Maurice.";
        answers[1] = "Accueil et orientation, relations entreprises, animation du partenariat local pour l'emploi.";
        answers[2] = "Demandeurs d'emploi et jeunes des deux communes ; TPE et PME qui recrutent.";
        answers[8] = "Les deux communes de l'ancienne communauté de communes de Charenton-Saint-Maurice.";
        answers[9] = "La Région et la DREETS financent ; ils attendent un plan d'action partagé avec les entreprises.";
        answers[10] = "France Travail, la mission locale, la CCI, le club des entreprises, des associations d'insertion.";
        answers[13] = "Le club des entreprises et la mission locale ; Le RAMEAU pour la méthode.";
        analysis.Answer(answers);
        analysis.CheckConditions([true, true, false, true, false, true], [null, null, "À vérifier avec le conseil d'administration.", null, null, null],
            [true, true, true, false, true, false], [null, null, null, "Histoire locale des deux communes à documenter.", null, "Pas encore de veille organisée."]);
        analysis.Decide(WayToAct.Initiateur, "Les financeurs attendent un plan d'action partagé et aucun autre acteur ne porte la démarche : la Maison de l'emploi l'initie, avec les entreprises autour de la table dès le début.");
        db.EnvironmentAnalyses.Add(analysis);
        await db.SaveChangesAsync(cancellationToken);
    }
}
