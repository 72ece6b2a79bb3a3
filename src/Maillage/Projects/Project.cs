using Maillage.Data;
using Maillage.Territories;

namespace Maillage.Projects;

/// <summary>
/// A territorial partnership project framed as Le RAMEAU's « cadre méthodologique » (source text 003): motives,
/// objectives, perimeter, description, principles, stakeholders' positioning, three phases, roles and planning.
/// A partnership is time-bounded: it has a start and an end.
/// </summary>
public sealed class Project : AuditedEntity
{
    public const int NameMaxLength = 200;
    public const int TextMaxLength = 8000;
    public const int ShortTextMaxLength = 2000;

    private Project()
    {
    }

    public Project(Guid territoryId, string name)
    {
        TerritoryId = territoryId;
        Rename(name);
        foreach (var kind in ProjectPhases.All)
        {
            Phases.Add(new ProjectPhase(this, kind));
        }
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TerritoryId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>Exposé des motifs: the context that makes the project relevant.</summary>
    public string? Motives { get; private set; }

    public string? Objectives { get; private set; }

    /// <summary>The geographic perimeter as canonical INSEE codes separated by spaces (see <see cref="Territories.Perimeter"/>).</summary>
    public string PerimeterCodes { get; private set; } = "";

    public string? Description { get; private set; }

    /// <summary>Principes de l'expérimentation et clés de succès.</summary>
    public string? Principles { get; private set; }

    /// <summary>Positionnements respectifs des parties prenantes et leurs complémentarités.</summary>
    public string? Positioning { get; private set; }

    /// <summary>Répartition des rôles opérationnels, as agreed in the copil.</summary>
    public string? OperationalRoles { get; private set; }

    /// <summary>Theme codes separated by spaces (see <see cref="ProjectThemes"/>).</summary>
    public string Themes { get; private set; } = "";

    public string? TargetPopulation { get; private set; }
    public DateOnly? StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }

    /// <summary>The project addresses companies: they or their relays belong around the table from the start (source 000).</summary>
    public bool TargetsCompanies { get; private set; }

    /// <summary>What was decided once the partnership ended (source 004: « décider de la suite à donner au partenariat »); null while undecided.</summary>
    public FollowUpDecision? FollowUp { get; private set; }

    public DateOnly? FollowUpDecidedOn { get; private set; }
    public string? FollowUpNote { get; private set; }

    public ICollection<ProjectPhase> Phases { get; } = [];
    public ICollection<ProjectDeliverable> Deliverables { get; } = [];
    public ICollection<ProjectCopil> Copils { get; } = [];

    public Perimeter Perimeter => Perimeter.Parse(PerimeterCodes);

    public IReadOnlyList<ProjectTheme> ThemeList => ProjectThemes.Parse(Themes);

    public override Guid? AuditTerritoryId => TerritoryId;
    public override string AuditKey => Id.ToString();

    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("Nom : le nom du projet est obligatoire.");
        }

        var trimmed = name.Trim();
        if (trimmed.Length > NameMaxLength)
        {
            throw new DomainException($"Nom : {NameMaxLength} caractères au plus.");
        }

        Name = trimmed;
    }

    /// <summary>Sets the whole frame at once, so a form refused for one field changes nothing.</summary>
    public void Frame(ProjectFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.StartDate is { } start && frame.EndDate is { } end && end < start)
        {
            throw new DomainException($"Date de fin : le {end:dd/MM/yyyy} précède la date de début ({start:dd/MM/yyyy}).");
        }

        Rename(frame.Name);
        Motives = Text(frame.Motives, "Exposé des motifs", TextMaxLength);
        Objectives = Text(frame.Objectives, "Objectifs", TextMaxLength);
        Description = Text(frame.Description, "Description", TextMaxLength);
        Principles = Text(frame.Principles, "Principes et clés de succès", TextMaxLength);
        Positioning = Text(frame.Positioning, "Positionnement des parties prenantes", TextMaxLength);
        OperationalRoles = Text(frame.OperationalRoles, "Répartition des rôles opérationnels", TextMaxLength);
        TargetPopulation = Text(frame.TargetPopulation, "Public visé", ShortTextMaxLength);
        PerimeterCodes = frame.Perimeter.ToString();
        Themes = ProjectThemes.Format(frame.Themes);
        StartDate = frame.StartDate;
        EndDate = frame.EndDate;
        TargetsCompanies = frame.TargetsCompanies;
    }

    /// <summary>Records the decision on what follows the partnership, or withdraws it (null decision) with its date and note.</summary>
    public void DecideFollowUp(FollowUpDecision? decision, DateOnly? decidedOn, string? note)
    {
        if (decision is null)
        {
            FollowUp = null;
            FollowUpDecidedOn = null;
            FollowUpNote = null;
            return;
        }

        if (decidedOn is null)
        {
            throw new DomainException("Date de la décision : la date est obligatoire.");
        }

        if (StartDate is { } start && decidedOn < start)
        {
            throw new DomainException($"Date de la décision : le {decidedOn:dd/MM/yyyy} précède le début du projet ({start:dd/MM/yyyy}).");
        }

        var text = Text(note, "Motifs de la décision", ShortTextMaxLength);
        FollowUp = decision;
        FollowUpDecidedOn = decidedOn;
        FollowUpNote = text;
    }

    public ProjectPhase Phase(ProjectPhaseKind kind) => Phases.Single(p => p.Kind == kind);

    public ProjectDeliverable AddDeliverable(ProjectPhaseKind phase, string title, DateOnly? dueDate, string? owner, DeliverableStatus status)
    {
        var deliverable = new ProjectDeliverable(this, phase);
        deliverable.Update(phase, title, dueDate, owner, status);
        Deliverables.Add(deliverable);
        return deliverable;
    }

    public ProjectCopil AddCopil(DateOnly date, string? label)
    {
        if (Copils.Any(c => c.Date == date))
        {
            throw new DomainException($"Date : un comité de pilotage est déjà prévu le {date:dd/MM/yyyy}.");
        }

        var copil = new ProjectCopil(this, date, label);
        Copils.Add(copil);
        return copil;
    }

    internal static string? Text(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        return trimmed.Length <= maxLength ? trimmed : throw new DomainException($"{field} : {maxLength} caractères au plus.");
    }
}

/// <summary>The fields of the frame, as a form or the API posts them.</summary>
public sealed record ProjectFrame(
    string Name,
    string? Motives,
    string? Objectives,
    Perimeter Perimeter,
    string? Description,
    string? Principles,
    string? Positioning,
    string? OperationalRoles,
    IReadOnlyCollection<ProjectTheme> Themes,
    string? TargetPopulation,
    DateOnly? StartDate,
    DateOnly? EndDate,
    bool TargetsCompanies);

/// <summary>The decision taken on a partnership once it ends: « Il n'y a pas de partenariat à long terme » (source 004). Stored as these numbers.</summary>
public enum FollowUpDecision
{
    Reconduction = 1,
    Evolution = 2,
    Arret = 3,
}

public static class FollowUpDecisions
{
    public static readonly IReadOnlyList<FollowUpDecision> All = [FollowUpDecision.Reconduction, FollowUpDecision.Evolution, FollowUpDecision.Arret];

    public const string ExpectedCodes = "reconduction, evolution ou arret";

    public static string Code(this FollowUpDecision decision) => decision switch
    {
        FollowUpDecision.Reconduction => "reconduction",
        FollowUpDecision.Evolution => "evolution",
        _ => "arret",
    };

    public static string Label(this FollowUpDecision decision) => decision switch
    {
        FollowUpDecision.Reconduction => "Reconduit",
        FollowUpDecision.Evolution => "Poursuivi sous une autre forme",
        _ => "Arrêté",
    };

    /// <summary>Null or blank means « no decision »; an unknown code is refused.</summary>
    public static FollowUpDecision? Parse(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        foreach (var decision in All)
        {
            if (string.Equals(decision.Code(), code.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return decision;
            }
        }

        throw new DomainException($"Suite donnée : « {code} » inconnue ({ExpectedCodes}).");
    }
}

/// <summary>The three parts of the experimentation in source 003: préparation, expérimentation, évaluation / suivi.</summary>
public enum ProjectPhaseKind
{
    Preparation = 1,
    Experimentation = 2,
    Evaluation = 3,
}

public static class ProjectPhases
{
    public static readonly IReadOnlyList<ProjectPhaseKind> All = [ProjectPhaseKind.Preparation, ProjectPhaseKind.Experimentation, ProjectPhaseKind.Evaluation];

    public const string ExpectedCodes = "preparation, experimentation ou evaluation";

    public static string Code(this ProjectPhaseKind kind) => kind switch
    {
        ProjectPhaseKind.Preparation => "preparation",
        ProjectPhaseKind.Experimentation => "experimentation",
        _ => "evaluation",
    };

    public static string Label(this ProjectPhaseKind kind) => kind switch
    {
        ProjectPhaseKind.Preparation => "La préparation",
        ProjectPhaseKind.Experimentation => "L'expérimentation",
        _ => "L'évaluation / le suivi post-expérimentation",
    };

    public static string ShortLabel(this ProjectPhaseKind kind) => kind switch
    {
        ProjectPhaseKind.Preparation => "Préparation",
        ProjectPhaseKind.Experimentation => "Expérimentation",
        _ => "Évaluation / suivi",
    };

    public static bool TryParse(string? code, out ProjectPhaseKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    public static ProjectPhaseKind Parse(string? code, string field = "Phase") =>
        TryParse(code, out var kind) ? kind : throw new DomainException($"{field} : « {code} » inconnue ({ExpectedCodes}).");
}

/// <summary>One part of the project with its content (source 003, « Focus sur chaque partie ») and its dates.</summary>
public sealed class ProjectPhase : AuditedEntity
{
    private ProjectPhase()
    {
    }

    internal ProjectPhase(Project project, ProjectPhaseKind kind)
    {
        ProjectId = project.Id;
        TerritoryId = project.TerritoryId;
        Kind = kind;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid ProjectId { get; private set; }
    public Guid TerritoryId { get; private set; }
    public ProjectPhaseKind Kind { get; private set; }
    public string? Objectives { get; private set; }
    public string? Description { get; private set; }

    /// <summary>Mode opératoire: how the part is run (meetings, working groups…).</summary>
    public string? Method { get; private set; }

    public DateOnly? StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }

    public override Guid? AuditTerritoryId => TerritoryId;

    /// <summary>Prefixed by the project so that the project's history gathers its parts.</summary>
    public override string AuditKey => $"{ProjectId}/{Id}";

    public void Update(string? objectives, string? description, string? method, DateOnly? startDate, DateOnly? endDate)
    {
        if (startDate is { } start && endDate is { } end && end < start)
        {
            throw new DomainException($"Date de fin : le {end:dd/MM/yyyy} précède la date de début ({start:dd/MM/yyyy}).");
        }

        Objectives = Project.Text(objectives, "Objectifs", Project.TextMaxLength);
        Description = Project.Text(description, "Description", Project.TextMaxLength);
        Method = Project.Text(method, "Mode opératoire", Project.TextMaxLength);
        StartDate = startDate;
        EndDate = endDate;
    }
}

public enum DeliverableStatus
{
    Planned = 0,
    InProgress = 1,
    Delivered = 2,
}

public static class DeliverableStatuses
{
    public static readonly IReadOnlyList<DeliverableStatus> All = [DeliverableStatus.Planned, DeliverableStatus.InProgress, DeliverableStatus.Delivered];

    public const string ExpectedCodes = "prevu, en-cours ou livre";

    public static string Code(this DeliverableStatus status) => status switch
    {
        DeliverableStatus.Planned => "prevu",
        DeliverableStatus.InProgress => "en-cours",
        _ => "livre",
    };

    public static string Label(this DeliverableStatus status) => status switch
    {
        DeliverableStatus.Planned => "Prévu",
        DeliverableStatus.InProgress => "En cours",
        _ => "Livré",
    };

    public static DeliverableStatus Parse(string? code)
    {
        foreach (var status in All)
        {
            if (string.Equals(status.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return status;
            }
        }

        throw new DomainException($"Statut : « {code} » inconnu ({ExpectedCodes}).");
    }
}

/// <summary>A deliverable of a phase (source 003, « Déroulé global » : processus et livrables), with its due date and owner.</summary>
public sealed class ProjectDeliverable : AuditedEntity
{
    public const int TitleMaxLength = 300;
    public const int OwnerMaxLength = 200;

    private ProjectDeliverable()
    {
    }

    internal ProjectDeliverable(Project project, ProjectPhaseKind phase)
    {
        ProjectId = project.Id;
        TerritoryId = project.TerritoryId;
        Phase = phase;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid ProjectId { get; private set; }
    public Guid TerritoryId { get; private set; }
    public ProjectPhaseKind Phase { get; private set; }
    public string Title { get; private set; } = "";
    public DateOnly? DueDate { get; private set; }

    /// <summary>Who delivers it: a person or a structure, as the copil names it.</summary>
    public string? Owner { get; private set; }

    public DeliverableStatus Status { get; private set; }

    public override Guid? AuditTerritoryId => TerritoryId;
    public override string AuditKey => $"{ProjectId}/{Id}";

    public void Update(ProjectPhaseKind phase, string title, DateOnly? dueDate, string? owner, DeliverableStatus status)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            throw new DomainException("Livrable : l'intitulé est obligatoire.");
        }

        if (title.Trim().Length > TitleMaxLength)
        {
            throw new DomainException($"Livrable : {TitleMaxLength} caractères au plus.");
        }

        Phase = phase;
        Title = title.Trim();
        DueDate = dueDate;
        Owner = Project.Text(owner, "Responsable", OwnerMaxLength);
        Status = status;
    }

    public void SetStatus(DeliverableStatus status) => Status = status;
}

/// <summary>A date of the steering committee (copil), shown on the planning.</summary>
public sealed class ProjectCopil : AuditedEntity
{
    public const int LabelMaxLength = 200;

    private ProjectCopil()
    {
    }

    internal ProjectCopil(Project project, DateOnly date, string? label)
    {
        ProjectId = project.Id;
        TerritoryId = project.TerritoryId;
        Date = date;
        Label = Project.Text(label, "Intitulé", LabelMaxLength);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid ProjectId { get; private set; }
    public Guid TerritoryId { get; private set; }
    public DateOnly Date { get; private set; }
    public string? Label { get; private set; }

    public override Guid? AuditTerritoryId => TerritoryId;
    public override string AuditKey => $"{ProjectId}/{Id}";
}
