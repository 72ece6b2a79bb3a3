using Maillage.Actors;
using Maillage.Projects;
using Maillage.Territories;

namespace Maillage.Data;

/// <summary>French words for the history: entity types, property names of the entities and actions.</summary>
public static class HistoryText
{
    private static readonly Dictionary<string, string> EntityTypes = new()
    {
        ["Territory"] = "Territoire",
        ["TerritoryMember"] = "Membre",
        ["Actor"] = "Acteur",
        ["Contact"] = "Interlocuteur",
        ["ActorRelation"] = "Relation",
        ["ActorSubtype"] = "Sous-type",
        ["RelationType"] = "Type de relation",
        ["Competence"] = "Compétence",
        ["Project"] = "Projet",
        ["ProjectPhase"] = "Phase du projet",
        ["ProjectDeliverable"] = "Livrable",
        ["ProjectCopil"] = "Comité de pilotage",
        ["Cible"] = "Cible",
        ["CiblePlacement"] = "Placement sur la cible",
        ["EnvironmentAnalysis"] = "Analyse de l'environnement",
        ["ProjectParticipation"] = "Participation au projet",
        ["ProjectRole"] = "Rôle de projet",
        ["BuiltInRoleConditions"] = "Conditions d'un rôle du tableau de référence",
    };

    private static readonly Dictionary<string, string> Properties = new()
    {
        ["Name"] = "Nom",
        ["Description"] = "Description",
        ["PerimeterCodes"] = "Périmètre",
        ["IsDemo"] = "Démonstration",
        ["Role"] = "Rôle",
        ["UserId"] = "Compte",
        ["TerritoryId"] = "Territoire",
        ["Acronym"] = "Sigle",
        ["Family"] = "Famille",
        ["Subtype"] = "Sous-type",
        ["Siren"] = "SIREN",
        ["Siret"] = "SIRET",
        ["Rna"] = "RNA",
        ["NafCode"] = "Code NAF",
        ["NafVersion"] = "Nomenclature NAF",
        ["WorkforceBand"] = "Tranche d'effectif",
        ["AddressLine1"] = "Adresse",
        ["AddressLine2"] = "Complément d'adresse",
        ["PostalCode"] = "Code postal",
        ["CommuneCode"] = "Commune",
        ["CompetenceLabels"] = "Compétences",
        ["Modes"] = "Modes d'intervention",
        ["CollaborativeLogic"] = "Logique collaborative",
        ["Website"] = "Site web",
        ["Notes"] = "Notes",
        ["ActorId"] = "Acteur",
        ["FirstName"] = "Prénom",
        ["LastName"] = "Nom",
        ["Function"] = "Fonction",
        ["HierarchyLevel"] = "Niveau hiérarchique",
        ["DecisionPower"] = "Pouvoir de décision",
        ["Availability"] = "Disponibilité",
        ["Email"] = "Adresse électronique",
        ["Phone"] = "Téléphone",
        ["LawfulBasis"] = "Base légale",
        ["LawfulBasisSource"] = "Source des données",
        ["LastInteractionAt"] = "Dernière interaction",
        ["AnonymisedAt"] = "Anonymisation",
        ["SourceActorId"] = "Acteur source",
        ["TargetActorId"] = "Acteur lié",
        ["Type"] = "Type",
        ["StartDate"] = "Date de début",
        ["EndDate"] = "Date de fin",
        ["Strength"] = "Intensité",
        ["Label"] = "Libellé",
        ["ReverseLabel"] = "Lecture inverse",
        ["IsSymmetric"] = "Symétrique",
        ["Code"] = "Code",
        ["Key"] = "Clé",
        ["Motives"] = "Exposé des motifs",
        ["Objectives"] = "Objectifs",
        ["Principles"] = "Principes et clés de succès",
        ["Positioning"] = "Positionnement des parties prenantes",
        ["OperationalRoles"] = "Répartition des rôles opérationnels",
        ["Themes"] = "Thèmes",
        ["TargetPopulation"] = "Public visé",
        ["TargetsCompanies"] = "S'adresse à des entreprises",
        ["FollowUp"] = "Suite donnée",
        ["FollowUpDecidedOn"] = "Date de la décision",
        ["FollowUpNote"] = "Motifs de la décision",
        ["ProjectId"] = "Projet",
        ["Kind"] = "Phase",
        ["Phase"] = "Phase",
        ["Method"] = "Mode opératoire",
        ["Title"] = "Intitulé",
        ["DueDate"] = "Échéance",
        ["Owner"] = "Responsable",
        ["Status"] = "Statut",
        ["Date"] = "Date",
        [MergeProperty] = "Fusion",
        ["Centre"] = "Centre",
        ["RingCount"] = "Nombre d'anneaux",
        ["Ring1"] = "Anneau 1",
        ["Ring2"] = "Anneau 2",
        ["Ring3"] = "Anneau 3",
        ["Ring4"] = "Anneau 4",
        ["Ring5"] = "Anneau 5",
        ["CibleId"] = "Cible",
        ["Current"] = "Aujourd'hui",
        ["Ideal"] = "Idéal",
        ["Organisation"] = "Organisation porteuse",
        ["Way"] = "Décision",
        ["Reasons"] = "Raisons",
        ["OrganisationId"] = "Organisation",
        ["Mobilisation"] = "Mobilisation",
        ["Wave"] = "Vague",
        ["DecisionWeight"] = "Poids dans les décisions",
        ["RepresentativeContactId"] = "Représentant",
        ["IsActive"] = "Actif",
        ["LastActivityDate"] = "Dernière activité",
        ["ConditionsMet"] = "Conditions d'exercice remplies",
        ["Conditions"] = "Conditions d'exercice",
        ["RoleCode"] = "Rôle",
    };

    static HistoryText()
    {
        for (var i = 1; i <= 14; i++)
        {
            Properties[$"Answer{i}"] = $"Question {i}";
        }

        for (var i = 1; i <= 6; i++)
        {
            Properties[$"InternalMet{i}"] = $"Condition interne {i}";
            Properties[$"InternalNote{i}"] = $"Commentaire de la condition interne {i}";
            Properties[$"ExternalMet{i}"] = $"Condition externe {i}";
            Properties[$"ExternalNote{i}"] = $"Commentaire de la condition externe {i}";
        }
    }

    /// <summary>The pseudo-property of the history line written when an actor absorbs a duplicate.</summary>
    public const string MergeProperty = "Merge";

    public static string EntityType(string type) => EntityTypes.GetValueOrDefault(type, type);

    public static string Property(string name) => Properties.GetValueOrDefault(name, name);

    /// <summary>A recorded value as people read it: yes/no rather than True/False.</summary>
    public static string? Value(string? value) => value switch
    {
        "True" => "Oui",
        "False" => "Non",
        _ => value,
    };

    /// <summary>
    /// A recorded value of a property as people read it: the French label of a stored code (family, subtype,
    /// modes, hierarchy level, decision power, lawful basis, relation type), a neutral word instead of the
    /// identifier of another record, yes/no rather than True/False. Unknown values are returned as they are.
    /// Subtypes and relation types a territory added are stored under their code, shown as it is.
    /// </summary>
    public static string? Value(string property, string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (Guid.TryParse(value, out _))
        {
            return property == "TerritoryId" ? "Ce territoire" : property.Contains("Actor", StringComparison.Ordinal) || property == MergeProperty ? "Acteur lié" : "Élément lié";
        }

        return property switch
        {
            "Family" => Enum.TryParse<ActorFamily>(value, out var family) && Enum.IsDefined(family) ? family.Label() : value,
            "Subtype" => SubtypeCatalog.DefaultsOnly.Find(value)?.Label ?? value,
            "Type" => RelationTypeCatalog.DefaultsOnly.Find(value)?.Label ?? value,
            "Modes" => Enum.TryParse<InterventionModes>(value, out var modes)
                ? modes == InterventionModes.None ? "Aucun" : string.Join(", ", modes.Labels())
                : value,
            "HierarchyLevel" => Enum.TryParse<HierarchyLevel>(value, out var level) && Enum.IsDefined(level) ? level.Label() : value,
            "DecisionPower" => Enum.TryParse<DecisionPower>(value, out var power) && Enum.IsDefined(power) ? power.Label() : value,
            "LawfulBasis" => Enum.TryParse<LawfulBasis>(value, out var basis) && Enum.IsDefined(basis) ? basis.Label() : value,
            "Role" => TerritoryRoles.TryParse(value, out var role) ? role.Label() : ParticipationRoleCatalog.DefaultsOnly.LabelOf(value),
            "RoleCode" => ParticipationRoleCatalog.DefaultsOnly.LabelOf(value),
            "Mobilisation" => MobilisationLevels.FromHistory(value)?.Label() ?? value,
            "Kind" or "Phase" => Enum.TryParse<ProjectPhaseKind>(value, out var phase) && Enum.IsDefined(phase) ? phase.ShortLabel() : value,
            "Status" => Enum.TryParse<DeliverableStatus>(value, out var status) && Enum.IsDefined(status) ? status.Label() : value,
            "FollowUp" => Enum.TryParse<FollowUpDecision>(value, out var decision) && Enum.IsDefined(decision) ? decision.Label() : value,
            "Themes" => string.Join(", ", ProjectThemes.Parse(value).Select(t => t.Label)),
            "Way" => Enum.TryParse<Analysis.WayToAct>(value, out var way) && Enum.IsDefined(way) ? Analysis.EnvironmentGrid.Label(way) : value,
            _ => Value(value),
        };
    }

    public static string Action(AuditAction action) => action switch
    {
        AuditAction.Created => "Création",
        AuditAction.Updated => "Modification",
        _ => "Suppression",
    };
}
