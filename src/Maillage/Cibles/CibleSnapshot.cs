using System.Text.Json;
using Maillage.Actors;

namespace Maillage.Cibles;

/// <summary>
/// The picture of a cible frozen at a date by a pilote, to see how it moved over time. It keeps the names and
/// families as they were, so a snapshot still reads after an actor is renamed or deleted.
/// </summary>
public sealed class CibleSnapshot
{
    public const int NoteMaxLength = 500;

    private CibleSnapshot()
    {
    }

    public CibleSnapshot(Cible cible, IReadOnlyList<CibleItem> items, DateTime takenAt, string? takenBy, string? note)
    {
        ArgumentNullException.ThrowIfNull(cible);
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note?.Length > NoteMaxLength)
        {
            throw new DomainException($"Note : {NoteMaxLength} caractères au plus.");
        }

        CibleId = cible.Id;
        TerritoryId = cible.TerritoryId;
        TakenAt = takenAt;
        TakenBy = takenBy;
        Note = note;
        Content = JsonSerializer.Serialize(new SnapshotContent(cible.Name, cible.CentreLabel, cible.Rings,
            [.. items.Select(i => new SnapshotItem(i.ActorId, i.Name, i.Family.Code(), i.Current, i.Ideal))]), JsonSerializerOptions.Web);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid CibleId { get; private set; }
    public Guid TerritoryId { get; private set; }
    public DateTime TakenAt { get; private set; }
    public string? TakenBy { get; private set; }
    public string? Note { get; private set; }

    /// <summary>The frozen picture as JSON: name, centre, rings and placements.</summary>
    public string Content { get; private set; } = "";

    public SnapshotContent Read() => JsonSerializer.Deserialize<SnapshotContent>(Content, JsonSerializerOptions.Web)
        ?? throw new InvalidOperationException("Instantané illisible.");

    public sealed record SnapshotContent(string Name, string Centre, IReadOnlyList<string> Rings, IReadOnlyList<SnapshotItem> Items)
    {
        public CibleDrawing Drawing() => new(Centre, Rings,
            [.. Items.Select(i => new CibleItem(i.ActorId, i.Name, ActorFamilies.TryParse(i.Family, out var f) ? f : ActorFamily.Associations, i.Current, i.Ideal))]);
    }

    public sealed record SnapshotItem(Guid ActorId, string Name, string Family, int? Current, int? Ideal);
}
