using Maillage.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Actors;

/// <summary>
/// "Contains" search over the actors' <see cref="Actor.SearchText"/>, served by a trigram index on both databases:
/// an FTS5 table on SQLite, a pg_trgm GIN index on PostgreSQL (both made by the Actors migration).
/// </summary>
public static class ActorSearch
{
    /// <summary>The SQLite FTS5 table (external content: it stores only the index, over the actors' rowid).</summary>
    public const string Table = "ActorSearch";

    /// <summary>The actors whose search text contains <paramref name="key"/> (already in <see cref="TextKey"/> form).</summary>
    public static IQueryable<Actor> Containing(AppDbContext db, string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (db.Database.IsSqlite())
        {
            // A quoted phrase of trigrams is a substring match read from the index's positions alone; LIKE would
            // also work but re-reads every candidate row to check it. The key holds no quote (see TextKey).
            // A join, not "rowid IN (…)": the index's matches then drive the query one by one, so a count that stops
            // at a cap stops reading them (30 ms instead of 120 ms for « solidaire » among a million actors).
            var phrase = "\"" + key + "\"";
            return db.Actors.FromSql(
                $"""SELECT a.* FROM "ActorSearch" AS s JOIN "Actors" AS a ON a.rowid = s.rowid WHERE s."ActorSearch" MATCH {phrase}""");
        }

        // LIKE rather than Contains: PostgreSQL's trigram index serves LIKE, not strpos().
        var pattern = "%" + key + "%";
        return db.Actors.Where(a => EF.Functions.Like(a.SearchText, pattern));
    }
}
