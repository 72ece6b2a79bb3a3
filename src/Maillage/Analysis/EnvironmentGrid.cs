namespace Maillage.Analysis;

/// <summary>A precondition of the partnership: a short name for lists and the source's own words.</summary>
public sealed record Condition(string Name, string Quote);

/// <summary>
/// The words of source 004 (CAFERUIS course "Stratégie et partenariat"): the 14 questions, the internal and external
/// preconditions, the four possibilities. Shown as they are written, since the pilote follows that method.
/// </summary>
public static class EnvironmentGrid
{
    public const string Source = "Cours CAFERUIS « Stratégie et partenariat » (texte source 004)";

    public static IReadOnlyList<string> Questions { get; } =
    [
        "Quelle est la finalité de notre institution ou service ?",
        "Quels sont nos métiers ?",
        "Quel est notre marché, notre population cible ?",
        "Quels sont les objectifs prioritaires assignés par notre hiérarchie ?",
        "Comment en tant que cadre les traduisons nous ?",
        "Quels sont nos propres objectifs ?",
        "Quel est le positionnement de notre institution sur le marché ?",
        "Y a-t-il une concurrence interne ou externe ?",
        "Quelle est notre zone géographique d'intervention ?",
        "Quelles sont les commandes de nos prescripteurs et/ou de nos financeurs ?",
        "Quels sont les autres acteurs existants sur le terrain ?",
        "Pour quelles raisons objectives pourrions nous travailler avec eux ?",
        "Pour quelles raisons objectives pourraient-ils travailler avec nous ?",
        "Parmi tous ces gens là quels sont les alliés potentiels ?",
    ];

    public static IReadOnlyList<Condition> InternalConditions { get; } =
    [
        new("Un projet pour la population",
            "Elaboration d'un projet par rapport à la population, sachant que dans un projet il peut n'y avoir qu'une partie du projet qui aura besoin d'un partenariat."),
        new("Les compétences internes vérifiées",
            "Vérifier les compétences existantes en interne (compétences = capacités de faire). Tant qu'on n'a pas vérifié que quelqu'un est capable de faire quelque chose cela reste une capacité à, non vérifié."),
        new("Le degré d'acceptation du partenariat",
            "Vérification préalable du degré d'acceptation du partenariat."),
        new("La clarté du message",
            "Clarté du message que l'on veut faire passer. Si je veux travailler avec d'autres en partenariat est ce une question d'image ? Est-ce par obligation ? Est-ce par choix politique ? Est-ce parce que je n'ai pas les capacités en interne ?"),
        new("Le réalisme pragmatique",
            "Réalisme pragmatique. Objectifs quantifiables repérables, ayant une chance d'être atteints. Etre modeste : j'accepte de relativiser ma place et celle de mon institution."),
        new("Chaque partenaire s'y retrouve",
            "Chaque partenaire doit s'y retrouver, et y trouver de l'intérêt. On est dans une logique gagnant gagnant."),
    ];

    public static IReadOnlyList<Condition> ExternalConditions { get; } =
    [
        new("Une population ciblée", "Existence d'une population ciblée avec des problématiques connues."),
        new("Un territoire ciblé", "Un territoire ciblé."),
        new("La connaissance de son environnement", "La connaissance de son environnement."),
        new("La connaissance des réseaux",
            "La connaissance des réseaux et de leurs jeux respectifs (histoire locale, alliance préexistante, rapport de force)."),
        new("Les demandes des prescripteurs et financeurs", "Connaissance des demandes des prescripteurs, des financeurs."),
        new("Une fonction de veille", "Existence d'une fonction de veille, donc la volonté de regarder autour de soi."),
    ];

    public static string Label(this WayToAct way) => way switch
    {
        WayToAct.Seul => "Mener l'action seul (sans partenariat)",
        WayToAct.Initiateur => "Partenariat en étant l'initiateur",
        WayToAct.EnReponse => "Partenariat en répondant à une proposition",
        WayToAct.Contraint => "Partenariat contraint, au choix du prescripteur",
        _ => throw new ArgumentOutOfRangeException(nameof(way)),
    };

    public static string Code(this WayToAct way) => way switch
    {
        WayToAct.Seul => "seul",
        WayToAct.Initiateur => "initiateur",
        WayToAct.EnReponse => "en-reponse",
        WayToAct.Contraint => "contraint",
        _ => throw new ArgumentOutOfRangeException(nameof(way)),
    };

    public static IReadOnlyList<WayToAct> Ways { get; } = Enum.GetValues<WayToAct>();

    public static WayToAct? ParseWay(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        foreach (var way in Ways)
        {
            if (string.Equals(code.Trim(), way.Code(), StringComparison.OrdinalIgnoreCase))
            {
                return way;
            }
        }

        throw new DomainException($"Décision : « {code.Trim()} » est inconnue (seul, initiateur, en-reponse, contraint).");
    }
}
