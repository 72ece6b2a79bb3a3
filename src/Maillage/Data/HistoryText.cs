namespace Maillage.Data;

/// <summary>French words for the history: entity types, property names of the entities and actions.</summary>
public static class HistoryText
{
    private static readonly Dictionary<string, string> EntityTypes = new()
    {
        ["Territory"] = "Territoire",
        ["TerritoryMember"] = "Membre",
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
    };

    public static string EntityType(string type) => EntityTypes.GetValueOrDefault(type, type);

    public static string Property(string name) => Properties.GetValueOrDefault(name, name);

    public static string Action(AuditAction action) => action switch
    {
        AuditAction.Created => "Création",
        AuditAction.Updated => "Modification",
        _ => "Suppression",
    };
}
