using Maillage.Territories.Reference;

namespace Maillage.Territories;

public sealed record PerimeterArea(AreaKind Kind, string Code)
{
    /// <summary>
    /// Canonical text of an area: communes (5 characters), EPCI (9-digit SIREN) and départements are written bare,
    /// régions as <c>region:NN</c> because a région code can equal a département code ("11": Île-de-France, Aude).
    /// </summary>
    public override string ToString() => Kind == AreaKind.Region ? "region:" + Code : Code;
}

/// <summary>A territory's or an actor's perimeter: a set of official INSEE areas.</summary>
public sealed class Perimeter
{
    public static readonly Perimeter Empty = new([]);

    private Perimeter(IReadOnlyList<PerimeterArea> areas) => Areas = areas;

    public IReadOnlyList<PerimeterArea> Areas { get; }

    public bool IsEmpty => Areas.Count == 0;

    public static Perimeter Of(IEnumerable<PerimeterArea> areas) => new(areas.Distinct().ToList());

    /// <summary>Reads codes separated by spaces, commas or semicolons.</summary>
    public static Perimeter Parse(string? codes) =>
        string.IsNullOrWhiteSpace(codes)
            ? Empty
            : Of(codes.Split([' ', ',', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)
                .Select(code => TryParseArea(code, out var area) ? area : throw new DomainException($"Code de périmètre illisible : « {code} ».")));

    /// <summary>
    /// Accepts <c>commune:94018</c>, <c>epci:200054781</c>, <c>departement:94</c>, <c>region:11</c>, or a bare code whose
    /// form tells its kind: 5 characters a commune, 9 digits an EPCI, 2 or 3 characters a département.
    /// </summary>
    public static bool TryParseArea(string text, out PerimeterArea area)
    {
        area = null!;
        var value = text.Trim();
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        AreaKind kind;
        if (colon >= 0)
        {
            var prefix = value[..colon].ToLowerInvariant();
            value = value[(colon + 1)..].Trim();
            switch (prefix)
            {
                case "commune": kind = AreaKind.Commune; break;
                case "epci": kind = AreaKind.Epci; break;
                case "departement" or "département" or "dep": kind = AreaKind.Departement; break;
                case "region" or "région" or "reg": kind = AreaKind.Region; break;
                default: return false;
            }
        }
        else if (value.Length == 9 && value.All(char.IsAsciiDigit))
        {
            kind = AreaKind.Epci;
        }
        else if (value.Length == 5)
        {
            kind = AreaKind.Commune;
        }
        else if (value.Length is 2 or 3)
        {
            kind = AreaKind.Departement;
        }
        else
        {
            return false;
        }

        if (value.Length == 0 || !value.All(c => char.IsAsciiLetterOrDigit(c)))
        {
            return false;
        }

        area = new PerimeterArea(kind, value.ToUpperInvariant());
        return true;
    }

    public override string ToString() => string.Join(' ', Areas.Select(a => a.ToString()));
}
