using Maillage.Data;
using Maillage.Territories;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Projects;

/// <summary>
/// The project of the demonstration territory: « Agir ensemble sur le territoire », framed with the words of Le
/// RAMEAU's Charenton-Saint-Maurice example (source 003). The source gives « 1 an d'expérimentation avec une
/// concentration des GT sur le 1er semestre 2012 » but no day: the days and the copil dates here are illustrative. The
/// experimentation took place, so its deliverables are delivered; what followed it is left for the user to record.
/// </summary>
public static class DemoProject
{
    public const string Name = "Agir ensemble sur le territoire";

    public static async Task<Project> AddAsync(AppDbContext db, Territory territory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(territory);
        var existing = await db.Projects.FirstOrDefaultAsync(p => p.TerritoryId == territory.Id && p.Name == Name, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var project = new Project(territory.Id, Name);
        project.Frame(new ProjectFrame(
            Name,
            Motives:
            "Pour les associations : face aux enjeux de transformation du secteur associatif, les partenariats avec les entreprises " +
            "apparaissent de plus en plus comme un levier pertinent pour répondre à des problématiques structurantes de l'association.\n" +
            "Pour les entreprises : les entreprises s'appuient de plus en plus sur les associations pour résoudre au mieux les " +
            "problématiques auxquelles elles sont confrontées (démarche RSE, clientèles fragiles, performance environnementale, " +
            "insertion de salariés en fragilité).\n" +
            "La place des collectivités : si les collectivités souhaitent travailler dans le sens d'un rapprochement entre entreprises " +
            "et associations, la question du « comment faire ? » reste posée.",
            Objectives:
            "Inventer collectivement des solutions de partenariat pour répondre aux enjeux du territoire et aux enjeux particuliers " +
            "des associations, des entreprises et des collectivités de ce territoire.",
            territory.Perimeter,
            Description:
            "À l'invitation de la collectivité, des associations et des entreprises échangent sur des thématiques qui impactent le " +
            "territoire et qui concernent ces deux acteurs (insertion des jeunes, emploi, précarité, handicap, environnement…). " +
            "Pour réfléchir à ces thématiques, des groupes de travail mixtes, associations et entreprises, sont constitués " +
            "(environ 8 à 12 participants par groupe de travail).",
            Principles:
            "Un objectif : faire travailler ensemble les associations et les entreprises du territoire autour d'enjeux partagés pour " +
            "ces acteurs et pour les collectivités concernées.\n" +
            "Capitaliser les travaux effectués ; être concret dans le travail effectué ; rendre des pistes d'actions simples mais sans " +
            "simplisme ; aboutir à des résultats opérationnels adossés à une réflexion structurée ; aider concrètement à mettre en " +
            "œuvre les actions identifiées comme pertinentes et réalisables.",
            Positioning:
            "La collectivité invite et porte la démarche sur son territoire ; Le RAMEAU apporte la méthode et l'animation des groupes " +
            "de travail ; associations et entreprises apportent leurs enjeux et leurs solutions.",
            OperationalRoles:
            "Des rôles partagés autour de l'animation et de l'apport de contenu ; un copil représentatif de la diversité des acteurs impliqués.",
            ProjectThemes.Parse(["insertion", "emploi", "precarite", "handicap", "environnement"]),
            TargetPopulation: "Associations et entreprises du territoire",
            StartDate: new DateOnly(2011, 10, 1),
            EndDate: new DateOnly(2012, 12, 31),
            TargetsCompanies: true));

        project.Phase(ProjectPhaseKind.Preparation).Update(
            "Cadrer l'expérimentation et la préparer : « un atout essentiel à la réussite de l'expérimentation ».",
            "Partager les bases de l'expérimentation entre les pilotes ; choisir les thématiques.",
            "Entretiens préparatoires avec les élus et les participants ; cadre méthodologique débattu en copil.",
            new DateOnly(2011, 10, 1), new DateOnly(2011, 12, 31));
        project.Phase(ProjectPhaseKind.Experimentation).Update(
            "D'une réflexion sur les enjeux du territoire à des propositions concrètes d'actions autour des partenariats associations / entreprises.",
            "Réunion collective de lancement, trois groupes de travail thématiques, réunion collective de restitution.",
            "GT1 : diagnostic partagé du territoire ; GT2 : pistes de solution ; GT3 : construction d'un plan d'action.",
            new DateOnly(2012, 1, 1), new DateOnly(2012, 6, 30));
        project.Phase(ProjectPhaseKind.Evaluation).Update(
            "Suivre la mise en œuvre des plans d'action après l'expérimentation.",
            "Bilan des groupes de travail et suivi des actions engagées.",
            "Copil de bilan représentatif de la diversité des acteurs impliqués.",
            new DateOnly(2012, 7, 1), new DateOnly(2012, 12, 31));

        project.AddDeliverable(ProjectPhaseKind.Preparation, "Cadre méthodologique partagé entre les pilotes", new DateOnly(2011, 12, 15), "Pilotes", DeliverableStatus.Delivered);
        project.AddDeliverable(ProjectPhaseKind.Experimentation, "Diagnostic partagé du territoire (GT1)", new DateOnly(2012, 2, 29), "Groupes de travail", DeliverableStatus.Delivered);
        project.AddDeliverable(ProjectPhaseKind.Experimentation, "Pistes de solution (GT2)", new DateOnly(2012, 4, 15), "Groupes de travail", DeliverableStatus.Delivered);
        project.AddDeliverable(ProjectPhaseKind.Experimentation, "Plan d'action (GT3)", new DateOnly(2012, 5, 31), "Groupes de travail", DeliverableStatus.Delivered);
        project.AddDeliverable(ProjectPhaseKind.Experimentation, "Réunion collective de restitution", new DateOnly(2012, 6, 28), "Pilotes", DeliverableStatus.Delivered);
        project.AddDeliverable(ProjectPhaseKind.Evaluation, "Bilan de l'expérimentation", new DateOnly(2012, 12, 15), "Copil", DeliverableStatus.Delivered);

        project.AddCopil(new DateOnly(2011, 11, 15), "Copil de cadrage");
        project.AddCopil(new DateOnly(2012, 1, 12), "Copil de lancement");
        project.AddCopil(new DateOnly(2012, 7, 5), "Copil intermédiaire");
        project.AddCopil(new DateOnly(2012, 12, 13), "Copil de bilan");

        db.Projects.Add(project);
        await db.SaveChangesAsync(cancellationToken);
        return project;
    }
}
