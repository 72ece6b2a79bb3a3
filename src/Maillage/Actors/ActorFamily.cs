namespace Maillage.Actors;

/// <summary>
/// The five families of actors of the source texts (000: "quatre grands types d'acteurs institutionnels et
/// opérateurs", to which associations and the social economy are added). Stored as these numbers: never renumber.
/// </summary>
public enum ActorFamily
{
    PouvoirsPublics = 1,
    DeveloppementEconomique = 2,
    EmploiFormation = 3,
    Entreprises = 4,
    Associations = 5,
}

public static class ActorFamilies
{
    public static IReadOnlyList<ActorFamily> All { get; } = Enum.GetValues<ActorFamily>();

    /// <summary>The stable code used in the API and in URLs.</summary>
    public static string Code(this ActorFamily family) => family switch
    {
        ActorFamily.PouvoirsPublics => "pouvoirs-publics",
        ActorFamily.DeveloppementEconomique => "developpement-economique",
        ActorFamily.EmploiFormation => "emploi-formation",
        ActorFamily.Entreprises => "entreprises",
        ActorFamily.Associations => "associations",
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };

    public static string Label(this ActorFamily family) => family switch
    {
        ActorFamily.PouvoirsPublics => "Pouvoirs publics",
        ActorFamily.DeveloppementEconomique => "Acteurs du développement économique",
        ActorFamily.EmploiFormation => "Opérateurs de l'emploi et de la formation",
        ActorFamily.Entreprises => "Entreprises et leurs réseaux",
        ActorFamily.Associations => "Associations et ESS",
        _ => throw new ArgumentOutOfRangeException(nameof(family)),
    };

    public static bool TryParse(string? code, out ActorFamily family)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(code?.Trim(), candidate.Code(), StringComparison.OrdinalIgnoreCase))
            {
                family = candidate;
                return true;
            }
        }

        family = default;
        return false;
    }

    public static ActorFamily Parse(string? code) =>
        TryParse(code, out var family) ? family : throw new DomainException($"Famille : « {code?.Trim()} » est inconnue ({ExpectedCodes}).");

    public static string ExpectedCodes => string.Join(", ", All.Select(f => f.Code()));
}
