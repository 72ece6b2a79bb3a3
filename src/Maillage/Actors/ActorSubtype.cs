using Maillage.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Actors;

/// <summary>A subtype a territory adds to the default list of a family (for example "tiers-lieu" among associations).</summary>
public sealed class ActorSubtype : AuditedEntity
{
    public const int CodeMaxLength = 60;
    public const int LabelMaxLength = 100;

    private ActorSubtype()
    {
    }

    public ActorSubtype(Guid territoryId, ActorFamily family, string label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            throw new DomainException("Le libellé du sous-type est obligatoire.");
        }

        if (label.Trim().Length > LabelMaxLength)
        {
            throw new DomainException($"Le libellé du sous-type ne doit pas dépasser {LabelMaxLength} caractères.");
        }

        var code = TextKey.Slug(label);
        if (code.Length == 0 || code.Length > CodeMaxLength)
        {
            throw new DomainException("Le libellé du sous-type doit contenir des lettres ou des chiffres.");
        }

        TerritoryId = territoryId;
        Family = family;
        Label = label.Trim();
        Code = code;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TerritoryId { get; private set; }
    public ActorFamily Family { get; private set; }
    public string Code { get; private set; } = "";
    public string Label { get; private set; } = "";

    public override Guid? AuditTerritoryId => TerritoryId;
    public override string AuditKey => Id.ToString();
}

public sealed record SubtypeOption(ActorFamily Family, string Code, string Label);

/// <summary>The subtypes a territory can choose from: the default list of each family plus its own additions.</summary>
public sealed class SubtypeCatalog
{
    public static readonly IReadOnlyList<SubtypeOption> Defaults =
    [
        new(ActorFamily.PouvoirsPublics, "commune", "Commune"),
        new(ActorFamily.PouvoirsPublics, "epci", "EPCI (communauté, métropole)"),
        new(ActorFamily.PouvoirsPublics, "departement", "Département"),
        new(ActorFamily.PouvoirsPublics, "region", "Région"),
        new(ActorFamily.PouvoirsPublics, "services-etat", "Services de l'État (préfecture, DREETS, DDETS…)"),
        new(ActorFamily.PouvoirsPublics, "operateur-etat", "Opérateur de l'État"),
        new(ActorFamily.DeveloppementEconomique, "cci", "Chambre de commerce et d'industrie (CCI)"),
        new(ActorFamily.DeveloppementEconomique, "cma", "Chambre de métiers et de l'artisanat (CMA)"),
        new(ActorFamily.DeveloppementEconomique, "chambre-agriculture", "Chambre d'agriculture"),
        new(ActorFamily.DeveloppementEconomique, "agence-developpement", "Agence de développement économique"),
        new(ActorFamily.EmploiFormation, "france-travail", "France Travail"),
        new(ActorFamily.EmploiFormation, "mission-locale", "Mission locale"),
        new(ActorFamily.EmploiFormation, "maison-emploi", "Maison de l'emploi"),
        new(ActorFamily.EmploiFormation, "cap-emploi", "Cap emploi"),
        new(ActorFamily.EmploiFormation, "opco", "Opérateur de compétences (OPCO)"),
        new(ActorFamily.EmploiFormation, "organisme-formation", "Organisme de formation"),
        new(ActorFamily.EmploiFormation, "siae", "Structure d'insertion par l'activité économique (SIAE)"),
        new(ActorFamily.Entreprises, "entreprise", "Entreprise"),
        new(ActorFamily.Entreprises, "club-entreprises", "Club d'entreprises"),
        new(ActorFamily.Entreprises, "club-drh", "Club de DRH"),
        new(ActorFamily.Entreprises, "branche-professionnelle", "Branche professionnelle"),
        new(ActorFamily.Entreprises, "groupement-employeurs", "Groupement d'employeurs"),
        new(ActorFamily.Associations, "association", "Association"),
        new(ActorFamily.Associations, "fondation", "Fondation"),
        new(ActorFamily.Associations, "cooperative", "Coopérative"),
    ];

    private readonly Dictionary<string, SubtypeOption> _byCode;

    public SubtypeCatalog(IEnumerable<ActorSubtype> additions)
    {
        Options = [.. Defaults, .. additions.Select(s => new SubtypeOption(s.Family, s.Code, s.Label))];
        _byCode = Options.GroupBy(o => o.Code, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public static SubtypeCatalog DefaultsOnly { get; } = new([]);

    public static async Task<SubtypeCatalog> LoadAsync(AppDbContext db, Guid territoryId, CancellationToken cancellationToken = default) =>
        new(await db.ActorSubtypes.AsNoTracking().Where(s => s.TerritoryId == territoryId).OrderBy(s => s.Label).ToListAsync(cancellationToken));

    public IReadOnlyList<SubtypeOption> Options { get; }

    public SubtypeOption? Find(string? code) => code is null ? null : _byCode.GetValueOrDefault(code.Trim().ToLowerInvariant());

    public IEnumerable<SubtypeOption> Of(ActorFamily family) => Options.Where(o => o.Family == family);

    /// <summary>The subtype's code if it belongs to the family, else a French error naming the field.</summary>
    public string? Check(ActorFamily family, string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var option = Find(code)
            ?? throw new DomainException($"Sous-type : « {code.Trim()} » n'existe pas dans ce territoire. Sous-types de la famille " +
                                         $"« {family.Label()} » : {string.Join(", ", Of(family).Select(o => o.Code))}.");
        if (option.Family != family)
        {
            throw new DomainException($"Sous-type : « {option.Label} » appartient à la famille « {option.Family.Label()} », " +
                                      $"pas à « {family.Label()} ».");
        }

        return option.Code;
    }
}
