using Maillage.Data;

namespace Maillage.Analysis;

/// <summary>The four possibilities at the end of the analysis (source 004). Stored as these numbers.</summary>
public enum WayToAct
{
    Seul = 1,
    Initiateur = 2,
    EnReponse = 3,
    Contraint = 4,
}

/// <summary>
/// The environment analysis of source 004 ("Comment analyser son environnement ?") for the carrier organisation:
/// the grid of 14 questions, the internal and external preconditions of a partnership as checklists with comments,
/// and the choice among the four ways to act with its reasons. Issue 6 adds a nullable project link: the analysis
/// of a project is the same grid.
/// </summary>
public sealed class EnvironmentAnalysis : AuditedEntity
{
    public const int TitleMaxLength = 120;
    public const int OrganisationMaxLength = 200;
    public const int AnswerMaxLength = 4000;
    public const int NoteMaxLength = 1000;
    public const int ReasonsMaxLength = 4000;

    private readonly string?[] _answers = new string?[EnvironmentGrid.Questions.Count];
    private readonly bool[] _internalMet = new bool[EnvironmentGrid.InternalConditions.Count];
    private readonly string?[] _internalNotes = new string?[EnvironmentGrid.InternalConditions.Count];
    private readonly bool[] _externalMet = new bool[EnvironmentGrid.ExternalConditions.Count];
    private readonly string?[] _externalNotes = new string?[EnvironmentGrid.ExternalConditions.Count];

    private EnvironmentAnalysis()
    {
    }

    public EnvironmentAnalysis(Guid territoryId, string title, string? organisation)
    {
        TerritoryId = territoryId;
        Rename(title, organisation);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TerritoryId { get; private set; }
    public string Title { get; private set; } = "";

    /// <summary>The carrier organisation whose environment is analysed.</summary>
    public string? Organisation { get; private set; }

    // One column per question and per condition, so that the history names the question that changed.
    public string? Answer1 { get => _answers[0]; private set => _answers[0] = value; }
    public string? Answer2 { get => _answers[1]; private set => _answers[1] = value; }
    public string? Answer3 { get => _answers[2]; private set => _answers[2] = value; }
    public string? Answer4 { get => _answers[3]; private set => _answers[3] = value; }
    public string? Answer5 { get => _answers[4]; private set => _answers[4] = value; }
    public string? Answer6 { get => _answers[5]; private set => _answers[5] = value; }
    public string? Answer7 { get => _answers[6]; private set => _answers[6] = value; }
    public string? Answer8 { get => _answers[7]; private set => _answers[7] = value; }
    public string? Answer9 { get => _answers[8]; private set => _answers[8] = value; }
    public string? Answer10 { get => _answers[9]; private set => _answers[9] = value; }
    public string? Answer11 { get => _answers[10]; private set => _answers[10] = value; }
    public string? Answer12 { get => _answers[11]; private set => _answers[11] = value; }
    public string? Answer13 { get => _answers[12]; private set => _answers[12] = value; }
    public string? Answer14 { get => _answers[13]; private set => _answers[13] = value; }
    public bool InternalMet1 { get => _internalMet[0]; private set => _internalMet[0] = value; }
    public string? InternalNote1 { get => _internalNotes[0]; private set => _internalNotes[0] = value; }
    public bool InternalMet2 { get => _internalMet[1]; private set => _internalMet[1] = value; }
    public string? InternalNote2 { get => _internalNotes[1]; private set => _internalNotes[1] = value; }
    public bool InternalMet3 { get => _internalMet[2]; private set => _internalMet[2] = value; }
    public string? InternalNote3 { get => _internalNotes[2]; private set => _internalNotes[2] = value; }
    public bool InternalMet4 { get => _internalMet[3]; private set => _internalMet[3] = value; }
    public string? InternalNote4 { get => _internalNotes[3]; private set => _internalNotes[3] = value; }
    public bool InternalMet5 { get => _internalMet[4]; private set => _internalMet[4] = value; }
    public string? InternalNote5 { get => _internalNotes[4]; private set => _internalNotes[4] = value; }
    public bool InternalMet6 { get => _internalMet[5]; private set => _internalMet[5] = value; }
    public string? InternalNote6 { get => _internalNotes[5]; private set => _internalNotes[5] = value; }
    public bool ExternalMet1 { get => _externalMet[0]; private set => _externalMet[0] = value; }
    public string? ExternalNote1 { get => _externalNotes[0]; private set => _externalNotes[0] = value; }
    public bool ExternalMet2 { get => _externalMet[1]; private set => _externalMet[1] = value; }
    public string? ExternalNote2 { get => _externalNotes[1]; private set => _externalNotes[1] = value; }
    public bool ExternalMet3 { get => _externalMet[2]; private set => _externalMet[2] = value; }
    public string? ExternalNote3 { get => _externalNotes[2]; private set => _externalNotes[2] = value; }
    public bool ExternalMet4 { get => _externalMet[3]; private set => _externalMet[3] = value; }
    public string? ExternalNote4 { get => _externalNotes[3]; private set => _externalNotes[3] = value; }
    public bool ExternalMet5 { get => _externalMet[4]; private set => _externalMet[4] = value; }
    public string? ExternalNote5 { get => _externalNotes[4]; private set => _externalNotes[4] = value; }
    public bool ExternalMet6 { get => _externalMet[5]; private set => _externalMet[5] = value; }
    public string? ExternalNote6 { get => _externalNotes[5]; private set => _externalNotes[5] = value; }

    public WayToAct? Way { get; private set; }
    public string? Reasons { get; private set; }

    public IReadOnlyList<string?> Answers => _answers;
    public IReadOnlyList<bool> InternalMet => _internalMet;
    public IReadOnlyList<string?> InternalNotes => _internalNotes;
    public IReadOnlyList<bool> ExternalMet => _externalMet;
    public IReadOnlyList<string?> ExternalNotes => _externalNotes;

    public int Answered => _answers.Count(a => a is not null);
    public int ConditionsMet => _internalMet.Count(m => m) + _externalMet.Count(m => m);

    public override Guid? AuditTerritoryId => TerritoryId;
    public override string AuditKey => Id.ToString();

    public void Rename(string title, string? organisation)
    {
        title = title?.Trim() ?? "";
        if (title.Length == 0)
        {
            throw new DomainException("Titre : donnez un titre à l'analyse.");
        }

        if (title.Length > TitleMaxLength)
        {
            throw new DomainException($"Titre : {TitleMaxLength} caractères au plus.");
        }

        organisation = Clean(organisation);
        if (organisation?.Length > OrganisationMaxLength)
        {
            throw new DomainException($"Organisation porteuse : {OrganisationMaxLength} caractères au plus.");
        }

        Title = title;
        Organisation = organisation;
    }

    /// <summary>Answers the questions (1 to 14, in the order of the source); an empty answer is no answer.</summary>
    public void Answer(IReadOnlyList<string?> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count != _answers.Length)
        {
            throw new DomainException($"Questions : la grille a {_answers.Length} questions ({answers.Count} réponses reçues).");
        }

        for (var i = 0; i < answers.Count; i++)
        {
            var answer = Clean(answers[i]);
            if (answer?.Length > AnswerMaxLength)
            {
                throw new DomainException($"Question {i + 1} : {AnswerMaxLength} caractères au plus.");
            }

            _answers[i] = answer;
        }
    }

    public void CheckConditions(IReadOnlyList<bool> internalMet, IReadOnlyList<string?> internalNotes,
        IReadOnlyList<bool> externalMet, IReadOnlyList<string?> externalNotes)
    {
        Fill("Condition interne", internalMet, internalNotes, _internalMet, _internalNotes);
        Fill("Condition externe", externalMet, externalNotes, _externalMet, _externalNotes);
    }

    /// <summary>Records the way to act; the reasons are required once a way is chosen ("recorded with its reasons").</summary>
    public void Decide(WayToAct? way, string? reasons)
    {
        reasons = Clean(reasons);
        if (way is { } chosen && !Enum.IsDefined(chosen))
        {
            throw new DomainException("Décision : choisissez l'une des quatre possibilités.");
        }

        if (way is not null && reasons is null)
        {
            throw new DomainException("Raisons : dites pourquoi cette possibilité est retenue.");
        }

        if (reasons?.Length > ReasonsMaxLength)
        {
            throw new DomainException($"Raisons : {ReasonsMaxLength} caractères au plus.");
        }

        Way = way;
        Reasons = reasons;
    }

    private static void Fill(string field, IReadOnlyList<bool> met, IReadOnlyList<string?> notes, bool[] metTarget, string?[] notesTarget)
    {
        ArgumentNullException.ThrowIfNull(met);
        ArgumentNullException.ThrowIfNull(notes);
        if (met.Count != metTarget.Length || notes.Count != notesTarget.Length)
        {
            throw new DomainException($"{field}s : la liste en compte {metTarget.Length}.");
        }

        for (var i = 0; i < met.Count; i++)
        {
            var note = Clean(notes[i]);
            if (note?.Length > NoteMaxLength)
            {
                throw new DomainException($"{field} {i + 1} : commentaire de {NoteMaxLength} caractères au plus.");
            }

            metTarget[i] = met[i];
            notesTarget[i] = note;
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
