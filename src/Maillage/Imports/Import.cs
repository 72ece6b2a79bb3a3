namespace Maillage.Imports;

public enum ImportStatus
{
    /// <summary>Uploaded; the columns are being matched.</summary>
    Draft = 0,
    Queued = 1,
    Running = 2,

    /// <summary>A check (dry run) ended: the counts say what an import would do, nothing was written.</summary>
    Checked = 3,
    Succeeded = 4,

    /// <summary>The file has problems or could not be read: nothing was written.</summary>
    Failed = 5,
    Cancelled = 6,

    /// <summary>The server stopped in the middle: the transaction was never committed, nothing was written.</summary>
    Interrupted = 7,
}

/// <summary>
/// One file brought into a territory's directory: who, when, how its columns were matched, and what it did.
/// A log, not a domain object people edit: it has no history of its own.
/// </summary>
public sealed class Import
{
    public const int FileNameMaxLength = 260;
    public const int MessageMaxLength = 2000;

    private Import()
    {
    }

    public Import(Guid territoryId, string fileName, long fileSize, string? userId, string? userName, DateTime at)
    {
        TerritoryId = territoryId;
        FileName = fileName.Length > FileNameMaxLength ? fileName[..FileNameMaxLength] : fileName;
        FileSize = fileSize;
        UserId = userId;
        UserName = userName;
        CreatedAt = at;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TerritoryId { get; private set; }
    public string FileName { get; private set; } = "";
    public long FileSize { get; private set; }
    public string? UserId { get; private set; }
    public string? UserName { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>How the file was read ("CSV, séparateur « ; », encodage UTF-8").</summary>
    public string Format { get; private set; } = "";

    /// <summary>The file's headers, as a JSON array.</summary>
    public string Headers { get; private set; } = "[]";

    /// <summary>For each header, the key of the actor column it fills or "" (ignored), as a JSON array.</summary>
    public string Mapping { get; private set; } = "[]";

    public ImportStatus Status { get; private set; }

    /// <summary>Whether the current or last run only checks the file (nothing written).</summary>
    public bool DryRun { get; private set; }

    public DateTime? StartedAt { get; private set; }
    public DateTime? FinishedAt { get; private set; }
    public long RowsRead { get; private set; }
    public long Created { get; private set; }
    public long Updated { get; private set; }
    public long Unchanged { get; private set; }

    /// <summary>Rows left aside on purpose: ceased establishments of a SIRENE file.</summary>
    public long Skipped { get; private set; }

    public long ProblemCount { get; private set; }
    public double RowsPerSecond { get; private set; }

    /// <summary>A French sentence about the outcome: why it failed, was interrupted or cancelled.</summary>
    public string? Message { get; private set; }

    public bool IsActive => Status is ImportStatus.Queued or ImportStatus.Running;

    public void Describe(string format, IReadOnlyList<string> headers, IReadOnlyList<string> mapping)
    {
        Format = format;
        Headers = System.Text.Json.JsonSerializer.Serialize(headers);
        SetMapping(mapping);
    }

    public void SetMapping(IReadOnlyList<string> mapping)
    {
        if (IsActive)
        {
            throw new DomainException("Cet import est en cours : attendez sa fin ou annulez-le pour changer les colonnes.");
        }

        Mapping = System.Text.Json.JsonSerializer.Serialize(mapping);
    }

    public IReadOnlyList<string> HeaderList => System.Text.Json.JsonSerializer.Deserialize<string[]>(Headers) ?? [];

    public IReadOnlyList<string> MappingList => System.Text.Json.JsonSerializer.Deserialize<string[]>(Mapping) ?? [];

    public void Enqueue(bool dryRun)
    {
        if (IsActive)
        {
            throw new DomainException("Cet import est déjà en cours.");
        }

        if (Status == ImportStatus.Succeeded)
        {
            throw new DomainException("Ce fichier a déjà été importé ; déposez-le à nouveau pour un nouvel import.");
        }

        DryRun = dryRun;
        Status = ImportStatus.Queued;
        Message = null;
        StartedAt = FinishedAt = null;
        RowsRead = Created = Updated = Unchanged = Skipped = ProblemCount = 0;
        RowsPerSecond = 0;
    }

    public void Start(DateTime at)
    {
        Status = ImportStatus.Running;
        StartedAt = at;
    }

    public void Finish(ImportOutcome outcome, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        RowsRead = outcome.RowsRead;
        Created = outcome.Created;
        Updated = outcome.Updated;
        Unchanged = outcome.Unchanged;
        Skipped = outcome.Skipped;
        ProblemCount = outcome.Problems.Count;
        RowsPerSecond = Math.Round(outcome.RowsPerSecond, 1);
        FinishedAt = at;
        if (outcome.Problems.Count > 0)
        {
            Status = ImportStatus.Failed;
            Message = DryRun
                ? $"La vérification a trouvé {outcome.Problems.Count} problème(s) : corrigez le fichier puis déposez-le à nouveau."
                : $"Rien n'a été importé : le fichier a {outcome.Problems.Count} problème(s). Corrigez-les puis déposez-le à nouveau.";
        }
        else
        {
            Status = DryRun ? ImportStatus.Checked : ImportStatus.Succeeded;
            Message = null;
        }
    }

    public void Fail(ImportStatus status, string message, DateTime at)
    {
        Status = status;
        Message = message.Length > MessageMaxLength ? message[..MessageMaxLength] : message;
        FinishedAt = at;
    }

    public void Cancel(DateTime at)
    {
        if (!IsActive)
        {
            throw new DomainException("Cet import n'est pas en cours : il n'y a rien à annuler.");
        }

        Fail(ImportStatus.Cancelled, "Import annulé : rien n'a été enregistré.", at);
    }
}

/// <summary>One problem of a file, at its line and column; a file can have a hundred thousand, so they are paged.</summary>
public sealed class ImportProblem
{
    public const int ColumnMaxLength = 300;

    private ImportProblem()
    {
    }

    public ImportProblem(Guid importId, int line, string? column, string message)
    {
        ImportId = importId;
        Line = line;
        Column = column is { Length: > ColumnMaxLength } ? column[..ColumnMaxLength] : column;
        Message = message.Length > Import.MessageMaxLength ? message[..Import.MessageMaxLength] : message;
    }

    public long Id { get; private set; }
    public Guid ImportId { get; private set; }
    public int Line { get; private set; }
    public string? Column { get; private set; }
    public string Message { get; private set; } = "";
}

/// <summary>How a territory matched a header last time ("N° SIRET" → siret, "Commentaire interne" → ignored).</summary>
public sealed class ImportColumnChoice
{
    public const int HeaderKeyMaxLength = 300;

    private ImportColumnChoice()
    {
    }

    public ImportColumnChoice(Guid territoryId, string headerKey, string columnKey)
    {
        TerritoryId = territoryId;
        HeaderKey = headerKey;
        ColumnKey = columnKey;
    }

    public Guid TerritoryId { get; private set; }
    public string HeaderKey { get; private set; } = "";

    /// <summary>An actor column's key, or "" when the header is to be ignored.</summary>
    public string ColumnKey { get; set; } = "";
}
