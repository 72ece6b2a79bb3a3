using Maillage.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Actors;

/// <summary>
/// A link between two actors of a territory (source 004: "la connaissance des réseaux et de leurs jeux respectifs
/// (histoire locale, alliance préexistante, rapport de force)"). It reads one way from the source and the other
/// way from the target: "finance" / "est financé par".
/// </summary>
public sealed class ActorRelation : AuditedEntity
{
    public const int NotesMaxLength = 2000;
    public const int MinStrength = 1;
    public const int MaxStrength = 5;

    private ActorRelation()
    {
    }

    public ActorRelation(Actor source, Actor target, string type, RelationTypeCatalog catalog,
        DateOnly? startDate, DateOnly? endDate, int? strength, string? notes)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (source.Id == target.Id)
        {
            throw new DomainException("Acteur lié : un acteur ne peut pas être en relation avec lui-même.");
        }

        if (source.TerritoryId != target.TerritoryId)
        {
            throw new DomainException("Acteur lié : les deux acteurs doivent appartenir au même territoire.");
        }

        TerritoryId = source.TerritoryId;
        SourceActorId = source.Id;
        TargetActorId = target.Id;
        Update(type, catalog, startDate, endDate, strength, notes);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TerritoryId { get; private set; }
    public Guid SourceActorId { get; private set; }
    public Guid TargetActorId { get; private set; }

    /// <summary>A code of the territory's <see cref="RelationTypeCatalog"/>.</summary>
    public string Type { get; private set; } = "";

    public DateOnly? StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }

    /// <summary>From 1 (a weak tie) to 5 (a strong one); unknown when null.</summary>
    public int? Strength { get; private set; }

    public string? Notes { get; private set; }

    public override Guid? AuditTerritoryId => TerritoryId;
    public override string AuditKey => Id.ToString();

    public void Update(string type, RelationTypeCatalog catalog, DateOnly? startDate, DateOnly? endDate, int? strength, string? notes)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var known = catalog.Find(type)
            ?? throw new DomainException($"Type de relation : « {type?.Trim()} » n'existe pas dans ce territoire ({string.Join(", ", catalog.Options.Select(o => o.Code))}).");
        if (startDate is { } start && endDate is { } end && end < start)
        {
            throw new DomainException($"Date de fin : le {end:dd/MM/yyyy} précède la date de début ({start:dd/MM/yyyy}).");
        }

        if (strength is { } s && (s < MinStrength || s > MaxStrength))
        {
            throw new DomainException($"Intensité : une valeur de {MinStrength} (lien faible) à {MaxStrength} (lien fort) ; « {s} » n'en est pas une.");
        }

        var trimmed = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        if (trimmed?.Length > NotesMaxLength)
        {
            throw new DomainException($"Notes : {NotesMaxLength} caractères au plus.");
        }

        Type = known.Code;
        StartDate = startDate;
        EndDate = endDate;
        Strength = strength;
        Notes = trimmed;
    }

    /// <summary>Whether this relation says the same thing as another: same pair, same type, same start.</summary>
    public bool Duplicates(Guid sourceActorId, Guid targetActorId, string type, DateOnly? startDate, RelationTypeCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (!string.Equals(Type, type, StringComparison.Ordinal) || StartDate != startDate)
        {
            return false;
        }

        var same = SourceActorId == sourceActorId && TargetActorId == targetActorId;
        var reversed = SourceActorId == targetActorId && TargetActorId == sourceActorId;
        return same || (reversed && catalog.Find(type)?.IsSymmetric == true);
    }

    /// <summary>Refuses a relation that another one of the same pair already says (see <see cref="Duplicates"/>).</summary>
    public static async Task EnsureNotRepeatedAsync(AppDbContext db, ActorRelation relation, RelationTypeCatalog catalog,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(relation);
        var (a, b) = (relation.SourceActorId, relation.TargetActorId);
        var between = await db.ActorRelations.AsNoTracking()
            .Where(r => r.TerritoryId == relation.TerritoryId && r.Id != relation.Id
                        && ((r.SourceActorId == a && r.TargetActorId == b) || (r.SourceActorId == b && r.TargetActorId == a)))
            .ToListAsync(cancellationToken);
        if (between.Any(r => r.Duplicates(a, b, relation.Type, relation.StartDate, catalog)))
        {
            throw new DomainException("Relation : cette relation existe déjà entre ces deux acteurs, avec le même type et la même date de début.");
        }
    }
}

/// <summary>A relation type a territory adds to the default ones.</summary>
public sealed class RelationType : AuditedEntity
{
    public const int CodeMaxLength = 60;
    public const int LabelMaxLength = 100;

    private RelationType()
    {
    }

    public RelationType(Guid territoryId, string label, string? reverseLabel, bool isSymmetric)
    {
        var forward = label?.Trim() ?? "";
        if (forward.Length == 0)
        {
            throw new DomainException("Libellé : le libellé du type de relation est obligatoire.");
        }

        var reverse = isSymmetric ? forward : reverseLabel?.Trim() ?? "";
        if (reverse.Length == 0)
        {
            throw new DomainException("Lecture inverse : indiquez comment la relation se lit depuis l'autre acteur (par exemple « est financé par »), ou déclarez-la symétrique.");
        }

        if (forward.Length > LabelMaxLength || reverse.Length > LabelMaxLength)
        {
            throw new DomainException($"Libellé : {LabelMaxLength} caractères au plus.");
        }

        var code = TextKey.Slug(forward);
        if (code.Length == 0 || code.Length > CodeMaxLength)
        {
            throw new DomainException("Libellé : le libellé doit contenir des lettres ou des chiffres.");
        }

        TerritoryId = territoryId;
        Code = code;
        Label = forward;
        ReverseLabel = reverse;
        IsSymmetric = isSymmetric;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TerritoryId { get; private set; }
    public string Code { get; private set; } = "";

    /// <summary>How the relation reads from its source: "finance".</summary>
    public string Label { get; private set; } = "";

    /// <summary>How it reads from its target: "est financé par"; the same as <see cref="Label"/> when symmetric.</summary>
    public string ReverseLabel { get; private set; } = "";

    public bool IsSymmetric { get; private set; }

    public override Guid? AuditTerritoryId => TerritoryId;
    public override string AuditKey => Id.ToString();
}

public sealed record RelationTypeOption(string Code, string Label, string ReverseLabel, bool IsSymmetric)
{
    /// <summary>The reading from one side of the relation.</summary>
    public string Reading(bool fromSource) => fromSource ? Label : ReverseLabel;
}

/// <summary>The relation types of a territory: the defaults and its own.</summary>
public sealed class RelationTypeCatalog
{
    public static readonly IReadOnlyList<RelationTypeOption> Defaults =
    [
        new("membre-de", "membre de", "a pour membre", false),
        new("finance", "finance", "est financé par", false),
        new("prescrit", "prescrit vers", "reçoit les prescriptions de", false),
        new("tutelle", "exerce la tutelle de", "est sous la tutelle de", false),
        new("partenaire-historique", "partenaire historique de", "partenaire historique de", true),
        new("concurrent", "concurrent de", "concurrent de", true),
        new("alliance", "alliance préexistante avec", "alliance préexistante avec", true),
    ];

    private readonly Dictionary<string, RelationTypeOption> _byCode;

    public RelationTypeCatalog(IEnumerable<RelationType> additions)
    {
        Options = [.. Defaults, .. additions.Select(t => new RelationTypeOption(t.Code, t.Label, t.ReverseLabel, t.IsSymmetric))];
        _byCode = Options.GroupBy(o => o.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public static RelationTypeCatalog DefaultsOnly { get; } = new([]);

    public static async Task<RelationTypeCatalog> LoadAsync(AppDbContext db, Guid territoryId, CancellationToken cancellationToken = default) =>
        new(await db.RelationTypes.AsNoTracking().Where(t => t.TerritoryId == territoryId).OrderBy(t => t.Label).ToListAsync(cancellationToken));

    public IReadOnlyList<RelationTypeOption> Options { get; }

    public RelationTypeOption? Find(string? code) =>
        string.IsNullOrWhiteSpace(code) ? null : _byCode.GetValueOrDefault(code.Trim().ToLowerInvariant());
}
