using Maillage.Actors;
using Maillage.Actors.Transfer;
using Maillage.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Imports;

/// <summary>
/// Which actor column each header of a file fills: guessed from the headers (French or English, see
/// <see cref="ActorColumns.Guess"/>), corrected by the person, and remembered per territory for the next file.
/// A mapping is one entry per header: a column key, or "" for a header to ignore.
/// </summary>
public static class ImportMapping
{
    public static readonly string[] RequiredColumns = [ActorColumns.Name, ActorColumns.Family];

    public static string HeaderKey(string header)
    {
        var key = TextKey.Normalize(header);
        return key.Length > ImportColumnChoice.HeaderKeyMaxLength ? key[..ImportColumnChoice.HeaderKeyMaxLength] : key;
    }

    /// <summary>The territory's remembered choices first, then the shared table of headers; each column used once.</summary>
    public static async Task<string[]> GuessAsync(AppDbContext db, Guid territoryId, IReadOnlyList<string> headers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(headers);
        var keys = headers.Select(HeaderKey).Distinct().ToList();
        var remembered = await db.ImportColumnChoices.AsNoTracking()
            .Where(c => c.TerritoryId == territoryId && keys.Contains(c.HeaderKey))
            .ToDictionaryAsync(c => c.HeaderKey, c => c.ColumnKey, StringComparer.Ordinal, cancellationToken);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var mapping = new string[headers.Count];
        for (var i = 0; i < headers.Count; i++)
        {
            var column = remembered.TryGetValue(HeaderKey(headers[i]), out var chosen) ? chosen : ActorColumns.Guess(headers[i])?.Key ?? "";
            mapping[i] = column.Length > 0 && used.Add(column) ? column : "";
        }

        return mapping;
    }

    /// <summary>Keeps the person's choices for this territory's next files (added to the context, saved by the caller).</summary>
    public static async Task RememberAsync(AppDbContext db, Guid territoryId, IReadOnlyList<string> headers, IReadOnlyList<string> mapping,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(mapping);
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count && i < mapping.Count; i++)
        {
            if (HeaderKey(headers[i]) is { Length: > 0 } key)
            {
                wanted.TryAdd(key, mapping[i]);
            }
        }

        var keys = wanted.Keys.ToList();
        var existing = await db.ImportColumnChoices.Where(c => c.TerritoryId == territoryId && keys.Contains(c.HeaderKey))
            .ToDictionaryAsync(c => c.HeaderKey, StringComparer.Ordinal, cancellationToken);
        foreach (var (key, column) in wanted)
        {
            if (existing.TryGetValue(key, out var choice))
            {
                choice.ColumnKey = column;
            }
            else
            {
                db.ImportColumnChoices.Add(new ImportColumnChoice(territoryId, key, column));
            }
        }
    }

    /// <summary>The problems of a mapping itself: a required column not matched, a column matched twice, an unknown key.</summary>
    public static List<ImportProblemInfo> Check(IReadOnlyList<string> headers, IReadOnlyList<string> mapping, int headerLine)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(mapping);
        var problems = new List<ImportProblemInfo>();
        if (mapping.Count != headers.Count)
        {
            problems.Add(new ImportProblemInfo(headerLine, null,
                $"La correspondance des colonnes compte {mapping.Count} entrée(s) pour {headers.Count} en-tête(s) : donnez une colonne (ou « ignorer ») pour chaque en-tête."));
            return problems;
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            var key = mapping[i];
            if (key.Length == 0)
            {
                continue;
            }

            if (ActorColumns.All.All(c => c.Key != key))
            {
                problems.Add(new ImportProblemInfo(headerLine, headers[i], $"Colonne « {headers[i]} » : « {key} » n'est pas une colonne de l'annuaire."));
            }
            else if (!seen.TryAdd(key, headers[i]))
            {
                problems.Add(new ImportProblemInfo(headerLine, headers[i],
                    $"Les colonnes « {seen[key]} » et « {headers[i]} » sont toutes deux associées à « {ActorColumns.Get(key).Header} » : n'en gardez qu'une."));
            }
        }

        foreach (var required in RequiredColumns.Where(r => !seen.ContainsKey(r)))
        {
            problems.Add(new ImportProblemInfo(headerLine, null,
                $"Colonne obligatoire absente : aucune colonne du fichier n'est associée à « {ActorColumns.Get(required).Header} ». " +
                $"Ajoutez-la au fichier ou choisissez la colonne qui la contient. En-têtes lus : {string.Join(", ", headers.Select(h => "« " + h + " »"))}."));
        }

        return problems;
    }
}
