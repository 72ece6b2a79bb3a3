namespace Maillage.Actors;

/// <summary>How an actor can act in a partnership (000: "leurs modalités d'intervention"). Stored as these bits: never renumber.</summary>
[Flags]
public enum InterventionModes
{
    None = 0,
    Financement = 1 << 0,
    Accompagnement = 1 << 1,
    Formation = 1 << 2,
    MiseADisposition = 1 << 3,
    Mecenat = 1 << 4,
    Benevolat = 1 << 5,
    Locaux = 1 << 6,
    Reseau = 1 << 7,
    Expertise = 1 << 8,
    Prescription = 1 << 9,
}

public static class InterventionModeCodes
{
    private static readonly (InterventionModes Mode, string Code, string Label)[] Table =
    [
        (InterventionModes.Financement, "financement", "Financement"),
        (InterventionModes.Accompagnement, "accompagnement", "Accompagnement"),
        (InterventionModes.Formation, "formation", "Formation"),
        (InterventionModes.MiseADisposition, "mise-a-disposition", "Mise à disposition de compétences"),
        (InterventionModes.Mecenat, "mecenat", "Mécénat"),
        (InterventionModes.Benevolat, "benevolat", "Bénévolat"),
        (InterventionModes.Locaux, "locaux", "Locaux"),
        (InterventionModes.Reseau, "reseau", "Réseau"),
        (InterventionModes.Expertise, "expertise", "Expertise"),
        (InterventionModes.Prescription, "prescription", "Prescription"),
    ];

    public static IReadOnlyList<(InterventionModes Mode, string Code, string Label)> All => Table;

    public static string ExpectedCodes => string.Join(", ", Table.Select(t => t.Code));

    public static IReadOnlyList<string> Codes(this InterventionModes modes) =>
        Table.Where(t => modes.HasFlag(t.Mode)).Select(t => t.Code).ToList();

    public static IReadOnlyList<string> Labels(this InterventionModes modes) =>
        Table.Where(t => modes.HasFlag(t.Mode)).Select(t => t.Label).ToList();

    public static bool TryParse(string? code, out InterventionModes mode)
    {
        var wanted = code?.Trim();
        foreach (var entry in Table)
        {
            if (string.Equals(wanted, entry.Code, StringComparison.OrdinalIgnoreCase))
            {
                mode = entry.Mode;
                return true;
            }
        }

        mode = InterventionModes.None;
        return false;
    }

    /// <summary>The union of the codes, or the codes that are not known.</summary>
    public static InterventionModes Parse(IEnumerable<string> codes, out IReadOnlyList<string> unknown)
    {
        var result = InterventionModes.None;
        var bad = new List<string>();
        foreach (var code in codes)
        {
            if (TryParse(code, out var mode))
            {
                result |= mode;
            }
            else
            {
                bad.Add(code);
            }
        }

        unknown = bad;
        return result;
    }
}
