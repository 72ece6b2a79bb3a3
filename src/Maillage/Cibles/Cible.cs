using Maillage.Actors;
using Maillage.Data;

namespace Maillage.Cibles;

/// <summary>
/// La cible of source 004: concentric rings of proximity around the carrier organisation (or, with issue 6, a
/// project), one angular sector per actor family. Ring 1 is the centre. Each actor considered has a
/// <see cref="CiblePlacement"/>: where it stands today and where it should stand.
/// </summary>
public sealed class Cible : AuditedEntity
{
    public const int NameMaxLength = 120;
    public const int CentreMaxLength = 80;
    public const int RingNameMaxLength = 60;
    public const int MinRings = 3;
    public const int MaxRings = 5;
    public const int DefaultRings = 4;

    /// <summary>A picture stays readable (labels placed without overlap) up to this many actors.</summary>
    public const int MaxActors = 150;

    private readonly string?[] _rings = new string?[MaxRings];

    private Cible()
    {
    }

    public Cible(Guid territoryId, string name, string? centre, IReadOnlyList<string?>? ringNames, int? ringCount = null, Guid? projectId = null)
    {
        TerritoryId = territoryId;
        ProjectId = projectId;
        Rename(name, centre);
        SetRings(ringNames, ringCount);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TerritoryId { get; private set; }

    /// <summary>The project whose cible this is (issue 5: « for a project or for the organisation »); null: the organisation's.</summary>
    public Guid? ProjectId { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>Who stands at the centre: the carrier organisation (the name when empty).</summary>
    public string? Centre { get; private set; }

    public int RingCount { get; private set; }

    // One column per ring so that the history reads "Anneau 2 : … → …".
    public string? Ring1 { get => _rings[0]; private set => _rings[0] = value; }
    public string? Ring2 { get => _rings[1]; private set => _rings[1] = value; }
    public string? Ring3 { get => _rings[2]; private set => _rings[2] = value; }
    public string? Ring4 { get => _rings[3]; private set => _rings[3] = value; }
    public string? Ring5 { get => _rings[4]; private set => _rings[4] = value; }

    /// <summary>The ring names from the centre outwards (<see cref="RingCount"/> of them).</summary>
    public IReadOnlyList<string> Rings => [.. _rings.Take(RingCount).Select(r => r ?? "")];

    public string CentreLabel => string.IsNullOrWhiteSpace(Centre) ? Name : Centre;

    public override Guid? AuditTerritoryId => TerritoryId;
    public override string AuditKey => Id.ToString();

    /// <summary>
    /// Default names, from the centre outwards: the source text only says that the closer to the centre, the closer
    /// the actor is to the organisation.
    /// </summary>
    public static IReadOnlyList<string> DefaultRingNames(int count) => count switch
    {
        3 => ["Partenaires engagés", "Relations régulières", "Contacts occasionnels"],
        4 => ["Partenaires engagés", "Partenaires réguliers", "Relations occasionnelles", "Contacts lointains"],
        5 => ["Cœur du partenariat", "Partenaires engagés", "Partenaires réguliers", "Relations occasionnelles", "Contacts lointains"],
        _ => throw new DomainException($"Anneaux : une cible a de {MinRings} à {MaxRings} anneaux."),
    };

    public void Rename(string name, string? centre)
    {
        name = name?.Trim() ?? "";
        if (name.Length == 0)
        {
            throw new DomainException("Nom : donnez un nom à la cible.");
        }

        if (name.Length > NameMaxLength)
        {
            throw new DomainException($"Nom : {NameMaxLength} caractères au plus.");
        }

        centre = string.IsNullOrWhiteSpace(centre) ? null : centre.Trim();
        if (centre?.Length > CentreMaxLength)
        {
            throw new DomainException($"Centre : {CentreMaxLength} caractères au plus.");
        }

        Name = name;
        Centre = centre;
    }

    /// <summary>
    /// Sets the rings: <paramref name="count"/> of them (or as many as names given, or the default), each named as
    /// given or, when empty, with the default name of its place. Placements beyond the last ring are refused by the caller.
    /// </summary>
    public void SetRings(IReadOnlyList<string?>? names, int? count = null)
    {
        var given = names?.Select(n => string.IsNullOrWhiteSpace(n) ? null : n.Trim()).ToList() ?? [];
        var rings = count ?? (given.Count > 0 ? given.Count : DefaultRings);
        if (rings is < MinRings or > MaxRings)
        {
            throw new DomainException($"Anneaux : une cible a de {MinRings} à {MaxRings} anneaux ({rings} demandés).");
        }

        var defaults = DefaultRingNames(rings);
        for (var i = 0; i < MaxRings; i++)
        {
            var name = i < rings ? (i < given.Count ? given[i] : null) ?? defaults[i] : null;
            if (name?.Length > RingNameMaxLength)
            {
                throw new DomainException($"Anneau {i + 1} : {RingNameMaxLength} caractères au plus.");
            }

            _rings[i] = name;
        }

        var duplicate = _rings.Take(rings).GroupBy(r => r!.ToUpperInvariant()).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DomainException($"Anneaux : deux anneaux portent le même nom « {duplicate.First()} ».");
        }

        RingCount = rings;
    }

    /// <summary>Refuses a ring number that is not one of this cible's rings (null means "hors cible").</summary>
    public void CheckRing(int? ring, string field)
    {
        if (ring is { } r && (r < 1 || r > RingCount))
        {
            throw new DomainException($"{field} : l'anneau {r} n'existe pas ; cette cible a les anneaux 1 (centre) à {RingCount}, ou aucun (hors cible).");
        }
    }

    public string RingLabel(int? ring) => ring is { } r && r >= 1 && r <= RingCount ? $"{r}. {Rings[r - 1]}" : "Hors cible";
}

/// <summary>
/// An actor considered on a cible (step 1): "hors cible" until placed. <see cref="Current"/> is where it stands
/// today (step 2), <see cref="Ideal"/> where it should stand (step 3); null is outside the rings.
/// </summary>
public sealed class CiblePlacement : AuditedEntity
{
    private CiblePlacement()
    {
    }

    public CiblePlacement(Cible cible, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(cible);
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.TerritoryId != cible.TerritoryId)
        {
            throw new DomainException("Acteur : il doit appartenir au territoire de la cible.");
        }

        CibleId = cible.Id;
        TerritoryId = cible.TerritoryId;
        ActorId = actor.Id;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid CibleId { get; private set; }
    public Guid TerritoryId { get; private set; }
    public Guid ActorId { get; private set; }
    public int? Current { get; private set; }
    public int? Ideal { get; private set; }

    public override Guid? AuditTerritoryId => TerritoryId;
    public override string AuditKey => Id.ToString();

    public void Place(Cible cible, int? current, int? ideal)
    {
        ArgumentNullException.ThrowIfNull(cible);
        cible.CheckRing(current, "Aujourd'hui");
        cible.CheckRing(ideal, "Idéal");
        Current = current;
        Ideal = ideal;
    }
}
