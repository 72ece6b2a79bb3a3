using Maillage.Actors;

namespace Maillage.Bench.Generation;

/// <summary>Word lists of the generator: real NAF rév. 2 sub-classes, a territory's competences, association themes.</summary>
internal static class Catalogs
{
    /// <summary>NAF rév. 2 sub-classes (INSEE) frequent among the companies and structures of a French territory.</summary>
    public static readonly (string Code, string Label)[] CompanyNaf =
    [
        ("10.71C", "Boulangerie et boulangerie-pâtisserie"),
        ("16.23Z", "Fabrication de charpentes et d'autres menuiseries"),
        ("25.62B", "Mécanique industrielle"),
        ("41.20A", "Construction de maisons individuelles"),
        ("43.21A", "Travaux d'installation électrique dans tous locaux"),
        ("43.22A", "Travaux d'installation d'eau et de gaz en tous locaux"),
        ("43.32A", "Travaux de menuiserie bois et PVC"),
        ("43.34Z", "Travaux de peinture et vitrerie"),
        ("45.20A", "Entretien et réparation de véhicules automobiles légers"),
        ("46.90Z", "Commerce de gros non spécialisé"),
        ("47.11B", "Commerce d'alimentation générale"),
        ("47.11F", "Hypermarchés"),
        ("47.73Z", "Commerce de détail de produits pharmaceutiques en magasin spécialisé"),
        ("49.41A", "Transports routiers de fret interurbains"),
        ("52.10B", "Entreposage et stockage non frigorifique"),
        ("55.10Z", "Hôtels et hébergement similaire"),
        ("56.10A", "Restauration traditionnelle"),
        ("56.10C", "Restauration de type rapide"),
        ("62.01Z", "Programmation informatique"),
        ("62.02A", "Conseil en systèmes et logiciels informatiques"),
        ("68.20A", "Location de logements"),
        ("69.20Z", "Activités comptables"),
        ("70.22Z", "Conseil pour les affaires et autres conseils de gestion"),
        ("71.12B", "Ingénierie, études techniques"),
        ("78.20Z", "Activités des agences de travail temporaire"),
        ("81.21Z", "Nettoyage courant des bâtiments"),
        ("81.30Z", "Services d'aménagement paysager"),
        ("86.21Z", "Activité des médecins généralistes"),
        ("86.90D", "Activités des infirmiers et des sages-femmes"),
        ("88.10A", "Aide à domicile"),
        ("96.02A", "Coiffure"),
    ];

    public const string AssociationNaf = "94.99Z";
    public const string ConsularNaf = "94.11Z";
    public const string PublicNaf = "84.11Z";
    public const string TrainingNaf = "85.59A";
    public const string PlacementNaf = "78.10Z";
    public const string SocialNaf = "88.99B";

    /// <summary>The competences of the territory's vocabulary, most frequent first (the generator draws them Zipf-like).</summary>
    public static readonly string[] Competences =
    [
        "Emploi", "Insertion professionnelle", "Formation professionnelle", "Mobilité", "Recrutement", "Accompagnement des jeunes",
        "Création d'entreprise", "Logement", "Numérique", "Handicap", "Développement économique", "Économie sociale et solidaire",
        "Santé", "Garde d'enfants", "Apprentissage", "Langue française", "Orientation", "Transition écologique", "Commerce de proximité",
        "Politique de la ville", "Tourisme", "Agriculture", "Logistique", "Bâtiment", "Industrie", "Services à la personne", "Culture",
        "Sport", "Restauration", "RSE", "Mécénat de compétences", "Gestion de projet", "Égalité professionnelle", "Seniors",
        "Reconversion", "Illettrisme", "Accès aux droits", "Parentalité", "Prévention", "Vie associative", "Propreté", "Sécurité",
        "Aide à domicile", "Petite enfance", "Jardins partagés", "Recyclage", "Énergie", "Transport", "Artisanat", "Hôtellerie",
    ];

    public static readonly string[] AssociationThemes =
    [
        "sportive", "culturelle", "d'entraide", "des parents d'élèves", "de quartier", "d'insertion", "des familles", "de jeunesse",
        "pour l'emploi", "solidaire", "des commerçants", "d'aide à domicile", "de prévention", "pour le logement", "d'éducation populaire",
    ];

    public static readonly string[] AssociationKinds = ["Association", "Association", "Association", "Amicale", "Collectif", "Comité", "Union"];

    public static readonly (string Kind, string Subtype, string Naf)[] EmploymentKinds =
    [
        ("Organisme de formation", "organisme-formation", TrainingNaf),
        ("Centre de formation", "organisme-formation", TrainingNaf),
        ("Atelier chantier d'insertion", "siae", SocialNaf),
        ("Entreprise d'insertion", "siae", SocialNaf),
        ("Mission locale", "mission-locale", SocialNaf),
        ("France Travail", "france-travail", PlacementNaf),
        ("Cap emploi", "cap-emploi", PlacementNaf),
        ("Maison de l'emploi", "maison-emploi", SocialNaf),
    ];

    public static readonly (string Kind, string Subtype)[] EconomicKinds =
    [
        ("Chambre de commerce et d'industrie", "cci"),
        ("Chambre de métiers et de l'artisanat", "cma"),
        ("Chambre d'agriculture", "chambre-agriculture"),
        ("Agence de développement économique", "agence-developpement"),
        ("Pépinière d'entreprises", "agence-developpement"),
    ];

    public static readonly string[] StateServices =
    [
        "Direction départementale de l'emploi, du travail et des solidarités", "Sous-préfecture", "Direction départementale des territoires",
        "Service départemental à la jeunesse, à l'engagement et aux sports", "Caisse d'allocations familiales", "Unité départementale de la DREETS",
    ];

    /// <summary>Functions of contacts by hierarchy level.</summary>
    public static readonly (string Function, HierarchyLevel Level, DecisionPower Power)[] Functions =
    [
        ("Maire adjoint", HierarchyLevel.Elu, DecisionPower.Oui),
        ("Directeur général", HierarchyLevel.Direction, DecisionPower.Oui),
        ("Directrice", HierarchyLevel.Direction, DecisionPower.Oui),
        ("Gérant", HierarchyLevel.Direction, DecisionPower.Oui),
        ("Responsable des ressources humaines", HierarchyLevel.Encadrement, DecisionPower.Partiel),
        ("Cheffe de service", HierarchyLevel.Encadrement, DecisionPower.Partiel),
        ("Chargé de mission", HierarchyLevel.Technique, DecisionPower.Non),
        ("Conseillère en insertion professionnelle", HierarchyLevel.Technique, DecisionPower.Non),
        ("Chargée de relations entreprises", HierarchyLevel.Technique, DecisionPower.Partiel),
        ("Président", HierarchyLevel.Direction, DecisionPower.Oui),
    ];

    /// <summary>Default relation types with how often a new actor's tie is of that type.</summary>
    public static readonly (string Type, int Weight)[] RelationWeights =
    [
        ("partenaire-historique", 30), ("membre-de", 20), ("prescrit", 15), ("finance", 15), ("alliance", 10), ("concurrent", 7), ("tutelle", 3),
    ];
}
