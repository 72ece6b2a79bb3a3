using Maillage.Territories.Reference;

namespace Maillage.Territories;

/// <summary>Checks a perimeter against the official reference and describes it for people.</summary>
public sealed class PerimeterResolver(InseeReference reference)
{
    public Perimeter Resolve(IEnumerable<string> codes)
    {
        var areas = new List<PerimeterArea>();
        var errors = new List<string>();
        foreach (var code in codes.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            if (!Perimeter.TryParseArea(code, out var area))
            {
                errors.Add($"« {code} » n'est pas un code INSEE de commune, de SIREN d'EPCI, de département ou de région.");
            }
            else if (reference.Resolve(area.Kind, area.Code) is null)
            {
                errors.Add($"« {code} » ne figure pas dans le référentiel officiel 2026 ({KindLabel(area.Kind)} {(area.Kind is AreaKind.Commune or AreaKind.Region ? "inconnue" : "inconnu")}).");
            }
            else
            {
                areas.Add(area);
            }
        }

        if (errors.Count > 0)
        {
            throw new DomainException(string.Join(' ', errors));
        }

        return Perimeter.Of(areas);
    }

    public IReadOnlyList<AreaRef> Describe(Perimeter perimeter) =>
        perimeter.Areas
            .Select(a => reference.Resolve(a.Kind, a.Code) ?? new AreaRef(a.Kind, a.Code, a.Code, "code inconnu du référentiel"))
            .ToList();

    public int CommuneCount(Perimeter perimeter) => CommunesOf(perimeter).Count;

    /// <summary>The INSEE codes of the communes a perimeter covers once its EPCI, départements and régions are expanded.</summary>
    public IReadOnlySet<string> CommunesOf(Perimeter perimeter)
    {
        ArgumentNullException.ThrowIfNull(perimeter);
        return perimeter.Areas.SelectMany(a => reference.CommuneCodesOf(a.Kind, a.Code)).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The communes a perimeter covers once its EPCI, départements and régions are expanded, and their population.</summary>
    public PerimeterCoverage Cover(Perimeter perimeter)
    {
        var codes = CommunesOf(perimeter);
        var population = codes.Sum(code => (long)(reference.FindCommune(code)?.Population ?? 0));
        return new PerimeterCoverage(codes.Count, population);
    }

    /// <summary>The member communes of an EPCI, by name, to show what choosing the EPCI covers.</summary>
    public IReadOnlyList<Commune> MembersOf(AreaRef epci) =>
        epci.Kind == AreaKind.Epci && reference.FindEpci(epci.Code) is { } found
            ? found.MemberCodes.Select(reference.FindCommune).OfType<Commune>().OrderBy(c => c.Name, StringComparer.CurrentCulture).ToList()
            : [];

    public static string KindLabel(AreaKind kind) => kind switch
    {
        AreaKind.Commune => "commune",
        AreaKind.Epci => "EPCI",
        AreaKind.Departement => "département",
        _ => "région",
    };

    /// <summary>The plural heading of a kind, as perimeters are shown grouped.</summary>
    public static string KindPluralLabel(AreaKind kind) => kind switch
    {
        AreaKind.Commune => "Communes",
        AreaKind.Epci => "EPCI",
        AreaKind.Departement => "Départements",
        _ => "Régions",
    };
}

public sealed record PerimeterCoverage(int CommuneCount, long Population);
