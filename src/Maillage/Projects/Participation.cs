using System.Text.Json;
using Maillage.Actors;
using Maillage.Data;

namespace Maillage.Projects;

/// <summary>
/// An actor taking part in a project with a role (source 000's table: Pilote, Opérateur, Financeur, Partenaire, or a
/// role the territory added), a function, the conditions of exercise of its role that are met, its mobilisation
/// level, the wave in which it joined, its weight in decisions and the person who represents it.
/// </summary>
public sealed class ProjectParticipation : AuditedEntity
{
    public const int FunctionMaxLength = 300;
    public const int MaxWave = 20;
    public const int MaxDecisionWeight = 100;

    private ProjectParticipation()
    {
    }

    public ProjectParticipation(Project project, Actor actor, ParticipationRole role)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(role);
        if (actor.TerritoryId != project.TerritoryId)
        {
            throw new DomainException("Acteur : cet acteur n'existe pas dans ce territoire.");
        }

        ProjectId = project.Id;
        TerritoryId = project.TerritoryId;
        ActorId = actor.Id;
        Role = role.Code;
        Wave = 1;
        IsActive = true;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid ProjectId { get; private set; }
    public Guid TerritoryId { get; private set; }
    public Guid ActorId { get; private set; }

    /// <summary>The role's code: pilote, operateur, financeur, partenaire or a code of the territory's roles.</summary>
    public string Role { get; private set; } = "";

    /// <summary>The function given to the partner in the project (source 000: « définir le rôle et la fonction »).</summary>
    public string? Function { get; private set; }

    /// <summary>The codes of the role's conditions of exercise that are met, separated by spaces.</summary>
    public string ConditionsMet { get; private set; } = "";

    public MobilisationLevel Mobilisation { get; private set; }

    /// <summary>1 for the first group of partners, then 2, 3… as the circle widens (source 000).</summary>
    public int Wave { get; private set; }

    /// <summary>The weight of the partner in decisions, from 0 to 100.</summary>
    public int DecisionWeight { get; private set; }

    /// <summary>The person who represents the actor in the project: one of its contacts.</summary>
    public Guid? RepresentativeContactId { get; private set; }

    public bool IsActive { get; private set; }
    public DateOnly? LastActivityDate { get; private set; }

    public IReadOnlyList<string> ConditionCodes => ConditionsMet.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public override Guid? AuditTerritoryId => TerritoryId;

    /// <summary>Prefixed by the project so that the project's history gathers its participations.</summary>
    public override string AuditKey => $"{ProjectId}/{Id}";

    /// <summary>Sets every field at once, so a form refused for one field changes nothing.</summary>
    public void Update(ParticipationFields fields, ParticipationRole role, Contact? representative)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(role);
        if (fields.Wave is < 1 or > MaxWave)
        {
            throw new DomainException($"Vague : un nombre de 1 à {MaxWave}.");
        }

        if (fields.DecisionWeight is < 0 or > MaxDecisionWeight)
        {
            throw new DomainException($"Poids dans les décisions : un nombre de 0 à {MaxDecisionWeight}.");
        }

        if (representative is not null && (representative.ActorId != ActorId || representative.TerritoryId != TerritoryId))
        {
            throw new DomainException("Représentant : choisissez un interlocuteur de cet acteur.");
        }

        var unknown = fields.ConditionsMet.Where(c => role.Conditions.All(t => t.Code != c)).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainException($"Conditions d'exercice : « {string.Join(", ", unknown)} » n'est pas une condition du rôle « {role.Label} ».");
        }

        var function = Project.Text(fields.Function, "Fonction", FunctionMaxLength);
        Role = role.Code;
        Function = function;
        ConditionsMet = string.Join(' ', role.Conditions.Select(c => c.Code).Where(fields.ConditionsMet.Contains));
        Mobilisation = fields.Mobilisation;
        Wave = fields.Wave;
        DecisionWeight = fields.DecisionWeight;
        RepresentativeContactId = representative?.Id;
        IsActive = fields.IsActive;
        LastActivityDate = fields.LastActivityDate;
    }
}

/// <summary>The fields of a participation as a form or the API posts them.</summary>
public sealed record ParticipationFields(
    string? Function,
    IReadOnlyCollection<string> ConditionsMet,
    MobilisationLevel Mobilisation,
    int Wave,
    int DecisionWeight,
    bool IsActive,
    DateOnly? LastActivityDate);

/// <summary>How far an actor is mobilised, from not yet contacted to driving the project.</summary>
public enum MobilisationLevel
{
    NotContacted = 0,
    Informed = 1,
    Interested = 2,
    Committed = 3,
    Driving = 4,
}

public static class MobilisationLevels
{
    public static readonly IReadOnlyList<MobilisationLevel> All =
        [MobilisationLevel.NotContacted, MobilisationLevel.Informed, MobilisationLevel.Interested, MobilisationLevel.Committed, MobilisationLevel.Driving];

    public const string ExpectedCodes = "non-contacte, informe, interesse, engage ou moteur";

    public static string Code(this MobilisationLevel level) => level switch
    {
        MobilisationLevel.NotContacted => "non-contacte",
        MobilisationLevel.Informed => "informe",
        MobilisationLevel.Interested => "interesse",
        MobilisationLevel.Committed => "engage",
        _ => "moteur",
    };

    public static string Label(this MobilisationLevel level) => level switch
    {
        MobilisationLevel.NotContacted => "Non contacté",
        MobilisationLevel.Informed => "Informé",
        MobilisationLevel.Interested => "Intéressé",
        MobilisationLevel.Committed => "Engagé",
        _ => "Moteur",
    };

    public static MobilisationLevel Parse(string? code)
    {
        foreach (var level in All)
        {
            if (string.Equals(level.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return level;
            }
        }

        throw new DomainException($"Mobilisation : « {code} » inconnue ({ExpectedCodes}).");
    }

    /// <summary>The audit writes the enum's name; this reads it back.</summary>
    public static MobilisationLevel? FromHistory(string? value) =>
        Enum.TryParse<MobilisationLevel>(value, out var level) && Enum.IsDefined(level) ? level : null;
}

/// <summary>A condition of exercise of a role, with a stable code.</summary>
public sealed record RoleCondition(string Code, string Text);

/// <summary>A role in a project: one of source 000's four, or one the territory added, with its conditions of exercise.</summary>
public sealed record ParticipationRole(string Code, string Label, string Description, string? Examples, IReadOnlyList<RoleCondition> Conditions,
    bool IsBuiltIn)
{
    /// <summary>True when the territory wrote its own conditions for this built-in role instead of the source's.</summary>
    public bool ConditionsEdited { get; init; }

    /// <summary>The version of the territory's conditions of a built-in role, to send back with an edit (0 when never edited).</summary>
    public long ConditionsVersion { get; init; }
}

/// <summary>
/// The four roles of source 000's table « Définition du rôle et de la fonction des partenaires au sein d'une démarche
/// territoriale pour l'emploi », in its words, and the roles a territory adds.
/// </summary>
public sealed class ParticipationRoleCatalog
{
    public const string Pilote = "pilote";
    public const string Operateur = "operateur";
    public const string Financeur = "financeur";
    public const string Partenaire = "partenaire";

    private const string Disponible = "Être suffisamment disponible pour assurer le lancement puis l'animation de la démarche.";

    public static readonly IReadOnlyList<ParticipationRole> BuiltIn =
    [
        new(Pilote, "Pilote", "Il est en charge du projet, assure la mobilisation des acteurs et la cohérence de la démarche avec les problématiques retenues.",
            "Maison de l'emploi",
            [
                new("identifie", "Être clairement identifié et identifiable en tant que point de contact et pour répondre aux questions des acteurs."),
                new("disponible", Disponible),
                new("neutre", "Être « neutre » par rapport aux choix retenus."),
                new("lien", "Assurer le lien et la bonne compréhension entre les acteurs qui n'ont pas toujours l'habitude de travailler ensemble."),
                new("gestion-projet", "Avoir une véritable compétence en gestion de projet et accompagnement du travail collaboratif."),
            ], IsBuiltIn: true),
        new(Operateur, "Opérateur", "Ils interviennent en tant qu'acteurs ressources dans leur champ d'expertise respective, à différentes étapes du projet (définition du besoin, recrutement de bénéficiaires, etc.).",
            "Pôle emploi, chambre de commerce et d'industrie (CCI), chambre d'agriculture, etc.",
            [
                new("disponible", Disponible),
                new("competences", "Avoir les compétences techniques ou un réseau mobilisable et particulièrement adapté."),
                new("pouvoir-decision", "L'interlocuteur au sein de la structure partenaire doit avoir effectivement un pouvoir de décision, en étant ni forcément le plus haut placé en termes hiérarchique, ni être soumis à des circuits de validation qui pourraient freiner la démarche."),
            ], IsBuiltIn: true),
        new(Financeur, "Financeur", "Ils apportent les fonds financiers nécessaires à la réalisation de l'action.", "Direccte, Région", [], IsBuiltIn: true),
        new(Partenaire, "Partenaire", "Ils portent le projet et lui permettent de gagner en visibilité et en légitimité. Ils participent parfois à l'orientation stratégique des projets.",
            "Direccte, Région, CCI, État", [new("disponible", Disponible)], IsBuiltIn: true),
    ];

    private ParticipationRoleCatalog(IReadOnlyList<ParticipationRole> roles) => Roles = roles;

    public IReadOnlyList<ParticipationRole> Roles { get; }

    public static ParticipationRoleCatalog DefaultsOnly { get; } = new(BuiltIn);

    public static ParticipationRoleCatalog With(IEnumerable<ProjectRole> territoryRoles) => With(territoryRoles, []);

    /// <summary>The four roles of the source with the territory's wording of their conditions where it has one, then the territory's roles.</summary>
    public static ParticipationRoleCatalog With(IEnumerable<ProjectRole> territoryRoles, IEnumerable<BuiltInRoleConditions> builtInConditions)
    {
        var edits = builtInConditions.ToDictionary(c => c.RoleCode, StringComparer.Ordinal);
        var builtIn = BuiltIn.Select(r => edits.TryGetValue(r.Code, out var edit)
            ? r with { Conditions = edit.Effective(), ConditionsEdited = edit.IsEdited, ConditionsVersion = edit.Version }
            : r);
        return new([.. builtIn, .. territoryRoles.OrderBy(r => r.Label, StringComparer.CurrentCulture).Select(r => r.ToRole())]);
    }

    /// <summary>One of the four roles as source 000 words it, whatever a territory made of its conditions.</summary>
    public static ParticipationRole? SourceRole(string? code) => BuiltIn.FirstOrDefault(r => r.Code == code);

    public ParticipationRole? Find(string? code) =>
        Roles.FirstOrDefault(r => string.Equals(r.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    public ParticipationRole Get(string? code) =>
        Find(code) ?? throw new DomainException($"Rôle : « {code} » inconnu ({string.Join(", ", Roles.Select(r => r.Code))}).");

    /// <summary>The label of a role, or its code when the territory removed it.</summary>
    public string LabelOf(string code) => Find(code)?.Label ?? code;
}

/// <summary>A role a territory adds to the four of source 000, with its own conditions of exercise (one per line).</summary>
public sealed class ProjectRole : AuditedEntity
{
    public const int LabelMaxLength = 100;
    public const int TextMaxLength = 4000;

    private ProjectRole()
    {
    }

    public ProjectRole(Guid territoryId, string label, string? description, string? conditions)
    {
        TerritoryId = territoryId;
        Update(label, description, conditions);
        Code = TextKey.Slug(Label);
        if (Code.Length == 0)
        {
            throw new DomainException("Libellé : le nom du rôle doit contenir des lettres ou des chiffres.");
        }

        if (ParticipationRoleCatalog.BuiltIn.Any(r => r.Code == Code))
        {
            throw new DomainException($"Libellé : « {Label} » est déjà un rôle du tableau de référence.");
        }
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TerritoryId { get; private set; }
    public string Code { get; private set; } = "";
    public string Label { get; private set; } = "";
    public string? Description { get; private set; }

    /// <summary>The conditions of exercise, one per line.</summary>
    public string Conditions { get; private set; } = "";

    public override Guid? AuditTerritoryId => TerritoryId;
    public override string AuditKey => Id.ToString();

    public void Update(string label, string? description, string? conditions)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            throw new DomainException("Libellé : le nom du rôle est obligatoire.");
        }

        if (label.Trim().Length > LabelMaxLength)
        {
            throw new DomainException($"Libellé : {LabelMaxLength} caractères au plus.");
        }

        var lines = (conditions ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var joined = string.Join('\n', lines);
        if (joined.Length > TextMaxLength)
        {
            throw new DomainException($"Conditions d'exercice : {TextMaxLength} caractères au plus.");
        }

        Label = label.Trim();
        Description = Project.Text(description, "Description", TextMaxLength);
        Conditions = joined;
    }

    public ParticipationRole ToRole() =>
        new(Code, Label, Description ?? "", null,
            Conditions.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(text => new RoleCondition(ConditionCode(text), text))
                .Where(c => c.Code.Length > 0)
                .DistinctBy(c => c.Code).ToList(),
            IsBuiltIn: false);

    /// <summary>A condition's code is the slug of its text, cut to 60 characters: stable as long as its words are.</summary>
    public static string ConditionCode(string text)
    {
        var slug = TextKey.Slug(text);
        return slug.Length <= 60 ? slug : slug[..60].TrimEnd('-');
    }
}

/// <summary>One step of an actor's mobilisation in a project, read from the participation's history.</summary>
public sealed record MobilisationStep(DateTime At, string? By, MobilisationLevel? From, MobilisationLevel To);

public static class MobilisationHistory
{
    public static IReadOnlyList<MobilisationStep> Of(IEnumerable<AuditEntry> entries) =>
        entries.OrderBy(e => e.At).ThenBy(e => e.Id)
            .SelectMany(e => (JsonSerializer.Deserialize<List<AuditChange>>(e.Changes) ?? [])
                .Where(c => c.Property == nameof(ProjectParticipation.Mobilisation))
                .Select(c => (Entry: e, Change: c)))
            .Where(x => MobilisationLevels.FromHistory(x.Change.After) is not null)
            .Select(x => new MobilisationStep(x.Entry.At, x.Entry.UserName, MobilisationLevels.FromHistory(x.Change.Before),
                MobilisationLevels.FromHistory(x.Change.After)!.Value))
            .ToList();
}
