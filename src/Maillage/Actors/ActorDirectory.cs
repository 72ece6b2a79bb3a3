using Maillage.Data;
using Maillage.Territories.Reference;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Actors;

public enum DirectorySort
{
    Name,
    Updated,
    Family,
}

/// <summary>What the directory is asked: every filter is optional.</summary>
public sealed record DirectoryQuery
{
    public const int DefaultPageSize = 50;

    public string? Q { get; init; }
    public ActorFamily? Family { get; init; }
    public string? Subtype { get; init; }

    /// <summary>A commune's INSEE code, or an EPCI's SIREN meaning its member communes.</summary>
    public string? Commune { get; init; }

    /// <summary>A competence label of the territory's vocabulary (compared in normalised form).</summary>
    public string? Competence { get; init; }

    /// <summary>Actors offering every one of these modes.</summary>
    public InterventionModes Modes { get; init; }

    public DirectorySort Sort { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>False when the caller does not show the total (the bench times the page alone): the total is then -1.</summary>
    public bool CountTotal { get; init; } = true;

    /// <summary>
    /// Count every match however many there are. By default counting stops <see cref="CountCap"/> matches from the
    /// page's first, and the total is then a lower bound (« plus de 10 000 acteurs »).
    /// </summary>
    public bool ExactTotal { get; init; }

    /// <summary>
    /// How many matches from the page's first are counted before the count stops: an exact count of a million actors
    /// reads a million index entries (60 ms on SQLite, more on PostgreSQL), and nobody pages through ten thousand actors.
    /// </summary>
    public int CountCap { get; init; } = 10_000;
}

public sealed record DirectoryRow(Guid Id, string Name, string? Acronym, ActorFamily Family, string? Subtype, string? Siren,
    string? Siret, string? Rna, string? CommuneCode, string CompetenceLabels, InterventionModes Modes, DateTime UpdatedAt, long Version);

/// <summary>One page of the directory. When <see cref="TotalIsExact"/> is false, <see cref="Total"/> is a lower bound: more match.</summary>
public sealed record DirectoryPage(IReadOnlyList<DirectoryRow> Items, int Total, int Page, int PageSize, bool TotalIsExact = true);

public enum SearchKind
{
    None,
    Siren,
    Siret,
    Rna,

    /// <summary>One or two characters: names starting with them, read from the name index.</summary>
    NamePrefix,

    /// <summary>Three characters or more: anywhere in name, acronym, identifiers and competences.</summary>
    Contains,
}

/// <summary>How the directory reads the text typed in its search box.</summary>
public sealed record SearchTerm(SearchKind Kind, string Value)
{
    /// <summary>Below this length a "contains" search matches nearly everything and no trigram index can help.</summary>
    public const int ContainsMinLength = 3;

    public static SearchTerm Parse(string? q)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return new SearchTerm(SearchKind.None, "");
        }

        var cleaned = Identifiers.Clean(q);
        if (cleaned.All(char.IsAsciiDigit))
        {
            if (cleaned.Length == 9)
            {
                return new SearchTerm(SearchKind.Siren, cleaned);
            }

            if (cleaned.Length == 14)
            {
                return new SearchTerm(SearchKind.Siret, cleaned);
            }
        }

        if (Identifiers.IsValidRna(cleaned))
        {
            return new SearchTerm(SearchKind.Rna, cleaned);
        }

        var key = TextKey.Normalize(q);
        return key.Length switch
        {
            0 => new SearchTerm(SearchKind.None, ""),
            < ContainsMinLength => new SearchTerm(SearchKind.NamePrefix, key),
            _ => new SearchTerm(SearchKind.Contains, key),
        };
    }
}

/// <summary>
/// The directory of a territory's actors: search, filters, sort and paging, all computed by the database on indexed
/// columns (see docs/decisions/0006-actors.md for what each filter costs at a million actors).
/// </summary>
public sealed class ActorDirectory(AppDbContext db, InseeReference reference)
{
    public const int MaxPageSize = 200;

    public async Task<DirectoryPage> SearchAsync(Guid territoryId, DirectoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = Math.Clamp(query.Page, 1, int.MaxValue / MaxPageSize);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var filtered = await FilterAsync(territoryId, query, cancellationToken);
        if (filtered is null)
        {
            return new DirectoryPage([], 0, page, pageSize);
        }

        // Counted up to the cap past the page's start (the cap at least a page), so that a lower bound still says
        // whether a next page exists: the first page says « plus de 10 000 ».
        var cap = (int)Math.Min(int.MaxValue - 1, (long)(page - 1) * pageSize + Math.Max(pageSize, query.CountCap));
        var limit = query.ExactTotal ? int.MaxValue : cap;
        var byMatches = MatchesComeFromAnIndex(query);
        var counted = !query.CountTotal && !byMatches ? -1
            : IsCompetenceOnly(query) ? await CountCompetenceAsync(territoryId, query.Competence!, limit, cancellationToken)
            : query.ExactTotal ? await filtered.CountAsync(cancellationToken)
            : await filtered.Take(limit + 1).CountAsync(cancellationToken);
        if (byMatches && counted > cap)
        {
            // Many matches: sorting them all to keep 25 costs more than walking the order's index and testing each row,
            // which meets a page of matches within a few thousand rows (docs/decisions/0006-actors.md).
            filtered = await FilterAsync(territoryId, query, inOrder: true, cancellationToken);
        }

        var items = await PageOf(filtered!, query.Sort, page, pageSize).ToListAsync(cancellationToken);
        return !query.CountTotal ? new DirectoryPage(items, -1, page, pageSize)
            : counted > limit ? new DirectoryPage(items, limit, page, pageSize, TotalIsExact: false)
            : new DirectoryPage(items, counted, page, pageSize);
    }

    /// <summary>Whether the query's matches are read from their own index (words, a competence) rather than from the order's.</summary>
    private static bool MatchesComeFromAnIndex(DirectoryQuery query) =>
        SearchTerm.Parse(query.Q).Kind == SearchKind.Contains || !string.IsNullOrWhiteSpace(query.Competence);

    /// <summary>
    /// The page's ids first, read from an index that holds the filter and the order, then only those rows:
    /// sorting or skipping never reads the rows it does not return.
    /// </summary>
    public IQueryable<DirectoryRow> PageOf(IQueryable<Actor> filtered, DirectorySort sort, int page, int pageSize)
    {
        var pageIds = Order(filtered, sort).Skip((page - 1) * pageSize).Take(pageSize).Select(a => a.Id);
        return Order(db.Actors.AsNoTracking().Where(a => pageIds.Contains(a.Id)), sort)
            .Select(a => new DirectoryRow(a.Id, a.Name, a.Acronym, a.Family, a.Subtype, a.Siren, a.Siret, a.Rna, a.CommuneCode,
                a.CompetenceLabels, a.Modes, a.UpdatedAt, a.Version));
    }

    /// <summary>The territory's actors matching the query, or null when a filter names nothing that exists.</summary>
    public Task<IQueryable<Actor>?> FilterAsync(Guid territoryId, DirectoryQuery query, CancellationToken cancellationToken = default) =>
        FilterAsync(territoryId, query, inOrder: false, cancellationToken);

    /// <summary>
    /// The territory's actors matching the query. Words and competences are read from their own index (the trigram
    /// index, the competence's links), or, <paramref name="inOrder"/>, tested row by row along the order's index.
    /// </summary>
    private async Task<IQueryable<Actor>?> FilterAsync(Guid territoryId, DirectoryQuery query, bool inOrder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var term = SearchTerm.Parse(query.Q);
        var source = term.Kind == SearchKind.Contains && !inOrder ? ActorSearch.Containing(db, term.Value) : db.Actors;
        var actors = source.AsNoTracking().Where(a => a.TerritoryId == territoryId);
        switch (term.Kind)
        {
            case SearchKind.Contains when inOrder:
                var key = term.Value;
                actors = actors.Where(a => a.SearchText.Contains(key));
                break;
            case SearchKind.Siren:
                var siren = term.Value;
                actors = actors.Where(a => a.Siren == siren);
                break;
            case SearchKind.Siret:
                var siret = term.Value;
                actors = actors.Where(a => a.Siret == siret);
                break;
            case SearchKind.Rna:
                var rna = term.Value;
                actors = actors.Where(a => a.Rna == rna);
                break;
            case SearchKind.NamePrefix:
                actors = WhereNameStartsWith(actors, term.Value);
                break;
        }

        if (query.Family is { } family)
        {
            actors = actors.Where(a => a.Family == family);
        }

        if (!string.IsNullOrWhiteSpace(query.Subtype))
        {
            var subtype = query.Subtype.Trim().ToLowerInvariant();
            actors = actors.Where(a => a.Subtype == subtype);
        }

        if (!string.IsNullOrWhiteSpace(query.Commune))
        {
            var codes = CommuneCodes(query.Commune);
            actors = codes.Count == 1
                ? actors.Where(a => a.CommuneCode == codes[0])
                : actors.Where(a => codes.Contains(a.CommuneCode!));
        }

        if (!string.IsNullOrWhiteSpace(query.Competence))
        {
            var competenceKey = TextKey.Normalize(query.Competence);
            var competenceId = await db.Competences.AsNoTracking()
                .Where(c => c.TerritoryId == territoryId && c.Key == competenceKey)
                .Select(c => (Guid?)c.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (competenceId is not { } id)
            {
                return null;
            }

            // "IN (SELECT ActorId …)" lets the database start from the competence's index rather than probe every actor;
            // "EXISTS" probes the links of each actor met along the order's index.
            actors = inOrder
                ? actors.Where(a => db.ActorCompetences.Any(l => l.ActorId == a.Id && l.CompetenceId == id))
                : actors.Where(a => db.ActorCompetences.Where(l => l.CompetenceId == id).Select(l => l.ActorId).Contains(a.Id));
        }

        if (query.Modes != InterventionModes.None)
        {
            // Every set of modes that includes the wanted ones, so that the (TerritoryId, Modes) index can seek them.
            var sets = WithModes(query.Modes);
            actors = actors.Where(a => sets.Contains(a.Modes));
        }

        return actors;
    }

    private static bool IsCompetenceOnly(DirectoryQuery query) =>
        !string.IsNullOrWhiteSpace(query.Competence) && string.IsNullOrWhiteSpace(query.Q) && query.Family is null
        && string.IsNullOrWhiteSpace(query.Subtype) && string.IsNullOrWhiteSpace(query.Commune) && query.Modes == InterventionModes.None;

    /// <summary>
    /// The actors tagged with a competence, counted from the links alone: a competence belongs to one territory and
    /// <see cref="Actor.SetCompetences"/> only links actors of that territory, so no actor row needs reading.
    /// </summary>
    private async Task<int> CountCompetenceAsync(Guid territoryId, string competence, int limit, CancellationToken cancellationToken)
    {
        // One statement: the competence is found by its key inside the count (FilterAsync found it a moment ago).
        var key = TextKey.Normalize(competence);
        var competenceIds = db.Competences.Where(c => c.TerritoryId == territoryId && c.Key == key).Select(c => c.Id);
        var links = db.ActorCompetences.Where(l => competenceIds.Contains(l.CompetenceId));
        return limit == int.MaxValue
            ? await links.CountAsync(cancellationToken)
            : await links.Take(limit + 1).CountAsync(cancellationToken);
    }

    /// <summary>
    /// Names whose key starts with <paramref name="prefix"/>, as a range of the name index: LIKE 'prefix%' cannot use
    /// it on SQLite (case-insensitive LIKE) nor on PostgreSQL outside the C collation.
    /// </summary>
    public static IQueryable<Actor> WhereNameStartsWith(IQueryable<Actor> actors, string prefix)
    {
        // Translated to "NameKey >= @prefix AND NameKey < @upper": the database compares bytes, not culture.
        var upper = prefix + TextKey.Last;
        return actors.Where(a => a.NameKey.CompareTo(prefix) >= 0 && a.NameKey.CompareTo(upper) < 0);
    }

    /// <summary>Every combination of modes that contains all of <paramref name="wanted"/>.</summary>
    public static IReadOnlyList<InterventionModes> WithModes(InterventionModes wanted)
    {
        var all = InterventionModeCodes.All.Aggregate(InterventionModes.None, (set, m) => set | m.Mode);
        return Enumerable.Range(0, (int)all + 1).Select(v => (InterventionModes)v).Where(v => (v & wanted) == wanted && (v & ~all) == 0).ToList();
    }

    /// <summary>The commune codes a "commune" filter stands for: one commune, or the members of an EPCI.</summary>
    public IReadOnlyList<string> CommuneCodes(string commune)
    {
        var code = commune.Trim().ToUpperInvariant();
        if (code.Length == 9 && code.All(char.IsAsciiDigit))
        {
            var members = reference.CommuneCodesOf(AreaKind.Epci, code);
            return members.Count > 0
                ? members
                : throw new DomainException($"Commune : « {commune.Trim()} » n'est le SIREN d'aucun EPCI du référentiel {InseeReference.Millesime}.");
        }

        return reference.FindCommune(code) is { } found
            ? [found.Code]
            : throw new DomainException($"Commune : « {commune.Trim()} » n'est ni un code commune INSEE ni le SIREN d'un EPCI.");
    }

    private static IQueryable<Actor> Order(IQueryable<Actor> actors, DirectorySort sort) => sort switch
    {
        DirectorySort.Updated => actors.OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id),
        DirectorySort.Family => actors.OrderBy(a => a.Family).ThenBy(a => a.NameKey).ThenBy(a => a.Id),
        _ => actors.OrderBy(a => a.NameKey).ThenBy(a => a.Id),
    };
}
