using Maillage.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Actors;

public sealed record DuplicateCandidate(Guid Id, string Name, string? Siren, string? Siret, string? Rna, string Reason)
{
    public ActorFamily Family { get; init; }
    public string? Acronym { get; init; }
}

/// <summary>
/// Warns that an actor being created may already be in the directory: same SIREN, SIRET or RNA, or a name that is
/// the same once normalised or differs by a typo. Only indexed lookups: the identifiers' indexes, and the name index
/// read from the first letters of the name (see docs/decisions/0006-actors.md).
/// </summary>
public static class Duplicates
{
    /// <summary>Names are compared on a candidate set read by prefix; this bounds it at a million actors.</summary>
    public const int MaxNameCandidates = 1000;

    private const int PrefixLength = 3;
    private const int MaxLengthDifference = 2;

    /// <summary>An external id names one actor of the territory: a second one would make imports ambiguous.</summary>
    public static async Task EnsureExternalIdFreeAsync(AppDbContext db, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.ExternalId is { } externalId
            && await db.Actors.AnyAsync(a => a.TerritoryId == actor.TerritoryId && a.ExternalId == externalId && a.Id != actor.Id, cancellationToken))
        {
            throw new DomainException($"Identifiant externe : « {externalId} » est déjà celui d'un autre acteur du territoire.");
        }
    }

    public static async Task<IReadOnlyList<DuplicateCandidate>> FindAsync(AppDbContext db, Guid territoryId, string name,
        string? siren, string? siret, string? rna, Guid? exceptId = null, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<Guid, DuplicateCandidate>();
        var actors = db.Actors.AsNoTracking().Where(a => a.TerritoryId == territoryId && a.Id != exceptId);

        var cleanSiret = Identifiers.IsValidSiret(siret) ? Identifiers.Clean(siret) : null;
        var cleanSiren = Identifiers.IsValidSiren(siren) ? Identifiers.Clean(siren) : cleanSiret?[..9];
        var cleanRna = Identifiers.IsValidRna(rna) ? Identifiers.Clean(rna) : null;

        // One query per identifier: "Siren = @p OR …" with a null parameter would read as "Siren IS NULL".
        if (cleanSiret is not null)
        {
            Add(await Read(actors.Where(a => a.Siret == cleanSiret), cancellationToken), $"même SIRET ({cleanSiret})");
        }

        if (cleanSiren is not null)
        {
            Add(await Read(actors.Where(a => a.Siren == cleanSiren), cancellationToken), $"même SIREN ({cleanSiren})");
        }

        if (cleanRna is not null)
        {
            Add(await Read(actors.Where(a => a.Rna == cleanRna), cancellationToken), $"même numéro RNA ({cleanRna})");
        }

        var key = TextKey.Normalize(name);
        if (key.Length > 0)
        {
            var prefix = key[..Math.Min(PrefixLength, key.Length)];
            var shortest = key.Length - MaxLengthDifference;
            var longest = key.Length + MaxLengthDifference;
            var near = await ActorDirectory.WhereNameStartsWith(actors, prefix)
                .Where(a => a.NameKey.Length >= shortest && a.NameKey.Length <= longest)
                .OrderBy(a => a.NameKey)
                .Take(MaxNameCandidates)
                .Select(a => new { a.Id, a.Name, a.NameKey, a.Siren, a.Siret, a.Rna, a.Family, a.Acronym })
                .ToListAsync(cancellationToken);
            foreach (var candidate in near.Where(c => IsNearIdentical(key, c.NameKey)))
            {
                found.TryAdd(candidate.Id, new DuplicateCandidate(candidate.Id, candidate.Name, candidate.Siren, candidate.Siret, candidate.Rna,
                    candidate.NameKey == key ? "même nom" : "nom presque identique") { Family = candidate.Family, Acronym = candidate.Acronym });
            }
        }

        return [.. found.Values];

        void Add(List<DuplicateCandidate> candidates, string reason)
        {
            foreach (var candidate in candidates)
            {
                found.TryAdd(candidate.Id, candidate with { Reason = reason });
            }
        }
    }

    /// <summary>
    /// Two name keys (<see cref="TextKey"/>) name the same organisation: equal once spaces are removed, or within a
    /// typo or two of each other — none for short names, where one letter makes another name ("CCI" / "CMA").
    /// </summary>
    public static bool IsNearIdentical(string key, string other)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(other);
        var a = TextKey.Compact(key);
        var b = TextKey.Compact(other);
        if (a == b)
        {
            return true;
        }

        var length = Math.Max(a.Length, b.Length);
        var allowed = length switch
        {
            <= 5 => 0,
            <= 12 => 1,
            _ => 2,
        };
        return allowed > 0 && Math.Abs(a.Length - b.Length) <= allowed && EditDistance(a, b, allowed) <= allowed;
    }

    /// <summary>Levenshtein distance, stopping early once it exceeds <paramref name="limit"/> (returns limit + 1 then).</summary>
    public static int EditDistance(string a, string b, int limit)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                rowMinimum = Math.Min(rowMinimum, current[j]);
            }

            if (rowMinimum > limit)
            {
                return limit + 1;
            }

            (previous, current) = (current, previous);
        }

        return Math.Min(previous[b.Length], limit + 1);
    }

    private static Task<List<DuplicateCandidate>> Read(IQueryable<Actor> actors, CancellationToken cancellationToken) =>
        actors.Take(20)
            .Select(a => new DuplicateCandidate(a.Id, a.Name, a.Siren, a.Siret, a.Rna, "") { Family = a.Family, Acronym = a.Acronym })
            .ToListAsync(cancellationToken);
}
