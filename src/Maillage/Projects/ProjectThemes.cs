namespace Maillage.Projects;

/// <summary>A theme a project works on (source 003: « insertion des jeunes, emploi, précarité, handicap, environnement… »).</summary>
public sealed record ProjectTheme(string Code, string Label);

public static class ProjectThemes
{
    public static readonly IReadOnlyList<ProjectTheme> All =
    [
        new("insertion", "Insertion"),
        new("emploi", "Emploi"),
        new("formation", "Formation"),
        new("mobilite", "Mobilité"),
        new("handicap", "Handicap"),
        new("precarite", "Précarité"),
        new("environnement", "Environnement"),
        new("jeunesse", "Jeunesse"),
    ];

    public static string ExpectedCodes => string.Join(", ", All.Select(t => t.Code));

    public static ProjectTheme? Find(string? code) =>
        All.FirstOrDefault(t => string.Equals(t.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads stored or posted codes; an unknown code is refused with the list of known ones.</summary>
    public static IReadOnlyList<ProjectTheme> Parse(IEnumerable<string>? codes)
    {
        var themes = new List<ProjectTheme>();
        foreach (var code in (codes ?? []).Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            var theme = Find(code) ?? throw new DomainException($"Thèmes : « {code} » inconnu ({ExpectedCodes}).");
            if (!themes.Contains(theme))
            {
                themes.Add(theme);
            }
        }

        return themes;
    }

    public static IReadOnlyList<ProjectTheme> Parse(string? stored) =>
        Parse(stored?.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Stored in the order of <see cref="All"/>, so that the same choice always reads the same.</summary>
    public static string Format(IEnumerable<ProjectTheme> themes) =>
        string.Join(' ', All.Where(themes.Contains).Select(t => t.Code));
}
