using Maillage.Data;
using Maillage.Territories;
using Maillage.Territories.Reference;

namespace Maillage.Actors;

/// <summary>
/// The actors of the demonstration territory, taken from the source texts: the collectivités and the associations
/// and companies of the Charenton-Saint-Maurice example (003), and the partners of the role table of the territorial
/// employment guide (000) — Maison de l'emploi, France Travail (ex-Pôle emploi), CCI, DREETS (ex-Direccte), Région.
/// Names are generic on purpose: this is a demonstration, not a directory of real people.
/// </summary>
public static class DemoActors
{
    private sealed record Seed(string Key, string Name, string? Acronym, ActorFamily Family, string Subtype, string? CommuneCode,
        InterventionModes Modes, string[] Competences, string? Notes = null);

    private static readonly Seed[] Seeds =
    [
        new("charenton", "Commune de Charenton-le-Pont", null, ActorFamily.PouvoirsPublics, "commune", "94018",
            InterventionModes.Financement | InterventionModes.Locaux | InterventionModes.Reseau, ["politique de la ville", "emploi"],
            "À l'invitation de la collectivité, associations et entreprises échangent sur les thématiques du territoire (cadre du RAMEAU)."),
        new("saint-maurice", "Commune de Saint-Maurice", null, ActorFamily.PouvoirsPublics, "commune", "94069",
            InterventionModes.Locaux | InterventionModes.Reseau, ["politique de la ville", "handicap"]),
        new("region", "Région Île-de-France", null, ActorFamily.PouvoirsPublics, "region", null,
            InterventionModes.Financement, ["formation professionnelle", "développement économique"],
            "Financeur et partenaire dans le tableau des rôles du guide territorial pour l'emploi."),
        new("dreets", "DREETS Île-de-France", "DREETS", ActorFamily.PouvoirsPublics, "services-etat", null,
            InterventionModes.Financement | InterventionModes.Expertise, ["emploi", "insertion"],
            "Ex-Direccte : financeur et partenaire dans le tableau des rôles du guide territorial pour l'emploi."),
        new("cci", "Chambre de commerce et d'industrie du Val-de-Marne", "CCI 94", ActorFamily.DeveloppementEconomique, "cci", null,
            InterventionModes.Expertise | InterventionModes.Reseau | InterventionModes.Accompagnement, ["création d'entreprise", "RSE"]),
        new("mde", "Maison de l'emploi de Charenton-Saint-Maurice", "MDE", ActorFamily.EmploiFormation, "maison-emploi", "94018",
            InterventionModes.Accompagnement | InterventionModes.Reseau, ["emploi", "gestion de projet", "insertion"],
            "Pilote dans le tableau des rôles : « en charge du projet, assure la mobilisation des acteurs et la cohérence de la démarche »."),
        new("france-travail", "France Travail Charenton-le-Pont", null, ActorFamily.EmploiFormation, "france-travail", "94018",
            InterventionModes.Accompagnement | InterventionModes.Prescription, ["emploi", "recrutement"]),
        new("mission-locale", "Mission locale des Bords de Marne", null, ActorFamily.EmploiFormation, "mission-locale", "94069",
            InterventionModes.Accompagnement, ["insertion des jeunes", "emploi"]),
        new("club", "Club des entreprises de Charenton-Saint-Maurice", null, ActorFamily.Entreprises, "club-entreprises", "94018",
            InterventionModes.Reseau | InterventionModes.Mecenat | InterventionModes.MiseADisposition, ["RSE", "recrutement"],
            "Relais des entreprises à associer dès le début du tour de table (guide territorial pour l'emploi)."),
        new("entreprise", "Entreprise de services numériques (démonstration)", null, ActorFamily.Entreprises, "entreprise", "94069",
            InterventionModes.MiseADisposition | InterventionModes.Mecenat, ["numérique", "RSE"]),
        new("rameau", "Le RAMEAU", null, ActorFamily.Associations, "association", "94080",
            InterventionModes.Expertise | InterventionModes.Accompagnement, ["partenariats associations-entreprises", "évaluation"],
            "Auteur du cadre méthodologique « Agir ensemble sur le territoire »."),
        new("insertion", "Association d'insertion Trait d'union (démonstration)", null, ActorFamily.Associations, "association", "94069",
            InterventionModes.Accompagnement | InterventionModes.Benevolat, ["insertion des jeunes", "précarité"]),
    ];

    public static async Task AddAsync(AppDbContext db, Territory territory, InseeReference reference, CancellationToken cancellationToken)
    {
        var actors = new Dictionary<string, Actor>();
        foreach (var seed in Seeds)
        {
            var actor = new Actor(territory.Id, seed.Name, seed.Acronym, seed.Family);
            actor.Classify(seed.Family, seed.Subtype, SubtypeCatalog.DefaultsOnly);
            if (seed.CommuneCode is not null)
            {
                var commune = reference.FindCommune(seed.CommuneCode);
                actor.SetAddress(null, null, commune is { PostalCodes.Count: > 0 } ? commune.PostalCodes[0] : null, seed.CommuneCode, reference);
                if (seed.Family == ActorFamily.PouvoirsPublics)
                {
                    actor.SetIdentifiers(commune?.Siren, null, null);
                }
            }

            actor.SetModes(seed.Modes);
            actor.Describe(null, null, seed.Notes);
            actor.SetCompetences(await Competence.ResolveAsync(db, territory.Id, seed.Competences, cancellationToken));
            db.Actors.Add(actor);
            actors[seed.Key] = actor;
        }

        AddContact(db, actors["mde"], "Claire", "Martin", "Cheffe de projet", HierarchyLevel.Direction, DecisionPower.Oui, "Deux jours par semaine sur le projet");
        AddContact(db, actors["france-travail"], "Karim", "Benali", "Conseiller entreprises", HierarchyLevel.Technique, DecisionPower.Non, null);
        AddContact(db, actors["club"], "Sophie", "Lambert", "Présidente du club", HierarchyLevel.Direction, DecisionPower.Partiel, "Réunions en soirée");
        AddContact(db, actors["charenton"], "Paul", "Girard", "Adjoint au maire chargé de l'emploi", HierarchyLevel.Elu, DecisionPower.Oui, null);

        var relations = RelationTypeCatalog.DefaultsOnly;
        db.ActorRelations.AddRange(
            new ActorRelation(actors["region"], actors["mde"], "finance", relations, null, null, 4, null),
            new ActorRelation(actors["dreets"], actors["mde"], "finance", relations, null, null, 3, null),
            new ActorRelation(actors["france-travail"], actors["mission-locale"], "prescrit", relations, null, null, 4, null),
            new ActorRelation(actors["club"], actors["cci"], "membre-de", relations, null, null, 3, null),
            new ActorRelation(actors["entreprise"], actors["club"], "membre-de", relations, null, null, 2, null),
            new ActorRelation(actors["charenton"], actors["saint-maurice"], "partenaire-historique", relations, null, null, 5,
                "Les deux communes formaient la communauté de communes de Charenton-Saint-Maurice."),
            new ActorRelation(actors["rameau"], actors["charenton"], "alliance", relations, null, null, 3,
                "Le RAMEAU a accompagné l'expérimentation « Agir ensemble sur le territoire »."),
            new ActorRelation(actors["insertion"], actors["mission-locale"], "partenaire-historique", relations, null, null, 3, null));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void AddContact(AppDbContext db, Actor actor, string firstName, string lastName, string function,
        HierarchyLevel level, DecisionPower power, string? availability)
    {
        var contact = new Contact(actor, firstName, lastName, LawfulBasis.MissionInteretPublic, "Données fictives du territoire de démonstration");
        contact.SetRole(function, level, power, availability);
        db.Contacts.Add(contact);
    }
}
