using System.ComponentModel.DataAnnotations;
using Maillage.Data;
using Maillage.Territories;
using Maillage.Territories.Reference;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Actors;

/// <summary>
/// The forms of the registry's pages. Only presence and length are checked here: every other rule is the domain's,
/// whose French message is put beside the field it names (see <see cref="FieldErrors"/>).
/// </summary>
public sealed class ActorForm
{
    [Required(ErrorMessage = "Nom : le nom de l'acteur est obligatoire.")]
    [StringLength(Actor.NameMaxLength, ErrorMessage = "Nom : {1} caractères au plus.")]
    public string? Name { get; set; }

    public string? Acronym { get; set; }

    [Required(ErrorMessage = "Famille : choisissez l'une des cinq familles.")]
    public string? Family { get; set; }

    public string? Subtype { get; set; }
    public string? Siren { get; set; }
    public string? Siret { get; set; }
    public string? Rna { get; set; }
    public string? ExternalId { get; set; }
    public string? Naf { get; set; }
    public string? NafVersion { get; set; }
    public string? WorkforceBand { get; set; }
    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? PostalCode { get; set; }
    public string? CommuneCode { get; set; }
    public List<string> Perimeter { get; set; } = [];

    /// <summary>The competences kept (checked boxes).</summary>
    public List<string> Competences { get; set; } = [];

    /// <summary>New competences typed in one field, separated by semicolons.</summary>
    public string? NewCompetences { get; set; }

    public List<string> Modes { get; set; } = [];
    public string? CollaborativeLogic { get; set; }
    public string? Website { get; set; }
    public string? Notes { get; set; }
    public long? Version { get; set; }

    public static ActorForm Of(Actor actor) => new()
    {
        Name = actor.Name,
        Acronym = actor.Acronym,
        Family = actor.Family.Code(),
        Subtype = actor.Subtype,
        Siren = actor.Siren,
        Siret = actor.Siret,
        Rna = actor.Rna,
        ExternalId = actor.ExternalId,
        Naf = actor.NafCode,
        NafVersion = actor.NafVersion,
        WorkforceBand = actor.WorkforceBand,
        AddressLine1 = actor.AddressLine1,
        AddressLine2 = actor.AddressLine2,
        PostalCode = actor.PostalCode,
        CommuneCode = actor.CommuneCode,
        Perimeter = actor.Perimeter.Areas.Select(a => a.ToString()).ToList(),
        Competences = [.. actor.Competences],
        Modes = [.. actor.Modes.Codes()],
        CollaborativeLogic = actor.CollaborativeLogic,
        Website = actor.Website,
        Notes = actor.Notes,
        Version = actor.Version,
    };

    public ActorFamily? ParsedFamily => ActorFamilies.TryParse(Family, out var family) ? family : null;

    public IEnumerable<string> AllCompetences =>
        Competences.Concat((NewCompetences ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(c => !string.IsNullOrWhiteSpace(c));

    /// <summary>
    /// Applies the form to the actor through its domain methods, each of which checks its own fields; every broken
    /// rule goes beside its field, so the person sees all of them at once.
    /// </summary>
    public async Task ApplyAsync(Actor actor, AppDbContext db, InseeReference reference, PerimeterResolver perimeters,
        ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(modelState);
        var catalog = await SubtypeCatalog.LoadAsync(db, actor.TerritoryId, cancellationToken);
        FieldErrors.Try(modelState, () => actor.Rename(Name ?? "", Acronym));
        if (ParsedFamily is { } family)
        {
            FieldErrors.Try(modelState, () => actor.Classify(family, Subtype, catalog));
        }

        FieldErrors.Try(modelState, () => actor.SetIdentifiers(Siren, Siret, Rna));
        FieldErrors.Try(modelState, () => actor.SetExternalId(ExternalId));
        try
        {
            await Duplicates.EnsureExternalIdFreeAsync(db, actor, cancellationToken);
        }
        catch (DomainException e)
        {
            FieldErrors.Add(modelState, e);
        }
        FieldErrors.Try(modelState, () => actor.SetActivity(Naf, NafVersion, WorkforceBand));
        FieldErrors.Try(modelState, () => actor.SetAddress(AddressLine1, AddressLine2, PostalCode, CommuneCode, reference));
        if (PerimeterForm.Resolve(perimeters, Perimeter, modelState) is { } perimeter)
        {
            actor.SetPerimeter(perimeter);
        }

        try
        {
            actor.SetCompetences(await Competence.ResolveAsync(db, actor.TerritoryId, AllCompetences, cancellationToken));
        }
        catch (DomainException e)
        {
            FieldErrors.Add(modelState, e);
        }

        var modes = InterventionModeCodes.Parse(Modes, out _);
        FieldErrors.Try(modelState, () => actor.SetModes(modes));
        FieldErrors.Try(modelState, () => actor.Describe(CollaborativeLogic, Website, Notes));
    }
}

public sealed class ContactForm
{
    public string? FirstName { get; set; }

    [Required(ErrorMessage = "Nom : le nom de l'interlocuteur est obligatoire.")]
    public string? LastName { get; set; }

    public string? Function { get; set; }
    public string? HierarchyLevel { get; set; }
    public string? DecisionPower { get; set; }
    public string? Availability { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }

    [Required(ErrorMessage = "Base légale : choisissez la base légale sur laquelle ces données sont conservées.")]
    public string? LawfulBasis { get; set; }

    public string? LawfulBasisSource { get; set; }

    [DataType(DataType.Date)]
    public DateOnly? LastInteraction { get; set; }

    public long? Version { get; set; }

    public static ContactForm Of(Contact contact) => new()
    {
        FirstName = contact.FirstName,
        LastName = contact.LastName,
        Function = contact.Function,
        HierarchyLevel = contact.HierarchyLevel?.Code(),
        DecisionPower = contact.DecisionPower?.Code(),
        Availability = contact.Availability,
        Email = contact.Email,
        Phone = contact.Phone,
        LawfulBasis = contact.LawfulBasis.Code(),
        LawfulBasisSource = contact.LawfulBasisSource,
        LastInteraction = contact.LastInteractionAt is { } at ? DateOnly.FromDateTime(at.ToLocalTime()) : null,
        Version = contact.Version,
    };

    public LawfulBasis? ParsedLawfulBasis => ContactCodes.TryParse<LawfulBasis>(LawfulBasis, out var basis) ? basis : null;

    /// <summary>A new contact of the actor, or null when the form breaks a rule (the errors are in the model state).</summary>
    public Contact? Create(Actor actor, DateTime now, ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (ParsedLawfulBasis is not { } basis)
        {
            if (!string.IsNullOrWhiteSpace(LawfulBasis))
            {
                modelState.AddModelError("Input.LawfulBasis", $"Base légale : « {LawfulBasis.Trim()} » est inconnue ({ContactCodes.ExpectedCodes<LawfulBasis>()}).");
            }

            return null;
        }

        Contact? contact = null;
        FieldErrors.Try(modelState, () => contact = new Contact(actor, FirstName, LastName ?? "", basis, LawfulBasisSource));
        if (contact is not null)
        {
            Apply(contact, now, modelState);
        }

        return contact;
    }

    public void Apply(Contact contact, DateTime now, ModelStateDictionary modelState)
    {
        ArgumentNullException.ThrowIfNull(contact);
        FieldErrors.Try(modelState, () => contact.Identify(FirstName, LastName ?? ""));
        FieldErrors.Try(modelState, () => contact.SetRole(Function,
            ContactCodes.ParseOptional<HierarchyLevel>(HierarchyLevel, "Niveau hiérarchique"),
            ContactCodes.ParseOptional<DecisionPower>(DecisionPower, "Pouvoir de décision"),
            Availability));
        FieldErrors.Try(modelState, () => contact.SetCoordinates(Email, Phone));
        if (ParsedLawfulBasis is { } basis)
        {
            FieldErrors.Try(modelState, () => contact.SetLawfulBasis(basis, LawfulBasisSource));
        }

        // A date typed in the form is a day in France: noon keeps it the same day whatever the offset.
        var at = LastInteraction?.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Local).ToUniversalTime();
        FieldErrors.Try(modelState, () => contact.RecordInteraction(at, now));
    }
}

public sealed class RelationForm
{
    [Required(ErrorMessage = "Acteur lié : cherchez puis choisissez l'acteur avec lequel la relation existe.")]
    public Guid? TargetActorId { get; set; }

    [Required(ErrorMessage = "Type de relation : choisissez comment les deux acteurs sont liés.")]
    public string? Type { get; set; }

    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }

    [Range(ActorRelation.MinStrength, ActorRelation.MaxStrength, ErrorMessage = "Intensité : une valeur de 1 (lien faible) à 5 (lien fort).")]
    public int? Strength { get; set; }

    public string? Notes { get; set; }
}

/// <summary>Puts a domain message beside the field it names (the text before « : »), or above the form.</summary>
public static class FieldErrors
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["Nom"] = "Name",
        ["Sigle"] = "Acronym",
        ["Famille"] = "Family",
        ["Sous-type"] = "Subtype",
        ["SIREN"] = "Siren",
        ["SIRET"] = "Siret",
        ["RNA"] = "Rna",
        ["Identifiant externe"] = "ExternalId",
        ["Code NAF"] = "Naf",
        ["Nomenclature NAF"] = "NafVersion",
        ["Tranche d'effectif"] = "WorkforceBand",
        ["Adresse"] = "AddressLine1",
        ["Complément d'adresse"] = "AddressLine2",
        ["Code postal"] = "PostalCode",
        ["Commune"] = "CommuneCode",
        ["Compétences"] = "NewCompetences",
        ["Modes d'intervention"] = "Modes",
        ["Logique collaborative"] = "CollaborativeLogic",
        ["Site web"] = "Website",
        ["Notes"] = "Notes",
        ["Prénom"] = "FirstName",
        ["Fonction"] = "Function",
        ["Niveau hiérarchique"] = "HierarchyLevel",
        ["Pouvoir de décision"] = "DecisionPower",
        ["Disponibilité"] = "Availability",
        ["Adresse électronique"] = "Email",
        ["Téléphone"] = "Phone",
        ["Base légale"] = "LawfulBasis",
        ["Source des données"] = "LawfulBasisSource",
        ["Dernière interaction"] = "LastInteraction",
        ["Acteur lié"] = "TargetActorId",
        ["Type de relation"] = "Type",
        ["Date de fin"] = "EndDate",
        ["Intensité"] = "Strength",
    };

    public static void Try(ModelStateDictionary modelState, Action apply, string prefix = "Input")
    {
        ArgumentNullException.ThrowIfNull(apply);
        try
        {
            apply();
        }
        catch (DomainException e) when (e is not ConcurrencyConflictException)
        {
            Add(modelState, e, prefix);
        }
    }

    public static void Add(ModelStateDictionary modelState, DomainException error, string prefix = "Input")
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(error);
        var separator = error.Message.IndexOf(" : ", StringComparison.Ordinal);
        var key = separator > 0 && Fields.TryGetValue(error.Message[..separator], out var field) ? $"{prefix}.{field}" : string.Empty;
        modelState.AddModelError(key, error.Message);
    }
}

/// <summary>How the pages show a family: a coloured marker (never alone: the label goes with it).</summary>
public static class FamilyDisplay
{
    public static string CssClass(this ActorFamily family) => "family-" + family.Code();
}

/// <summary>What the actor form shows beside the posted values: the lists to choose from.</summary>
public sealed record ActorFieldsModel(ActorForm Input, SubtypeCatalog Subtypes, IReadOnlyList<string> Vocabulary,
    IReadOnlyList<Commune> Communes, PerimeterPickerModel Picker)
{
    /// <summary>Above this many communes in the territory, the commune field offers no list (the code is typed).</summary>
    public const int MaxListedCommunes = 1500;

    public static async Task<ActorFieldsModel> LoadAsync(ActorForm input, Guid territoryId, AppDbContext db, InseeReference reference,
        PerimeterResolver perimeters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(reference);
        var subtypes = await SubtypeCatalog.LoadAsync(db, territoryId, cancellationToken);
        var vocabulary = await db.Competences.AsNoTracking().Where(c => c.TerritoryId == territoryId)
            .OrderBy(c => c.Key).Take(500).Select(c => c.Label).ToListAsync(cancellationToken);
        var perimeter = Perimeter.Parse(await db.Territories.AsNoTracking().Where(t => t.Id == territoryId)
            .Select(t => t.PerimeterCodes).SingleAsync(cancellationToken));
        var codes = perimeter.Areas.SelectMany(a => reference.CommuneCodesOf(a.Kind, a.Code)).Distinct().ToList();
        var communes = codes.Count > MaxListedCommunes ? [] : codes.Select(reference.FindCommune).OfType<Commune>().OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        return new ActorFieldsModel(input, subtypes, vocabulary, communes, PerimeterPickerModel.For(input.Perimeter, perimeters));
    }
}
