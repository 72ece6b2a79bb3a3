namespace Maillage.Data;

/// <summary>French words for the history: property names of the entities and actions.</summary>
public static class HistoryText
{
    private static readonly Dictionary<string, string> Properties = new()
    {
        ["Name"] = "Nom",
        ["Description"] = "Description",
        ["PerimeterCodes"] = "Périmètre",
        ["IsDemo"] = "Démonstration",
        ["Role"] = "Rôle",
        ["UserId"] = "Compte",
        ["TerritoryId"] = "Territoire",
    };

    public static string Property(string name) => Properties.GetValueOrDefault(name, name);

    public static string Action(AuditAction action) => action switch
    {
        AuditAction.Created => "Création",
        AuditAction.Updated => "Modification",
        _ => "Suppression",
    };
}
