using Maillage.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Actors;

/// <summary>A competence of a territory's vocabulary: actors are tagged with them, and new tags join the vocabulary.</summary>
public sealed class Competence : AuditedEntity
{
    public const int LabelMaxLength = 100;

    private Competence()
    {
    }

    public Competence(Guid territoryId, string label)
    {
        var trimmed = CleanLabel(label);
        TerritoryId = territoryId;
        Label = trimmed;
        Key = TextKey.Normalize(trimmed);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TerritoryId { get; private set; }
    public string Label { get; private set; } = "";

    /// <summary>The normalised label, unique in the territory: "Mobilité" and "mobilite" are one competence.</summary>
    public string Key { get; private set; } = "";

    public override Guid? AuditTerritoryId => TerritoryId;

    /// <summary>A new label; the actors it tags are relabelled by <see cref="Vocabulary.RenameCompetenceAsync"/>.</summary>
    internal void Rename(string label)
    {
        Label = CleanLabel(label);
        Key = TextKey.Normalize(Label);
    }
    public override string AuditKey => Id.ToString();

    /// <summary>The label as it will be kept, or a French error naming the field.</summary>
    public static string CleanLabel(string? label)
    {
        var trimmed = string.Join(' ', (label ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (TextKey.Normalize(trimmed).Length == 0)
        {
            throw new DomainException("Compétences : une compétence vide ou sans lettre ni chiffre n'est pas acceptée.");
        }

        if (trimmed.Length > LabelMaxLength)
        {
            throw new DomainException($"Compétences : « {trimmed[..30]}… » dépasse {LabelMaxLength} caractères.");
        }

        if (trimmed.Contains(';', StringComparison.Ordinal))
        {
            throw new DomainException($"Compétences : « {trimmed} » contient un point-virgule ; donnez une compétence par élément de la liste.");
        }

        return trimmed;
    }

    /// <summary>
    /// The territory's competences for these labels, matched by their normalised key; missing ones are created
    /// (added to the context, saved with the actor).
    /// </summary>
    public static async Task<List<Competence>> ResolveAsync(AppDbContext db, Guid territoryId, IEnumerable<string> labels,
        CancellationToken cancellationToken = default)
    {
        var wanted = labels.Select(CleanLabel)
            .GroupBy(TextKey.Normalize, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return [];
        }

        var keys = wanted.Keys.ToList();
        var existing = await db.Competences
            .Where(c => c.TerritoryId == territoryId && keys.Contains(c.Key))
            .ToDictionaryAsync(c => c.Key, StringComparer.Ordinal, cancellationToken);
        var result = new List<Competence>(wanted.Count);
        // Competences added earlier in the same unit of work are not in the database yet: reuse them too.
        foreach (var pending in db.Competences.Local.Where(c => c.TerritoryId == territoryId && wanted.ContainsKey(c.Key)))
        {
            existing.TryAdd(pending.Key, pending);
        }

        foreach (var (key, label) in wanted)
        {
            if (!existing.TryGetValue(key, out var competence))
            {
                competence = new Competence(territoryId, label);
                db.Competences.Add(competence);
            }

            result.Add(competence);
        }

        return result;
    }
}

/// <summary>An actor tagged with a competence.</summary>
public sealed class ActorCompetence
{
    private ActorCompetence()
    {
    }

    internal ActorCompetence(Guid actorId, Guid competenceId)
    {
        ActorId = actorId;
        CompetenceId = competenceId;
    }

    public Guid ActorId { get; private set; }
    public Guid CompetenceId { get; private set; }
}
