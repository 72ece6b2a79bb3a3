using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Maillage.Territories.Reference;

public enum AreaKind
{
    Commune,
    Epci,
    Departement,
    Region,
}

public sealed record Commune(
    string Code,
    string Name,
    IReadOnlyList<string> PostalCodes,
    string DepartementCode,
    string RegionCode,
    string? EpciSiren,
    string? Siren,
    int Population);

/// <param name="Nature">DGCL code: CC, CA, CU, METRO (métropole) or MET69 (Métropole de Lyon).</param>
/// <param name="Population">Sum of the members' populations, so that it agrees with the communes shown.</param>
public sealed record Epci(string Siren, string Name, string Nature, IReadOnlyList<string> MemberCodes, int Population);

public sealed record Departement(string Code, string Name, string RegionCode, string? Siren)
{
    public string? ChefLieuCode { get; init; }
}

public sealed record Region(string Code, string Name, string? Siren)
{
    public string? ChefLieuCode { get; init; }
}

/// <param name="Detail">A short line telling apart homonyms in a picker, e.g. "94 · 28 830 hab." or "CA · 12 communes".</param>
public sealed record AreaRef(AreaKind Kind, string Code, string Name, string Detail);

/// <summary>
/// The INSEE geography 2026 (régions, départements, EPCI à fiscalité propre, current communes of metropolitan
/// France and the DROM), shipped inside the assembly so that the app works offline. Built by
/// tools/reference/build-insee.mjs; the file format is described there.
/// </summary>
public sealed class InseeReference
{
    public const string Millesime = "2026";
    internal const string ResourceName = "Maillage.Reference.insee-2026.tsv.gz";

    // Below three letters "contains" matches most of France and only buries the useful prefix matches.
    private const int MinLengthForSubstringMatch = 3;
    private const int NoMatch = int.MaxValue;

    private static readonly string?[] FoldTable = BuildFoldTable();

    private static readonly Lazy<InseeReference> Embedded = new(LoadEmbeddedResource);

    // French typography groups thousands with a narrow no-break space, as .NET's fr-FR culture does.
    private static readonly NumberFormatInfo PopulationFormat = new()
    {
        NumberGroupSeparator = "\u202F",
        NumberGroupSizes = [3],
    };

    private readonly Commune[] _communeList;
    private readonly Epci[] _epciList;
    private readonly Departement[] _departementList;
    private readonly Region[] _regionList;
    private readonly Dictionary<string, Commune> _communes;
    private readonly Dictionary<string, Epci> _epcis;
    private readonly Dictionary<string, Departement> _departements;
    private readonly Dictionary<string, Region> _regions;
    private readonly Dictionary<string, AreaStats> _departementStats;
    private readonly Dictionary<string, AreaStats> _regionStats;
    private readonly SearchEntry[] _communeEntries;
    private readonly SearchEntry[] _otherEntries;

    private InseeReference(
        List<Region> regions,
        List<Departement> departements,
        List<Epci> epcis,
        List<Commune> communes)
    {
        _communeList = [.. communes];
        _epciList = [.. epcis];
        _departementList = [.. departements];
        _regionList = [.. regions];
        _regions = regions.ToDictionary(r => r.Code, StringComparer.OrdinalIgnoreCase);
        _departements = departements.ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase);
        _epcis = epcis.ToDictionary(e => e.Siren, StringComparer.Ordinal);
        _communes = communes.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);

        var byDepartement = departements.ToDictionary(d => d.Code, _ => new AreaStats(), StringComparer.Ordinal);
        var byRegion = regions.ToDictionary(r => r.Code, _ => new AreaStats(), StringComparer.Ordinal);
        foreach (var d in departements)
        {
            byRegion[d.RegionCode].Departements++;
        }

        foreach (var c in communes)
        {
            byDepartement[c.DepartementCode].Add(c);
            byRegion[c.RegionCode].Add(c);
        }

        _departementStats = new Dictionary<string, AreaStats>(byDepartement, StringComparer.OrdinalIgnoreCase);
        _regionStats = new Dictionary<string, AreaStats>(byRegion, StringComparer.OrdinalIgnoreCase);

        _communeEntries = new SearchEntry[communes.Count];
        for (var i = 0; i < communes.Count; i++)
        {
            var c = communes[i];
            _communeEntries[i] = new SearchEntry(AreaKind.Commune, c.Code, Normalize(c.Name), c.Population, c)
            {
                PostalCodes = [.. c.PostalCodes],
            };
        }

        var others = new List<SearchEntry>(epcis.Count + departements.Count + regions.Count);
        others.AddRange(epcis.Select(e => new SearchEntry(AreaKind.Epci, e.Siren, Normalize(e.Name), e.Population, e)));
        others.AddRange(departements.Select(d => new SearchEntry(
            AreaKind.Departement, d.Code, Normalize(d.Name), byDepartement[d.Code].Population, d)));
        others.AddRange(regions.Select(r => new SearchEntry(
            AreaKind.Region, r.Code, Normalize(r.Name), byRegion[r.Code].Population, r)));
        _otherEntries = [.. others];
    }

    public int CommuneCount => _communes.Count;

    public int EpciCount => _epcis.Count;

    public IEnumerable<Commune> Communes => _communeList.AsReadOnly();

    public IEnumerable<Epci> Epcis => _epciList.AsReadOnly();

    public IEnumerable<Departement> Departements => _departementList.AsReadOnly();

    public IEnumerable<Region> Regions => _regionList.AsReadOnly();

    /// <summary>The reference shipped in the assembly; parsed on first use, then shared (it is immutable).</summary>
    public static InseeReference LoadEmbedded() => Embedded.Value;

    public Commune? FindCommune(string code) => Find(_communes, code);

    public Epci? FindEpci(string siren) => Find(_epcis, siren);

    public Departement? FindDepartement(string code) => Find(_departements, code);

    public Region? FindRegion(string code) => Find(_regions, code);

    /// <summary>
    /// Communes by name (case- and accent-insensitive, "st" standing for "saint"), by postal code or its first
    /// digits, or by INSEE code. Exact matches come first, then names starting with the query, then names whose
    /// words start with the query's words, then names containing it; within each, the most populated first.
    /// </summary>
    public IReadOnlyList<Commune> SearchCommunes(string query, int limit = 20) =>
        Search(query, limit, includeOthers: false).ConvertAll(e => (Commune)e.Item);

    /// <summary>Communes, EPCI, départements and régions at once, ranked as <see cref="SearchCommunes"/>.</summary>
    public IReadOnlyList<AreaRef> SearchAreas(string query, int limit = 20) =>
        Search(query, limit, includeOthers: true).ConvertAll(ToAreaRef);

    public AreaRef? Resolve(AreaKind kind, string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return kind switch
        {
            AreaKind.Commune => FindCommune(code) is { } c ? ToAreaRef(c) : null,
            AreaKind.Epci => FindEpci(code) is { } e ? ToAreaRef(e) : null,
            AreaKind.Departement => FindDepartement(code) is { } d ? ToAreaRef(d) : null,
            AreaKind.Region => FindRegion(code) is { } r ? ToAreaRef(r) : null,
            _ => null,
        };
    }

    /// <summary>The INSEE codes of the communes an area covers; empty when the area is unknown.</summary>
    public IReadOnlyList<string> CommuneCodesOf(AreaKind kind, string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        code = code.Trim();
        return kind switch
        {
            AreaKind.Commune => FindCommune(code) is { } c ? [c.Code] : [],
            AreaKind.Epci => FindEpci(code)?.MemberCodes ?? [],
            AreaKind.Departement => _departementStats.GetValueOrDefault(code)?.CommuneCodes.AsReadOnly() ?? [],
            AreaKind.Region => _regionStats.GetValueOrDefault(code)?.CommuneCodes.AsReadOnly() ?? [],
            _ => [],
        };
    }

    internal static InseeReference Load(Stream gzip)
    {
        using var reader = new StreamReader(new GZipStream(gzip, CompressionMode.Decompress), Encoding.UTF8);
        return Parse(reader);
    }

    /// <summary>
    /// Lower case, accents and ligatures folded, every run of other characters (hyphens, apostrophes...) turned
    /// into one space, and "st"/"ste" spelled "saint"/"sainte", so that "St-Maur" finds "Saint-Maur-des-Fossés".
    /// </summary>
    internal static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        var wordStart = -1;
        foreach (var ch in text)
        {
            var folded = Fold(ch);
            if (folded is null)
            {
                continue;
            }

            if (folded.Length > 0)
            {
                if (wordStart < 0)
                {
                    if (sb.Length > 0)
                    {
                        sb.Append(' ');
                    }

                    wordStart = sb.Length;
                }

                sb.Append(folded);
            }
            else if (wordStart >= 0)
            {
                ExpandAbbreviation(sb, wordStart);
                wordStart = -1;
            }
        }

        if (wordStart >= 0)
        {
            ExpandAbbreviation(sb, wordStart);
        }

        return sb.ToString();
    }

    // Lower-case letters without their accents; "" for a separator; null for a combining mark, which belongs to the
    // letter before it. Tabled for Latin scripts so that loading does not decompose 37,000 names one by one.
    private static string? Fold(char ch) => ch < FoldTable.Length ? FoldTable[ch] : FoldSlow(ch);

    private static string?[] BuildFoldTable()
    {
        var table = new string?[0x370];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = FoldSlow((char)i);
        }

        return table;
    }

    private static string? FoldSlow(char ch)
    {
        switch (ch)
        {
            case 'œ' or 'Œ':
                return "oe";
            case 'æ' or 'Æ':
                return "ae";
            case 'ß':
                return "ss";
        }

        if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
        {
            return null;
        }

        if (!char.IsLetterOrDigit(ch))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(2);
        foreach (var c in ch.ToString().Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    private static void ExpandAbbreviation(StringBuilder sb, int wordStart)
    {
        var length = sb.Length - wordStart;
        if (length is 2 or 3 && sb[wordStart] == 's' && sb[wordStart + 1] == 't' && (length == 2 || sb[wordStart + 2] == 'e'))
        {
            sb.Insert(wordStart + 1, "ain");
        }
    }

    private static T? Find<T>(Dictionary<string, T> map, string key)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(key);
        return map.GetValueOrDefault(key.Trim());
    }

    private static InseeReference LoadEmbeddedResource()
    {
        using var stream = typeof(InseeReference).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from the assembly.");
        return Load(stream);
    }

    private static InseeReference Parse(TextReader reader)
    {
        var header = reader.ReadLine();
        if (header is null || !header.StartsWith("maillage-insee\t1\t", StringComparison.Ordinal))
        {
            throw new InvalidDataException("Not a Maillage INSEE reference (version 1): " + header);
        }

        var regions = new List<Region>(32);
        var departements = new List<Departement>(128);
        var epciRows = new List<EpciRow>(1300);
        var epciRowsBySiren = new Dictionary<string, EpciRow>(StringComparer.Ordinal);
        var communes = new List<Commune>(36000);
        var departementsByCode = new Dictionary<string, Departement>(StringComparer.Ordinal);
        var section = '\0';
        var lineNumber = 1;

        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] == '#')
            {
                section = line.Length > 1 ? line[1] : '\0';
                continue;
            }

            var f = line.Split('\t');
            switch (section)
            {
                case 'R' when f.Length >= 3:
                    regions.Add(new Region(f[0], f[1], null) { ChefLieuCode = NullIfEmpty(f[2]) });
                    break;
                case 'D' when f.Length >= 4:
                    var departement = new Departement(f[0], f[1], f[2], null) { ChefLieuCode = NullIfEmpty(f[3]) };
                    departements.Add(departement);
                    departementsByCode.Add(departement.Code, departement);
                    break;
                case 'E' when f.Length >= 3:
                    var epciRow = new EpciRow(f[0], f[1], f[2], []);
                    epciRows.Add(epciRow);
                    epciRowsBySiren.Add(epciRow.Siren, epciRow);
                    break;
                case 'C' when f.Length >= 7:
                    if (!departementsByCode.TryGetValue(f[2], out var dep))
                    {
                        throw new InvalidDataException($"Line {lineNumber}: unknown département {f[2]}.");
                    }

                    EpciRow? epci = null;
                    if (f[4].Length > 0 && !epciRowsBySiren.TryGetValue(f[4], out epci))
                    {
                        throw new InvalidDataException($"Line {lineNumber}: unknown EPCI {f[4]}.");
                    }

                    var commune = new Commune(
                        Code: f[0],
                        Name: f[1],
                        PostalCodes: f[6].Length == 0 ? [] : f[6].Split(',').AsReadOnly(),
                        DepartementCode: dep.Code,
                        RegionCode: dep.RegionCode,
                        EpciSiren: epci?.Siren,
                        Siren: NullIfEmpty(f[3]),
                        Population: int.Parse(f[5], NumberStyles.None, CultureInfo.InvariantCulture));
                    communes.Add(commune);
                    epci?.Members.Add(commune);
                    break;
                default:
                    throw new InvalidDataException($"Line {lineNumber}: unexpected line in section '{section}'.");
            }
        }

        var epcis = epciRows.ConvertAll(e => new Epci(
            e.Siren, e.Name, e.Nature, e.Members.ConvertAll(c => c.Code).AsReadOnly(), e.Members.Sum(c => c.Population)));
        return new InseeReference(regions, departements, epcis, communes);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private List<SearchEntry> Search(string query, int limit, bool includeOthers)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var q = new Query(query.Trim(), Normalize(query));
        if (limit == 0 || (q.Raw.Length == 0 && q.Normalized.Length == 0))
        {
            return [];
        }

        // A one-letter query matches thousands of communes: keep only the best `limit` instead of sorting them all.
        var best = new PriorityQueue<SearchEntry, Hit>(limit + 1, HitComparer.WorstFirst);
        Collect(_communeEntries, q, best, limit);
        if (includeOthers)
        {
            Collect(_otherEntries, q, best, limit);
        }

        var result = new List<(SearchEntry Entry, Hit Hit)>(best.Count);
        while (best.TryDequeue(out var entry, out var hit))
        {
            result.Add((entry, hit));
        }

        result.Reverse();
        return result.ConvertAll(r => r.Entry);
    }

    private static void Collect(SearchEntry[] entries, Query q, PriorityQueue<SearchEntry, Hit> best, int limit)
    {
        foreach (var entry in entries)
        {
            var rank = Rank(entry, q);
            if (rank == NoMatch)
            {
                continue;
            }

            var hit = new Hit(rank, entry);
            if (best.Count < limit)
            {
                best.Enqueue(entry, hit);
            }
            else if (best.TryPeek(out _, out var worst) && HitComparer.WorstFirst.Compare(hit, worst) > 0)
            {
                best.EnqueueDequeue(entry, hit);
            }
        }
    }

    // 0: same code, postal code or name; 1: the name or a postal code starts with the query;
    // 2: each word of the query starts a word of the name; 3: the name contains the query.
    private static int Rank(SearchEntry entry, Query q)
    {
        if (string.Equals(entry.Code, q.Raw, StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        // No name holds a digit: digits are codes.
        if (q.IsDigits)
        {
            return entry.PostalCodes is { } postalCodes ? RankPostalCodes(postalCodes, q.Raw) : NoMatch;
        }

        var name = entry.Normalized;
        var text = q.Normalized;
        if (text.Length == 0)
        {
            return NoMatch;
        }

        if (name.StartsWith(text, StringComparison.Ordinal))
        {
            return name.Length == text.Length ? 0 : 1;
        }

        // Ranks 2 and 3 both need the first word somewhere in the name; most names fail this fast, vectorised test.
        if (!name.Contains(q.Words[0], StringComparison.Ordinal))
        {
            return NoMatch;
        }

        if (StartsEveryWord(name, q.Words))
        {
            return 2;
        }

        return text.Length >= MinLengthForSubstringMatch && name.Contains(text, StringComparison.Ordinal) ? 3 : NoMatch;
    }

    private static int RankPostalCodes(string[] postalCodes, string digits)
    {
        var best = NoMatch;
        foreach (var postalCode in postalCodes)
        {
            if (postalCode.StartsWith(digits, StringComparison.Ordinal))
            {
                if (postalCode.Length == digits.Length)
                {
                    return 0;
                }

                best = 1;
            }
        }

        return best;
    }

    private static bool StartsEveryWord(string name, string[] words)
    {
        foreach (var word in words)
        {
            var found = name.StartsWith(word, StringComparison.Ordinal);
            for (var i = name.IndexOf(' ', StringComparison.Ordinal); !found && i >= 0; i = name.IndexOf(' ', i + 1))
            {
                found = string.CompareOrdinal(name, i + 1, word, 0, word.Length) == 0;
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    private AreaRef ToAreaRef(SearchEntry entry) => entry.Item switch
    {
        Commune c => ToAreaRef(c),
        Epci e => ToAreaRef(e),
        Departement d => ToAreaRef(d),
        Region r => ToAreaRef(r),
        _ => throw new InvalidOperationException("Unknown area: " + entry.Item),
    };

    private static AreaRef ToAreaRef(Commune c) =>
        new(AreaKind.Commune, c.Code, c.Name, $"{c.DepartementCode} · {FormatPopulation(c.Population)} hab.");

    private static AreaRef ToAreaRef(Epci e) =>
        new(AreaKind.Epci, e.Siren, e.Name, $"{NatureLabel(e.Nature)} · {Count(e.MemberCodes.Count, "commune")}");

    private AreaRef ToAreaRef(Departement d) =>
        new(
            AreaKind.Departement,
            d.Code,
            d.Name,
            $"{FindRegion(d.RegionCode)?.Name ?? d.RegionCode} · {Count(_departementStats[d.Code].CommuneCodes.Count, "commune")}");

    private AreaRef ToAreaRef(Region r) =>
        new(AreaKind.Region, r.Code, r.Name, $"Région · {Count(_regionStats[r.Code].Departements, "département")}");

    private static string NatureLabel(string nature) => nature switch
    {
        "METRO" => "Métropole",
        "MET69" => "Métropole de Lyon",
        _ => nature,
    };

    private static string Count(int n, string noun) =>
        $"{FormatPopulation(n)} {noun}{(n > 1 ? "s" : string.Empty)}";

    private static string FormatPopulation(long n) => n.ToString("#,0", PopulationFormat);

    private sealed record SearchEntry(AreaKind Kind, string Code, string Normalized, long Population, object Item)
    {
        public string[]? PostalCodes { get; init; }
    }

    private readonly record struct Hit(int Rank, SearchEntry Entry);

    // Better hits sort first: lower rank, then larger population, then communes before wider areas, then by name.
    private sealed class HitComparer : IComparer<Hit>
    {
        public static readonly HitComparer BestFirst = new();
        public static readonly Comparer<Hit> WorstFirst = Comparer<Hit>.Create((a, b) => BestFirst.Compare(b, a));

        public int Compare(Hit x, Hit y)
        {
            var c = x.Rank.CompareTo(y.Rank);
            if (c == 0) c = y.Entry.Population.CompareTo(x.Entry.Population);
            if (c == 0) c = x.Entry.Kind.CompareTo(y.Entry.Kind);
            if (c == 0) c = string.CompareOrdinal(x.Entry.Normalized, y.Entry.Normalized);
            if (c == 0) c = string.CompareOrdinal(x.Entry.Code, y.Entry.Code);
            return c;
        }
    }

    private sealed class AreaStats
    {
        public List<string> CommuneCodes { get; } = [];

        public long Population { get; private set; }

        public int Departements { get; set; }

        public void Add(Commune commune)
        {
            CommuneCodes.Add(commune.Code);
            Population += commune.Population;
        }
    }

    private sealed record EpciRow(string Siren, string Nature, string Name, List<Commune> Members);

    private sealed class Query
    {
        public Query(string raw, string normalized)
        {
            Raw = raw;
            Normalized = normalized;
            Words = normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            IsDigits = raw.Length > 0 && raw.All(char.IsAsciiDigit);
        }

        public string Raw { get; }

        public string Normalized { get; }

        public string[] Words { get; }

        public bool IsDigits { get; }
    }
}
