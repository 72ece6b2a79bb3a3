using System.Text.RegularExpressions;

namespace Maillage.Actors;

/// <summary>INSEE workforce bands ("tranches d'effectif salarié") as SIRENE publishes them.</summary>
public static class WorkforceBands
{
    public static IReadOnlyList<(string Code, string Label)> All { get; } =
    [
        ("00", "0 salarié"),
        ("01", "1 ou 2 salariés"),
        ("02", "3 à 5 salariés"),
        ("03", "6 à 9 salariés"),
        ("11", "10 à 19 salariés"),
        ("12", "20 à 49 salariés"),
        ("21", "50 à 99 salariés"),
        ("22", "100 à 199 salariés"),
        ("31", "200 à 249 salariés"),
        ("32", "250 à 499 salariés"),
        ("41", "500 à 999 salariés"),
        ("42", "1 000 à 1 999 salariés"),
        ("51", "2 000 à 4 999 salariés"),
        ("52", "5 000 à 9 999 salariés"),
        ("53", "10 000 salariés et plus"),
    ];

    public static string ExpectedCodes => string.Join(", ", All.Select(b => b.Code));

    public static string? Label(string? code) => All.FirstOrDefault(b => b.Code == code).Label;

    public static bool IsValid(string? code) => Label(code) is not null;
}

/// <summary>The NAF nomenclatures an activity code can belong to.</summary>
public static partial class NafVersions
{
    public const string Rev2 = "naf-rev2";
    public const string Naf2025 = "naf-2025";

    public static IReadOnlyList<(string Code, string Label)> All { get; } =
    [
        (Rev2, "NAF rév. 2 (2008)"),
        (Naf2025, "NAF 2025"),
    ];

    public static bool IsValid(string? version) => version is Rev2 or Naf2025;

    /// <summary>"6201Z", "62.01z" or "62.01 Z" → "62.01Z"; null when the text is not a NAF sub-class code.</summary>
    public static string? NormalizeCode(string? code)
    {
        var cleaned = Identifiers.Clean(code);
        var match = NafCode().Match(cleaned);
        return match.Success ? $"{match.Groups[1].Value}.{match.Groups[2].Value}{match.Groups[3].Value}" : null;
    }

    [GeneratedRegex("^([0-9]{2})\\.?([0-9]{2})([A-Z])$")]
    private static partial Regex NafCode();
}
