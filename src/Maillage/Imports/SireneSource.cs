using Maillage.Actors;
using Maillage.Actors.Transfer;

namespace Maillage.Imports;

/// <summary>
/// An INSEE SIRENE stock file (<c>StockEtablissement</c>, <c>StockUniteLegale</c> or a join of both) read as the
/// directory's own columns: the name from the legal unit's or the establishment's names, the family from the legal
/// category, the address from its parts. Ceased establishments and legal units (state F or C) are skipped and
/// counted: the directory lists who is active.
/// </summary>
internal sealed class SireneSource : TabularSource
{
    private static readonly string[] OutputKeys =
    [
        ActorColumns.Name, ActorColumns.Family, ActorColumns.Siren, ActorColumns.Siret, ActorColumns.Rna, ActorColumns.Naf,
        ActorColumns.NafVersion, ActorColumns.WorkforceBand, ActorColumns.AddressLine1, ActorColumns.AddressLine2,
        ActorColumns.PostalCode, ActorColumns.CommuneCode, ActorColumns.Acronym,
    ];

    private readonly TabularSource _inner;
    private readonly Dictionary<string, int> _index;

    private SireneSource(TabularSource inner, Dictionary<string, int> index)
    {
        _inner = inner;
        _index = index;
        Headers = [.. OutputKeys.Select(k => ActorColumns.Get(k).Header)];
        Cells = new string?[Headers.Count];
        LayoutProblems = inner.LayoutProblems;
        FixedWidth = false;
        Description = inner.Description + ", fichier SIRENE de l'INSEE" + (Has("siret") ? " (établissements)" : " (unités légales)");
    }

    /// <summary>Ceased establishments or legal units met so far, skipped.</summary>
    public int Ceased { get; private set; }

    /// <summary>The SIRENE reading of <paramref name="source"/> when its headers are INSEE's, else the source itself.</summary>
    public static TabularSource Wrap(TabularSource source)
    {
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < source.Headers.Count; i++)
        {
            index.TryAdd(source.Headers[i], i);
        }

        var isSirene = index.ContainsKey("siren") && (index.ContainsKey("siret") || index.ContainsKey("denominationUniteLegale"))
                       && (index.ContainsKey("etatAdministratifEtablissement") || index.ContainsKey("etatAdministratifUniteLegale")
                           || index.ContainsKey("activitePrincipaleEtablissement") || index.ContainsKey("activitePrincipaleUniteLegale"));
        return isSirene ? new SireneSource(source, index) : source;
    }

    public static bool IsSirene(TabularSource source) => source is SireneSource;

    public static int CeasedOf(TabularSource source) => source is SireneSource sirene ? sirene.Ceased : 0;

    public override double Fraction => _inner.Fraction;

    public override bool Read()
    {
        while (_inner.Read())
        {
            Line = _inner.Line;
            if (Get("etatAdministratifEtablissement") is "F" || Get("etatAdministratifUniteLegale") is "C")
            {
                Ceased++;
                continue;
            }

            var siret = Get("siret");
            var name = First(Get("denominationUniteLegale"), Get("enseigne1Etablissement"), Get("denominationUsuelleEtablissement"),
                             Get("denominationUsuelle1UniteLegale"), Person())
                       ?? (siret is null ? $"Unité légale {Get("siren")}" : $"Établissement {siret}");
            var nomenclature = Get("nomenclatureActivitePrincipaleEtablissement") ?? Get("nomenclatureActivitePrincipaleUniteLegale");
            var version = nomenclature?.ToUpperInvariant() switch
            {
                null or "NAFREV2" => NafVersions.Rev2,
                "NAF2025" or "NAFREV2025" => NafVersions.Naf2025,
                _ => null,
            };
            var band = Get("trancheEffectifsEtablissement") ?? Get("trancheEffectifsUniteLegale");
            var street = string.Join(' ', new[]
            {
                Get("numeroVoieEtablissement"), Get("indiceRepetitionEtablissement"), StreetType(Get("typeVoieEtablissement")),
                Get("libelleVoieEtablissement"),
            }.Where(p => p is not null));
            var values = new[]
            {
                name,
                Family(Get("categorieJuridiqueUniteLegale")),
                Get("siren"),
                siret,
                Get("identifiantAssociationUniteLegale"),
                version is null ? null : Get("activitePrincipaleEtablissement") ?? Get("activitePrincipaleUniteLegale"),
                version,
                band is null or "NN" ? null : band,
                street.Length == 0 ? null : street,
                Get("complementAdresseEtablissement"),
                Get("codePostalEtablissement"),
                Get("codeCommuneEtablissement"),
                Get("sigleUniteLegale"),
            };
            Array.Copy(values, Cells, values.Length);
            CellCount = Cells.Length;
            return true;
        }

        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool Has(string column) => _index.ContainsKey(column);

    private string? Get(string column) =>
        _index.TryGetValue(column, out var i) && i < _inner.Cells.Length && _inner.Cells[i] is { } value && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : null;

    private string? Person()
    {
        var last = Get("nomUsageUniteLegale") ?? Get("nomUniteLegale");
        return last is null ? null : string.Join(' ', new[] { Get("prenom1UniteLegale"), last }.Where(p => p is not null));
    }

    private static string? First(params string?[] values) => values.FirstOrDefault(v => v is not null);

    /// <summary>Legal categories 7… are public bodies, 92… associations; the rest are companies.</summary>
    private static string Family(string? legalCategory) => legalCategory switch
    {
        ['7', ..] => ActorFamily.PouvoirsPublics.Code(),
        ['9', '2', ..] => ActorFamily.Associations.Code(),
        _ => ActorFamily.Entreprises.Code(),
    };

    private static string? StreetType(string? code) => code?.ToUpperInvariant() switch
    {
        null => null,
        "AV" => "avenue",
        "BD" => "boulevard",
        "CHE" => "chemin",
        "IMP" => "impasse",
        "PL" => "place",
        "QUAI" => "quai",
        "RTE" => "route",
        "RUE" => "rue",
        "ALL" => "allée",
        "CRS" => "cours",
        "SQ" => "square",
        "PAS" => "passage",
        "ZA" => "zone artisanale",
        "ZI" => "zone industrielle",
        "LD" => "lieu-dit",
        _ => code,
    };
}
