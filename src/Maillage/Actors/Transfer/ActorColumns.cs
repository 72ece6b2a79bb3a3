namespace Maillage.Actors.Transfer;

/// <summary>
/// One column of the actors' spreadsheet: the header the export writes, the other headers an import recognises
/// (French and English variants, compared in <see cref="TextKey"/> form), and the cell's text for an actor.
/// </summary>
public sealed record ActorColumn(string Key, string Header, IReadOnlyList<string> Aliases, Func<Actor, string?> Read)
{
    /// <summary>What this column's cells hold, for the mapping screen and the error messages.</summary>
    public string Description { get; init; } = "";
}

/// <summary>
/// The file format of the directory, shared by the export and the import, so that exporting then importing a file
/// changes nothing. Cells hold the API's codes: family and subtype codes, modes of intervention separated by
/// <see cref="ListSeparator"/>, competence labels separated by <see cref="CompetenceSeparator"/>, the perimeter as
/// canonical INSEE codes separated by spaces (see <see cref="Territories.Perimeter"/>).
/// </summary>
public static class ActorColumns
{
    public const string ListSeparator = ", ";
    public const string CompetenceSeparator = "; ";

    public const string ExternalId = "externalId";
    public const string Name = "name";
    public const string Acronym = "acronym";
    public const string Family = "family";
    public const string Subtype = "subtype";
    public const string Siren = "siren";
    public const string Siret = "siret";
    public const string Rna = "rna";
    public const string Naf = "naf";
    public const string NafVersion = "nafVersion";
    public const string WorkforceBand = "workforceBand";
    public const string AddressLine1 = "addressLine1";
    public const string AddressLine2 = "addressLine2";
    public const string PostalCode = "postalCode";
    public const string CommuneCode = "communeCode";
    public const string Perimeter = "perimeter";
    public const string Competences = "competences";
    public const string Modes = "modes";
    public const string CollaborativeLogic = "collaborativeLogic";
    public const string Website = "website";
    public const string Notes = "notes";

    private static readonly ActorColumn[] Columns =
    [
        new(ExternalId, "Identifiant externe", ["Identifiant", "Référence", "Ref", "Id externe", "External id", "External ID", "Id"], a => a.ExternalId)
            { Description = "Votre propre référence de la structure ; un nouvel import la retrouve par elle." },
        new(Name, "Nom", ["Nom de la structure", "Raison sociale", "Dénomination", "Structure", "Organisme", "Name", "Organisation", "Organization"], a => a.Name)
            { Description = "Le nom de la structure (obligatoire)." },
        new(Acronym, "Sigle", ["Acronyme", "Acronym", "Abbreviation"], a => a.Acronym),
        new(Family, "Famille", ["Famille d'acteurs", "Type d'acteur", "Family"], a => a.Family.Code())
            { Description = "pouvoirs-publics, developpement-economique, emploi-formation, entreprises ou associations." },
        new(Subtype, "Sous-type", ["Type", "Catégorie", "Subtype", "Category"], a => a.Subtype)
            { Description = "Le code d'un sous-type de la famille (vocabulaire du territoire)." },
        new(Siren, "SIREN", ["N° SIREN", "Numéro SIREN"], a => a.Siren),
        new(Siret, "SIRET", ["N° SIRET", "Numéro SIRET"], a => a.Siret),
        new(Rna, "RNA", ["Numéro RNA", "N° RNA", "Numéro d'association"], a => a.Rna),
        new(Naf, "Code NAF", ["NAF", "Code APE", "APE", "Activité principale", "NAF code"], a => a.NafCode),
        new(NafVersion, "Nomenclature NAF", ["Version NAF", "NAF version"], a => a.NafVersion)
            { Description = "naf-rev2 (par défaut) ou naf-2025." },
        new(WorkforceBand, "Tranche d'effectif", ["Tranche d'effectifs", "Effectif", "Workforce band"], a => a.WorkforceBand),
        new(AddressLine1, "Adresse", ["Adresse postale", "Rue", "Address", "Address line 1"], a => a.AddressLine1),
        new(AddressLine2, "Complément d'adresse", ["Adresse 2", "Complément", "Address line 2"], a => a.AddressLine2),
        new(PostalCode, "Code postal", ["CP", "Postal code", "Zip code", "Zip"], a => a.PostalCode),
        new(CommuneCode, "Code commune", ["Code INSEE", "Code INSEE commune", "Commune code", "INSEE code"], a => a.CommuneCode),
        new(Perimeter, "Périmètre", ["Périmètre d'action", "Territoire d'intervention", "Perimeter"], a => a.PerimeterCodes.Length == 0 ? null : a.PerimeterCodes)
            { Description = "Codes INSEE séparés par des espaces : commune, SIREN d'EPCI, département ou region:NN." },
        new(Competences, "Compétences", ["Compétence", "Competences", "Skills"], a => a.CompetenceLabels.Length == 0 ? null : a.CompetenceLabels)
            { Description = "Les compétences, séparées par « ; »." },
        new(Modes, "Modes d'intervention", ["Modalités d'intervention", "Modes", "Intervention modes"], a => a.Modes == InterventionModes.None ? null : string.Join(ListSeparator, a.Modes.Codes()))
            { Description = "Codes séparés par des virgules : " + InterventionModeCodes.ExpectedCodes + "." },
        new(CollaborativeLogic, "Logique collaborative", ["Collaborative logic"], a => a.CollaborativeLogic),
        new(Website, "Site web", ["Site internet", "Site", "Website", "Web"], a => a.Website),
        new(Notes, "Notes", ["Commentaire", "Commentaires", "Remarques", "Comments"], a => a.Notes),
    ];

    private static readonly Dictionary<string, ActorColumn> ByHeader = BuildHeaderIndex();

    public static IReadOnlyList<ActorColumn> All => Columns;

    public static ActorColumn Get(string key) =>
        Columns.FirstOrDefault(c => c.Key == key) ?? throw new ArgumentOutOfRangeException(nameof(key), key, "Colonne inconnue.");

    /// <summary>The column a header names, whatever its case, accents and punctuation; null when none does.</summary>
    public static ActorColumn? Guess(string? header) =>
        ByHeader.GetValueOrDefault(TextKey.Normalize(header));

    private static Dictionary<string, ActorColumn> BuildHeaderIndex()
    {
        var index = new Dictionary<string, ActorColumn>(StringComparer.Ordinal);
        foreach (var column in Columns)
        {
            foreach (var header in column.Aliases.Prepend(column.Header).Append(column.Key))
            {
                index.TryAdd(TextKey.Normalize(header), column);
            }
        }

        return index;
    }
}
