namespace Maillage.Territories;

/// <summary>The role a member holds inside a territory; higher values include the rights of lower ones.</summary>
public enum TerritoryRole
{
    Lecteur = 0,
    Partenaire = 1,
    Pilote = 2,
    Administrateur = 3,
}

public static class TerritoryRoles
{
    public static string Label(this TerritoryRole role) => role switch
    {
        TerritoryRole.Administrateur => "Administrateur",
        TerritoryRole.Pilote => "Pilote",
        TerritoryRole.Partenaire => "Partenaire",
        _ => "Lecteur",
    };

    public static string Code(this TerritoryRole role) => role switch
    {
        TerritoryRole.Administrateur => "administrateur",
        TerritoryRole.Pilote => "pilote",
        TerritoryRole.Partenaire => "partenaire",
        _ => "lecteur",
    };

    public static string Description(this TerritoryRole role) => role switch
    {
        TerritoryRole.Administrateur => "Gère les membres du territoire et tout son contenu.",
        TerritoryRole.Pilote => "Anime la démarche : cartographie, projets, réunions, convention, évaluation.",
        TerritoryRole.Partenaire => "Met à jour ce que sa structure apporte et ses engagements.",
        _ => "Consulte les tableaux de bord, la cible, la convention et l'évaluation.",
    };

    public static bool TryParse(string? value, out TerritoryRole role)
    {
        foreach (var candidate in Enum.GetValues<TerritoryRole>())
        {
            if (string.Equals(value, candidate.Code(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(value, candidate.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                role = candidate;
                return true;
            }
        }

        role = default;
        return false;
    }
}
