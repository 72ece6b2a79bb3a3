using Maillage.Data;
using Maillage.Territories;
using Maillage.Territories.Reference;

namespace Maillage.Actors;

/// <summary>
/// An organisation of the territory ("acteur", "structure"): who it is, what it can bring and where it acts.
/// Every error names the field in French, as the person will read it beside the form.
/// </summary>
public sealed class Actor : AuditedEntity
{
    public const int NameMaxLength = 200;
    public const int NameKeyMaxLength = 250;
    public const int AcronymMaxLength = 50;
    public const int SubtypeMaxLength = ActorSubtype.CodeMaxLength;
    public const int NafCodeMaxLength = 6;
    public const int NafVersionMaxLength = 10;
    public const int AddressLineMaxLength = 200;
    public const int CollaborativeLogicMaxLength = 4000;
    public const int WebsiteMaxLength = 500;
    public const int NotesMaxLength = 8000;
    public const int ExternalIdMaxLength = 100;

    private Actor()
    {
    }

    public Actor(Guid territoryId, string name, string? acronym, ActorFamily family)
    {
        TerritoryId = territoryId;
        Family = family;
        Rename(name, acronym);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TerritoryId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The name as <see cref="TextKey"/> writes it: sorted and searched by prefix with an index.</summary>
    [NotAudited]
    public string NameKey { get; private set; } = "";

    public string? Acronym { get; private set; }
    public ActorFamily Family { get; private set; }

    /// <summary>A code of the <see cref="SubtypeCatalog"/> of the territory, within <see cref="Family"/>.</summary>
    public string? Subtype { get; private set; }

    /// <summary>
    /// The actor's reference in another file or system (a spreadsheet's line key, another tool's id): an import
    /// finds the actor again by it. Unique within the territory when present.
    /// </summary>
    public string? ExternalId { get; private set; }

    public string? Siren { get; private set; }
    public string? Siret { get; private set; }
    public string? Rna { get; private set; }
    public string? NafCode { get; private set; }
    public string? NafVersion { get; private set; }
    public string? WorkforceBand { get; private set; }
    public string? AddressLine1 { get; private set; }
    public string? AddressLine2 { get; private set; }
    public string? PostalCode { get; private set; }

    /// <summary>INSEE code of the commune of the address.</summary>
    public string? CommuneCode { get; private set; }

    /// <summary>Where the actor acts, as canonical INSEE codes separated by spaces (see <see cref="Territories.Perimeter"/>).</summary>
    public string PerimeterCodes { get; private set; } = "";

    /// <summary>The competences' labels separated by "; ": what the history and the directory show. The links are the truth.</summary>
    public string CompetenceLabels { get; private set; } = "";

    public InterventionModes Modes { get; private set; }
    public string? CollaborativeLogic { get; private set; }
    public string? Website { get; private set; }
    public string? Notes { get; private set; }

    /// <summary>Name, acronym, identifiers and competences in <see cref="TextKey"/> form, for the directory's search.</summary>
    [NotAudited]
    public string SearchText { get; private set; } = "";

    public ICollection<ActorCompetence> CompetenceLinks { get; } = [];

    public Perimeter Perimeter => Perimeter.Parse(PerimeterCodes);

    public IReadOnlyList<string> Competences =>
        CompetenceLabels.Length == 0 ? [] : CompetenceLabels.Split("; ", StringSplitOptions.RemoveEmptyEntries);

    public override Guid? AuditTerritoryId => TerritoryId;
    public override string AuditKey => Id.ToString();

    public void Rename(string name, string? acronym)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new DomainException("Nom : le nom de l'acteur est obligatoire.");
        }

        if (trimmed.Length > NameMaxLength)
        {
            throw new DomainException($"Nom : {NameMaxLength} caractères au plus.");
        }

        var key = TextKey.Normalize(trimmed);
        if (key.Length == 0)
        {
            throw new DomainException("Nom : le nom doit contenir au moins une lettre ou un chiffre.");
        }

        Name = trimmed;
        NameKey = key.Length > NameKeyMaxLength ? key[..NameKeyMaxLength].TrimEnd() : key;
        Acronym = Optional(acronym, AcronymMaxLength, "Sigle");
        RefreshSearchText();
    }

    public void Classify(ActorFamily family, string? subtype, SubtypeCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        if (!Enum.IsDefined(family))
        {
            throw new DomainException($"Famille : choisissez l'une des cinq familles ({ActorFamilies.ExpectedCodes}).");
        }

        Subtype = catalog.Check(family, subtype);
        Family = family;
    }

    /// <summary>SIREN, SIRET and RNA, checked; a SIRET brings its SIREN (its first nine digits).</summary>
    public void SetIdentifiers(string? siren, string? siret, string? rna)
    {
        var cleanSiren = Blank(siren) ? null : Identifiers.Clean(siren);
        var cleanSiret = Blank(siret) ? null : Identifiers.Clean(siret);
        var cleanRna = Blank(rna) ? null : Identifiers.Clean(rna);
        if (cleanSiren is not null && !Identifiers.IsValidSiren(cleanSiren))
        {
            throw new DomainException($"SIREN : « {siren!.Trim()} » n'est pas un SIREN valide (9 chiffres dont le dernier est une clé de contrôle).");
        }

        if (cleanSiret is not null)
        {
            if (!Identifiers.IsValidSiret(cleanSiret))
            {
                throw new DomainException($"SIRET : « {siret!.Trim()} » n'est pas un SIRET valide (14 chiffres : le SIREN, le numéro d'établissement et une clé de contrôle).");
            }

            if (cleanSiren is not null && !cleanSiret.StartsWith(cleanSiren, StringComparison.Ordinal))
            {
                throw new DomainException($"SIRET : « {cleanSiret} » n'appartient pas au SIREN « {cleanSiren} » (un SIRET commence par le SIREN de sa structure).");
            }

            cleanSiren ??= cleanSiret[..9];
        }

        if (cleanRna is not null && !Identifiers.IsValidRna(cleanRna))
        {
            throw new DomainException($"RNA : « {rna!.Trim()} » n'est pas un numéro RNA valide (W suivi de 9 caractères, par exemple W751234567).");
        }

        Siren = cleanSiren;
        Siret = cleanSiret;
        Rna = cleanRna;
        RefreshSearchText();
    }

    public void SetExternalId(string? externalId) =>
        ExternalId = Optional(externalId, ExternalIdMaxLength, "Identifiant externe");

    public void SetActivity(string? nafCode, string? nafVersion, string? workforceBand)
    {
        string? code = null;
        string? version = null;
        if (!Blank(nafCode))
        {
            code = NafVersions.NormalizeCode(nafCode)
                ?? throw new DomainException($"Code NAF : « {nafCode!.Trim()} » n'a pas la forme d'une sous-classe NAF (par exemple 88.99B).");
            version = Blank(nafVersion) ? NafVersions.Rev2 : nafVersion!.Trim().ToLowerInvariant();
            if (!NafVersions.IsValid(version))
            {
                throw new DomainException($"Nomenclature NAF : « {nafVersion!.Trim()} » est inconnue ({NafVersions.Rev2} ou {NafVersions.Naf2025}).");
            }
        }

        var band = Blank(workforceBand) ? null : workforceBand!.Trim();
        if (band is not null && !WorkforceBands.IsValid(band))
        {
            throw new DomainException($"Tranche d'effectif : « {band} » n'est pas une tranche INSEE ({WorkforceBands.ExpectedCodes}).");
        }

        NafCode = code;
        NafVersion = version;
        WorkforceBand = band;
    }

    public void SetAddress(string? line1, string? line2, string? postalCode, string? communeCode, InseeReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var postal = Blank(postalCode) ? null : postalCode!.Trim().Replace(" ", "", StringComparison.Ordinal);
        if (postal is not null && (postal.Length != 5 || !postal.All(char.IsAsciiDigit)))
        {
            throw new DomainException($"Code postal : « {postalCode!.Trim()} » doit comporter 5 chiffres.");
        }

        var commune = Blank(communeCode) ? null : communeCode!.Trim().ToUpperInvariant();
        if (commune is not null && reference.FindCommune(commune) is null)
        {
            throw new DomainException($"Commune : le code INSEE « {communeCode!.Trim()} » ne figure pas dans le référentiel officiel {InseeReference.Millesime}.");
        }

        AddressLine1 = Optional(line1, AddressLineMaxLength, "Adresse");
        AddressLine2 = Optional(line2, AddressLineMaxLength, "Complément d'adresse");
        PostalCode = postal;
        CommuneCode = commune;
    }

    /// <summary>The perimeter, already checked against the reference by <see cref="PerimeterResolver"/>.</summary>
    public void SetPerimeter(Perimeter perimeter)
    {
        ArgumentNullException.ThrowIfNull(perimeter);
        PerimeterCodes = perimeter.ToString();
    }

    /// <summary>Tags the actor with exactly these competences of its territory's vocabulary.</summary>
    public void SetCompetences(IReadOnlyCollection<Competence> competences)
    {
        ArgumentNullException.ThrowIfNull(competences);
        if (competences.Any(c => c.TerritoryId != TerritoryId))
        {
            throw new DomainException("Compétences : une compétence d'un autre territoire ne peut pas être utilisée.");
        }

        var wanted = competences.DistinctBy(c => c.Id).ToList();
        foreach (var link in CompetenceLinks.Where(l => wanted.All(c => c.Id != l.CompetenceId)).ToList())
        {
            CompetenceLinks.Remove(link);
        }

        foreach (var competence in wanted.Where(c => CompetenceLinks.All(l => l.CompetenceId != c.Id)))
        {
            CompetenceLinks.Add(new ActorCompetence(Id, competence.Id));
        }

        CompetenceLabels = string.Join("; ", wanted.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Label));
        RefreshSearchText();
    }

    public void SetModes(InterventionModes modes)
    {
        var known = InterventionModeCodes.All.Aggregate(InterventionModes.None, (all, m) => all | m.Mode);
        if ((modes & ~known) != 0)
        {
            throw new DomainException($"Modes d'intervention : valeur inconnue ({InterventionModeCodes.ExpectedCodes}).");
        }

        Modes = modes;
    }

    public void Describe(string? collaborativeLogic, string? website, string? notes)
    {
        CollaborativeLogic = Optional(collaborativeLogic, CollaborativeLogicMaxLength, "Logique collaborative");
        Website = NormalizeWebsite(website);
        Notes = Optional(notes, NotesMaxLength, "Notes");
    }

    /// <summary>
    /// Takes what <paramref name="other"/> knows and this actor does not, for a merge: empty fields are filled,
    /// competences, modes and perimeter are united; values that differ are kept in the notes rather than lost.
    /// </summary>
    public void AbsorbFrom(Actor other, IReadOnlyCollection<Competence> otherCompetences, IReadOnlyCollection<Competence> ownCompetences)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Id == Id)
        {
            throw new DomainException("Fusion : un acteur ne peut pas être fusionné avec lui-même.");
        }

        if (other.TerritoryId != TerritoryId)
        {
            throw new DomainException("Fusion : les deux acteurs doivent appartenir au même territoire.");
        }

        var differing = new List<string>();
        string? Fill(string? mine, string? theirs, string label)
        {
            if (mine is null)
            {
                return theirs;
            }

            if (theirs is not null && !string.Equals(mine, theirs, StringComparison.Ordinal))
            {
                differing.Add($"{label} {theirs}");
            }

            return mine;
        }

        Acronym = Fill(Acronym, other.Acronym, "sigle");
        if (Subtype is null && other.Family == Family)
        {
            Subtype = other.Subtype;
        }

        // A SIRET always comes with its SIREN: take both, or keep ours and note theirs.
        if (Siren is null)
        {
            (Siren, Siret) = (other.Siren, other.Siret);
        }
        else
        {
            Fill(Siren, other.Siren, "SIREN");
            if (Siret is null && other.Siret?.StartsWith(Siren, StringComparison.Ordinal) == true)
            {
                Siret = other.Siret;
            }
            else if (other.Siret is not null && other.Siret != Siret)
            {
                differing.Add("SIRET " + other.Siret);
            }
        }

        Rna = Fill(Rna, other.Rna, "RNA");
        ExternalId = Fill(ExternalId, other.ExternalId, "identifiant externe");
        if (NafCode is null)
        {
            (NafCode, NafVersion) = (other.NafCode, other.NafVersion);
        }
        else
        {
            Fill(NafCode, other.NafCode, "code NAF");
        }

        WorkforceBand ??= other.WorkforceBand;
        if (AddressLine1 is null && CommuneCode is null && PostalCode is null)
        {
            (AddressLine1, AddressLine2, PostalCode, CommuneCode) = (other.AddressLine1, other.AddressLine2, other.PostalCode, other.CommuneCode);
        }

        CollaborativeLogic ??= other.CollaborativeLogic;
        Website = Fill(Website, other.Website, "site");
        Modes |= other.Modes;
        PerimeterCodes = Perimeter.Of(Perimeter.Areas.Concat(other.Perimeter.Areas)).ToString();

        var notes = new List<string>();
        if (Notes is not null)
        {
            notes.Add(Notes);
        }

        if (other.Notes is not null && other.Notes != Notes)
        {
            notes.Add(other.Notes);
        }

        if (differing.Count > 0 || !string.Equals(other.NameKey, NameKey, StringComparison.Ordinal))
        {
            var also = differing.Count > 0 ? " ; " + string.Join(", ", differing) : "";
            notes.Add($"Fusionné avec « {other.Name} »{also}.");
        }

        var merged = string.Join("\n\n", notes);
        Notes = merged.Length == 0 ? null : merged.Length > NotesMaxLength ? merged[..NotesMaxLength] : merged;
        SetCompetences([.. ownCompetences.Concat(otherCompetences).DistinctBy(c => c.Id)]);
    }

    private void RefreshSearchText()
    {
        var parts = new List<string>(6) { NameKey };
        if (Acronym is not null)
        {
            parts.Add(TextKey.Normalize(Acronym));
        }

        parts.AddRange(new[] { Siren, Siret, Rna?.ToLowerInvariant() }.OfType<string>());
        if (CompetenceLabels.Length > 0)
        {
            parts.Add(TextKey.Normalize(CompetenceLabels));
        }

        SearchText = string.Join(' ', parts.Where(p => p.Length > 0));
    }

    private static string? NormalizeWebsite(string? website)
    {
        if (Blank(website))
        {
            return null;
        }

        var text = website!.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }

        if (text.Length > WebsiteMaxLength
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || !uri.Host.Contains('.', StringComparison.Ordinal))
        {
            throw new DomainException($"Site web : « {website.Trim()} » n'est pas une adresse web (par exemple https://www.exemple.fr).");
        }

        return text;
    }

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);

    private static string? Optional(string? value, int maxLength, string field)
    {
        if (Blank(value))
        {
            return null;
        }

        var trimmed = value!.Trim();
        return trimmed.Length <= maxLength
            ? trimmed
            : throw new DomainException($"{field} : {maxLength} caractères au plus.");
    }
}
