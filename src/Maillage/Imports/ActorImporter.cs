using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Maillage.Actors;
using Maillage.Actors.Transfer;
using Maillage.Data;
using Maillage.Territories;
using Maillage.Territories.Reference;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Maillage.Imports;

public sealed record ImportOutcome(long RowsRead, long Created, long Updated, long Unchanged, long Skipped,
    IReadOnlyList<ImportProblemInfo> Problems, double RowsPerSecond, bool Committed);

public sealed class ImportRunOptions
{
    /// <summary>Check only: every row is read and checked, nothing is written.</summary>
    public bool DryRun { get; init; }

    public string? UserId { get; init; }
    public string? UserName { get; init; }

    /// <summary>The import's id, written in the territory's history.</summary>
    public Guid? ImportId { get; init; }

    public ImportProgress? Progress { get; init; }

    /// <summary>
    /// Called inside the import's transaction once the actors a chunk designates are read, before they are written (with
    /// their ids): lets a test play the other user who saves one of them meanwhile.
    /// </summary>
    internal Func<DbConnection, DbTransaction, IReadOnlyCollection<Guid>, Task>? ChunkRead { get; init; }
}

/// <summary>
/// Brings a file's rows into a territory's directory, all or nothing. Each row becomes an <see cref="Actor"/>
/// through the entity's own verbs (same checks, same French messages, same name key and search text), is matched
/// to an existing actor by SIRET, SIREN, RNA, external id or — for rows without any identifier — exact name, and
/// is then written without EF's change tracking: chunks of rows, prepared multi-row INSERTs on SQLite, binary
/// COPY on PostgreSQL, one transaction for the whole file. A row identical to the actor it matches is left alone
/// (no new version), so importing the same file twice changes nothing. One history entry per import.
/// See docs/decisions/0010-imports.md.
/// </summary>
public sealed class ActorImporter(AppDbContext db, InseeReference reference, TimeProvider time)
{
    public const int ChunkSize = 2000;

    private readonly AppDbContext _db = db;
    private readonly InseeReference _reference = reference;
    private readonly TimeProvider _time = time;

    /// <summary>Beyond this many problems the reading stops: the file is clearly not the expected one.</summary>
    public const int MaxProblems = 200_000;

    internal static readonly BulkColumn[] ActorTableColumns =
    [
        new("Id", BulkKind.Guid), new("TerritoryId", BulkKind.Guid), new("Name", BulkKind.Text), new("NameKey", BulkKind.Text),
        new("Acronym", BulkKind.Text), new("Family", BulkKind.Int), new("Subtype", BulkKind.Text), new("ExternalId", BulkKind.Text),
        new("Siren", BulkKind.Text), new("Siret", BulkKind.Text), new("Rna", BulkKind.Text), new("NafCode", BulkKind.Text),
        new("NafVersion", BulkKind.Text), new("WorkforceBand", BulkKind.Text), new("AddressLine1", BulkKind.Text),
        new("AddressLine2", BulkKind.Text), new("PostalCode", BulkKind.Text), new("CommuneCode", BulkKind.Text),
        new("PerimeterCodes", BulkKind.Text), new("CompetenceLabels", BulkKind.Text), new("Modes", BulkKind.Int),
        new("CollaborativeLogic", BulkKind.Text), new("Website", BulkKind.Text), new("Notes", BulkKind.Text),
        new("SearchText", BulkKind.Text), new("CreatedAt", BulkKind.Instant), new("CreatedBy", BulkKind.Text),
        new("UpdatedAt", BulkKind.Instant), new("UpdatedBy", BulkKind.Text), new("Version", BulkKind.Long),
    ];

    private static readonly BulkColumn[] LinkColumns = [new("ActorId", BulkKind.Guid), new("CompetenceId", BulkKind.Guid)];

    private static readonly BulkColumn[] CompetenceColumns =
    [
        new("Id", BulkKind.Guid), new("TerritoryId", BulkKind.Guid), new("Label", BulkKind.Text), new("Key", BulkKind.Text),
        new("CreatedAt", BulkKind.Instant), new("CreatedBy", BulkKind.Text), new("UpdatedAt", BulkKind.Instant),
        new("UpdatedBy", BulkKind.Text), new("Version", BulkKind.Long),
    ];

    /// <summary>The field named at the start of a domain message ("SIRET : …") and the column it comes from.</summary>
    private static readonly Dictionary<string, string> FieldColumns = new(StringComparer.Ordinal)
    {
        ["Nom"] = ActorColumns.Name, ["Sigle"] = ActorColumns.Acronym, ["Famille"] = ActorColumns.Family,
        ["Sous-type"] = ActorColumns.Subtype, ["SIREN"] = ActorColumns.Siren, ["SIRET"] = ActorColumns.Siret, ["RNA"] = ActorColumns.Rna,
        ["Identifiant externe"] = ActorColumns.ExternalId, ["Code NAF"] = ActorColumns.Naf, ["Nomenclature NAF"] = ActorColumns.NafVersion,
        ["Tranche d'effectif"] = ActorColumns.WorkforceBand, ["Adresse"] = ActorColumns.AddressLine1,
        ["Complément d'adresse"] = ActorColumns.AddressLine2, ["Code postal"] = ActorColumns.PostalCode, ["Commune"] = ActorColumns.CommuneCode,
        ["Compétences"] = ActorColumns.Competences, ["Modes d'intervention"] = ActorColumns.Modes,
        ["Logique collaborative"] = ActorColumns.CollaborativeLogic, ["Site web"] = ActorColumns.Website, ["Notes"] = ActorColumns.Notes,
    };

    public async Task<ImportOutcome> RunAsync(Guid territoryId, TabularSource source, IReadOnlyList<string> mapping, ImportRunOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        using var run = new Run(this, territoryId, source, mapping, options);
        run.Problems.AddRange(source.LayoutProblems);
        run.Problems.AddRange(ImportMapping.Check(source.Headers, mapping, source.Line));
        if (run.Problems.Count > 0 && run.Problems.Any(p => p.Line == source.Line && p.Column is null))
        {
            // Without its required columns no row can be understood: say so once rather than on every line.
            return run.Outcome(clock, committed: false);
        }

        await _db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await _db.Database.BeginTransactionAsync(cancellationToken);
            await run.LoadAsync(transaction, cancellationToken);
            var chunk = new List<SourceRow>(ChunkSize);
            while (run.Problems.Count < MaxProblems)
            {
                chunk.Clear();
                while (chunk.Count < ChunkSize && source.Read())
                {
                    chunk.Add(new SourceRow(source.Line, [.. source.Cells], source.CellCount));
                }

                if (chunk.Count == 0)
                {
                    break;
                }

                cancellationToken.ThrowIfCancellationRequested();
                await run.ProcessAsync(chunk, cancellationToken);
                options.Progress?.Report(run.RowsRead, source.Fraction);
            }

            if (run.Problems.Count >= MaxProblems)
            {
                run.Problems.Add(new ImportProblemInfo(source.Line, null,
                    $"Lecture arrêtée à la ligne {source.Line} après {MaxProblems} problèmes : vérifiez qu'il s'agit du bon fichier et de la bonne correspondance des colonnes."));
            }

            run.Skipped = SireneSource.CeasedOf(source);
            var commit = run.Problems.Count == 0 && !options.DryRun;
            if (commit)
            {
                await run.WriteHistoryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            else
            {
                await transaction.RollbackAsync(cancellationToken);
            }

            return run.Outcome(clock, commit);
        }
        finally
        {
            await _db.Database.CloseConnectionAsync();
        }
    }

    private readonly record struct SourceRow(int Line, string?[] Cells, int CellCount);

    private readonly record struct PendingUpdate(int Line, Guid Id, long Version, Actor Actor, bool Relink);

    private sealed class Run : IDisposable
    {
        private readonly ActorImporter _owner;
        private readonly Guid _territoryId;
        private readonly TabularSource _source;
        private readonly ImportRunOptions _options;
        private readonly Dictionary<string, int> _columnIndex = new(StringComparer.Ordinal);
        private readonly PerimeterResolver _perimeters;
        private readonly DateTime _now;

        private readonly Dictionary<string, Guid> _bySiret = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Guid> _bySiren = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Guid> _byRna = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Guid> _byExternalId = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Guid?> _byName = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _fileKeys = new(StringComparer.Ordinal);
        private readonly Dictionary<Guid, int> _matched = [];
        private readonly Dictionary<string, Competence> _competences = new(StringComparer.Ordinal);
        private readonly List<Competence> _newCompetences = [];
        private SubtypeCatalog _catalog = SubtypeCatalog.DefaultsOnly;
        private BulkTable? _actors;
        private BulkTable? _links;
        private BulkTable? _competenceTable;
        private DbCommand? _update;
        private DbCommand? _unlink;
        private DbTransaction? _transaction;

        public Run(ActorImporter owner, Guid territoryId, TabularSource source, IReadOnlyList<string> mapping, ImportRunOptions options)
        {
            _owner = owner;
            _territoryId = territoryId;
            _source = source;
            _options = options;
            _perimeters = new PerimeterResolver(owner._reference);
            _now = owner._time.GetUtcNow().UtcDateTime;
            for (var i = 0; i < mapping.Count; i++)
            {
                if (mapping[i].Length > 0)
                {
                    _columnIndex.TryAdd(mapping[i], i);
                }
            }
        }

        public List<ImportProblemInfo> Problems { get; } = [];

        public long RowsRead { get; private set; }
        public long Created { get; private set; }
        public long Updated { get; private set; }
        public long Unchanged { get; private set; }
        public long Skipped { get; set; }

        private AppDbContext Db => _owner._db;

        public void Dispose()
        {
            _actors?.Dispose();
            _links?.Dispose();
            _competenceTable?.Dispose();
            _update?.Dispose();
            _unlink?.Dispose();
        }

        public ImportOutcome Outcome(Stopwatch clock, bool committed) =>
            new(RowsRead, Created, Updated, Unchanged, Skipped, Problems,
                clock.Elapsed.TotalSeconds < 0.001 ? RowsRead : RowsRead / clock.Elapsed.TotalSeconds, committed);

        public async Task LoadAsync(IDbContextTransaction transaction, CancellationToken cancellationToken)
        {
            _transaction = transaction.GetDbTransaction();
            _catalog = await SubtypeCatalog.LoadAsync(Db, _territoryId, cancellationToken);
            foreach (var competence in await Db.Competences.AsNoTracking().Where(c => c.TerritoryId == _territoryId).ToListAsync(cancellationToken))
            {
                _competences[competence.Key] = competence;
            }

            // The territory's identifiers, once: every row is then matched in memory, without a query per row.
            var known = await Db.Actors.AsNoTracking().Where(a => a.TerritoryId == _territoryId)
                .Select(a => new { a.Id, a.Siret, a.Siren, a.Rna, a.ExternalId, a.NameKey })
                .ToListAsync(cancellationToken);
            foreach (var actor in known)
            {
                if (actor.Siret is not null)
                {
                    _bySiret.TryAdd(actor.Siret, actor.Id);
                }
                else if (actor.Siren is not null)
                {
                    _bySiren.TryAdd(actor.Siren, actor.Id);
                }

                if (actor.Rna is not null)
                {
                    _byRna.TryAdd(actor.Rna, actor.Id);
                }

                if (actor.ExternalId is not null)
                {
                    _byExternalId.TryAdd(actor.ExternalId, actor.Id);
                }

                if (actor.Siret is null && actor.Siren is null && actor.Rna is null && actor.ExternalId is null)
                {
                    _byName[actor.NameKey] = _byName.ContainsKey(actor.NameKey) ? null : actor.Id;
                }
            }

            var connection = Db.Database.GetDbConnection();
            _actors = BulkTable.For(connection, _transaction, "Actors", ActorTableColumns);
            _links = BulkTable.For(connection, _transaction, "ActorCompetences", LinkColumns);
            _competenceTable = BulkTable.For(connection, _transaction, "Competences", CompetenceColumns);
        }

        public async Task ProcessAsync(List<SourceRow> rows, CancellationToken cancellationToken)
        {
            var matches = new Guid?[rows.Count];
            var rowOk = new bool[rows.Count];
            for (var r = 0; r < rows.Count; r++)
            {
                RowsRead++;
                rowOk[r] = CheckShape(rows[r]) && Match(rows[r], out matches[r]);
            }

            var ids = matches.OfType<Guid>().ToList();
            var existing = ids.Count == 0
                ? []
                : await Db.Actors.AsNoTracking().Where(a => a.TerritoryId == _territoryId && ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
            if (_options.ChunkRead is { } chunkRead)
            {
                await chunkRead(Db.Database.GetDbConnection(), _transaction!, ids);
            }

            var updates = new List<PendingUpdate>();
            for (var r = 0; r < rows.Count; r++)
            {
                if (!rowOk[r])
                {
                    continue;
                }

                var row = rows[r];
                var current = matches[r] is { } id ? existing.GetValueOrDefault(id) : null;
                var actor = Build(row, current, out var failed);
                if (failed)
                {
                    continue;
                }

                if (actor.ExternalId is { } externalId)
                {
                    var owner = _byExternalId.GetValueOrDefault(externalId);
                    if (owner != Guid.Empty && owner != (current?.Id ?? actor.Id))
                    {
                        Add(row.Line, ActorColumns.ExternalId,
                            $"« {externalId} » est déjà l'identifiant externe d'un autre acteur du territoire (il doit être unique).");
                        continue;
                    }

                    _byExternalId[externalId] = current?.Id ?? actor.Id;
                }

                if (current is null)
                {
                    Created++;
                    if (Problems.Count == 0 && !_options.DryRun)
                    {
                        AddActorRow(actor);
                        _pendingActors.Add(actor);
                    }
                }
                else if (ActorColumns.All.All(c => string.Equals(c.Read(current), c.Read(actor), StringComparison.Ordinal)))
                {
                    Unchanged++;
                }
                else
                {
                    Updated++;
                    if (Problems.Count == 0 && !_options.DryRun)
                    {
                        updates.Add(new PendingUpdate(row.Line, current.Id, current.Version, actor,
                            !string.Equals(current.CompetenceLabels, actor.CompetenceLabels, StringComparison.Ordinal)));
                    }
                }
            }

            if (Problems.Count == 0 && !_options.DryRun)
            {
                await FlushAsync(updates, cancellationToken);
            }
        }

        public async Task WriteHistoryAsync(CancellationToken cancellationToken)
        {
            if (Created + Updated == 0)
            {
                return;
            }

            var changes = new List<AuditChange>
            {
                new("Fichier", null, _source.Description),
                new("Créés", null, Created.ToString(CultureInfo.InvariantCulture)),
                new("Modifiés", null, Updated.ToString(CultureInfo.InvariantCulture)),
                new("Inchangés", null, Unchanged.ToString(CultureInfo.InvariantCulture)),
            };
            var entry = new AuditEntry
            {
                EntityType = nameof(Import),
                EntityKey = (_options.ImportId ?? Guid.CreateVersion7()).ToString(),
                Action = AuditAction.Created,
                Version = 1,
                At = _now,
                UserId = _options.UserId,
                UserName = _options.UserName,
                Changes = JsonSerializer.Serialize(changes),
            };
            entry.ScopeTo(_territoryId);
            Db.AuditEntries.Add(entry);
            await Db.SaveChangesAsync(cancellationToken);
        }

        private bool CheckShape(SourceRow row)
        {
            var width = _source.Headers.Count;
            if (row.CellCount > width || (_source.FixedWidth && row.CellCount < width))
            {
                Problems.Add(new ImportProblemInfo(row.Line, null,
                    $"Ligne {row.Line} : {row.CellCount} cellule(s) alors que la ligne d'en-têtes a {width} colonnes. " +
                    "Une cellule est sans doute décalée (un séparateur en trop ou en moins, un retour à la ligne hors guillemets)."));
                return false;
            }

            return true;
        }

        /// <summary>The actor this row designates, and the row's own identity in the file to find duplicated rows.</summary>
        private bool Match(SourceRow row, out Guid? id)
        {
            id = null;
            var siret = Clean(Cell(row, ActorColumns.Siret));
            var siren = Clean(Cell(row, ActorColumns.Siren)) ?? (siret is { Length: 14 } ? siret[..9] : null);
            var rna = Clean(Cell(row, ActorColumns.Rna));
            var externalId = Cell(row, ActorColumns.ExternalId);
            string key, column, label;
            if (siret is not null)
            {
                (key, column, label) = ("siret:" + siret, ActorColumns.Siret, "même SIRET « " + siret + " »");
                id = Found(_bySiret, siret) ?? Found(_bySiren, siren);
            }
            else if (siren is not null)
            {
                (key, column, label) = ("siren:" + siren, ActorColumns.Siren, "même SIREN « " + siren + " » (sans SIRET)");
                id = Found(_bySiren, siren);
            }
            else if (rna is not null)
            {
                (key, column, label) = ("rna:" + rna, ActorColumns.Rna, "même RNA « " + rna + " »");
                id = Found(_byRna, rna);
            }
            else if (externalId is not null)
            {
                (key, column, label) = ("ext:" + externalId, ActorColumns.ExternalId, "même identifiant externe « " + externalId + " »");
                id = Found(_byExternalId, externalId);
            }
            else
            {
                var name = TextKey.Normalize(Cell(row, ActorColumns.Name));
                if (name.Length == 0)
                {
                    return true;
                }

                (key, column, label) = ("name:" + name, ActorColumns.Name, "même nom, sans SIRET, SIREN, RNA ni identifiant externe,");
                id = _byName.TryGetValue(name, out var byName) ? byName : null;
            }

            id ??= Found(_byRna, rna) ?? Found(_byExternalId, externalId);
            if (_fileKeys.TryGetValue(key, out var first))
            {
                Add(row.Line, column, $"{label} qu'à la ligne {first} : une structure ne doit figurer qu'une fois dans le fichier.");
                return false;
            }

            _fileKeys[key] = row.Line;
            if (id is { } matched && !_matched.TryAdd(matched, row.Line))
            {
                Add(row.Line, column, $"cette ligne désigne le même acteur que la ligne {_matched[matched]} : une structure ne doit figurer qu'une fois dans le fichier.");
                return false;
            }

            return true;
        }

        private static Guid? Found(Dictionary<string, Guid> map, string? key) =>
            key is not null && map.TryGetValue(key, out var id) ? id : null;

        private static string? Clean(string? value) => value is null ? null : Identifiers.Clean(value) is { Length: > 0 } clean ? clean : null;

        /// <summary>The row as an actor, through the entity's verbs; an unmapped column keeps the current actor's value.</summary>
        private Actor Build(SourceRow row, Actor? current, out bool failed)
        {
            var before = Problems.Count;
            string? Value(string key) =>
                _columnIndex.ContainsKey(key) ? Cell(row, key) : current is null ? null : ActorColumns.Get(key).Read(current);

            var actor = new Actor(_territoryId, "x", null, ActorFamily.Entreprises);
            Try(row, ActorColumns.Name, () => actor.Rename(Value(ActorColumns.Name) ?? "", Value(ActorColumns.Acronym)));
            var familyCode = Value(ActorColumns.Family);
            if (familyCode is null)
            {
                Add(row.Line, ActorColumns.Family, $"la famille est obligatoire ({ActorFamilies.ExpectedCodes}).");
            }
            else
            {
                Try(row, ActorColumns.Family, () => actor.Classify(ActorFamilies.Parse(familyCode), Value(ActorColumns.Subtype), _catalog));
            }

            Try(row, ActorColumns.Siret, () => actor.SetIdentifiers(Value(ActorColumns.Siren), Value(ActorColumns.Siret), Value(ActorColumns.Rna)));
            Try(row, ActorColumns.ExternalId, () => actor.SetExternalId(Value(ActorColumns.ExternalId)));
            Try(row, ActorColumns.Naf, () => actor.SetActivity(Value(ActorColumns.Naf), Value(ActorColumns.NafVersion),
                Pad(Value(ActorColumns.WorkforceBand), 2)));
            Try(row, ActorColumns.AddressLine1, () => actor.SetAddress(Value(ActorColumns.AddressLine1), Value(ActorColumns.AddressLine2),
                Pad(Value(ActorColumns.PostalCode), 5), Pad(Value(ActorColumns.CommuneCode), 5), _owner._reference));
            if (Value(ActorColumns.Perimeter) is { } perimeter)
            {
                Try(row, ActorColumns.Perimeter, () => actor.SetPerimeter(
                    _perimeters.Resolve(perimeter.Split([' ', ',', ';', '\t'], StringSplitOptions.RemoveEmptyEntries))));
            }

            if (Value(ActorColumns.Competences) is { } labels)
            {
                Try(row, ActorColumns.Competences, () => actor.SetCompetences(ResolveCompetences(labels)));
            }

            if (Value(ActorColumns.Modes) is { } modes)
            {
                Try(row, ActorColumns.Modes, () =>
                {
                    var parsed = InterventionModeCodes.Parse(modes.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), out var unknown);
                    if (unknown.Count > 0)
                    {
                        throw new DomainException($"Modes d'intervention : « {string.Join(", ", unknown)} » inconnu ({InterventionModeCodes.ExpectedCodes}).");
                    }

                    actor.SetModes(parsed);
                });
            }

            Try(row, ActorColumns.Notes, () => actor.Describe(Value(ActorColumns.CollaborativeLogic), Value(ActorColumns.Website), Value(ActorColumns.Notes)));
            failed = Problems.Count > before;
            return actor;
        }

        private List<Competence> ResolveCompetences(string labels)
        {
            var result = new List<Competence>();
            foreach (var label in labels.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var clean = Competence.CleanLabel(label);
                var key = TextKey.Normalize(clean);
                if (!_competences.TryGetValue(key, out var competence))
                {
                    competence = new Competence(_territoryId, clean);
                    _competences[key] = competence;
                    _newCompetences.Add(competence);
                }

                result.Add(competence);
            }

            return result;
        }

        /// <summary>A spreadsheet's number lost its one leading zero (01000 → 1000): put it back.</summary>
        private static string? Pad(string? value, int length) =>
            value is { Length: > 0 } && value.Length == length - 1 && value.All(char.IsAsciiDigit) ? "0" + value : value;

        private string? Cell(SourceRow row, string key)
        {
            if (!_columnIndex.TryGetValue(key, out var index) || index >= row.Cells.Length)
            {
                return null;
            }

            var value = row.Cells[index];
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        private void Try(SourceRow row, string defaultColumn, Action apply)
        {
            try
            {
                apply();
            }
            catch (DomainException e)
            {
                var message = e.Message;
                var column = defaultColumn;
                var colon = message.IndexOf(" : ", StringComparison.Ordinal);
                if (colon > 0 && FieldColumns.TryGetValue(message[..colon], out var named))
                {
                    column = named;
                    message = message[(colon + 3)..];
                }

                Add(row.Line, column, message);
            }
        }

        private void Add(int line, string column, string message)
        {
            var header = _columnIndex.TryGetValue(column, out var index) ? _source.Headers[index] : ActorColumns.Get(column).Header;
            Problems.Add(new ImportProblemInfo(line, header, $"Ligne {line}, colonne « {header} » : {message}"));
        }

        private void AddActorRow(Actor a) =>
            _actors!.Add(a.Id, _territoryId, a.Name, a.NameKey, a.Acronym, (int)a.Family, a.Subtype, a.ExternalId, a.Siren, a.Siret, a.Rna,
                a.NafCode, a.NafVersion, a.WorkforceBand, a.AddressLine1, a.AddressLine2, a.PostalCode, a.CommuneCode, a.PerimeterCodes,
                a.CompetenceLabels, (int)a.Modes, a.CollaborativeLogic, a.Website, a.Notes, a.SearchText, _now, _options.UserName, _now,
                _options.UserName, 1L);

        private async Task FlushAsync(List<PendingUpdate> updates, CancellationToken cancellationToken)
        {
            foreach (var competence in _newCompetences)
            {
                _competenceTable!.Add(competence.Id, _territoryId, competence.Label, competence.Key, _now, _options.UserName, _now, _options.UserName, 1L);
            }

            _newCompetences.Clear();
            await _competenceTable!.FlushAsync(cancellationToken);
            foreach (var row in ActorRowsPending())
            {
                foreach (var link in row.CompetenceLinks)
                {
                    _links!.Add(row.Id, link.CompetenceId);
                }
            }

            _pendingActors.Clear();
            await _actors!.FlushAsync(cancellationToken);
            foreach (var (line, id, version, actor, relink) in updates)
            {
                if (!await UpdateAsync(id, version, actor, cancellationToken))
                {
                    // Someone saved this actor after the import read it: all or nothing, the import stops here.
                    Problems.Add(new ImportProblemInfo(line, null,
                        $"Ligne {line} : l'acteur « {actor.Name} » a été modifié par quelqu'un d'autre pendant l'import ; rien n'a été importé. " +
                        "Relancez l'import : il partira de la version enregistrée."));
                    return;
                }

                if (relink)
                {
                    await UnlinkAsync(id, cancellationToken);
                    foreach (var link in actor.CompetenceLinks)
                    {
                        _links!.Add(id, link.CompetenceId);
                    }
                }
            }

            await _links!.FlushAsync(cancellationToken);
        }

        private readonly List<Actor> _pendingActors = [];

        private List<Actor> ActorRowsPending() => _pendingActors;

        /// <summary>Writes the actor's new values if its version is still the one read; false when someone saved it meanwhile.</summary>
        private async Task<bool> UpdateAsync(Guid id, long version, Actor a, CancellationToken cancellationToken)
        {
            var postgres = Db.Database.IsNpgsql();
            if (_update is null)
            {
                _update = Db.Database.GetDbConnection().CreateCommand();
                _update.Transaction = _transaction;
                var assignments = ActorTableColumns.Skip(2).Where(c => c.Name is not ("CreatedAt" or "CreatedBy" or "Version"))
                    .Select(c => $"{BulkTable.Quote(c.Name)} = @{c.Name}").ToList();
#pragma warning disable CA2100 // Fixed column names; values are parameters.
                _update.CommandText = $"UPDATE \"Actors\" SET {string.Join(", ", assignments)}, \"Version\" = \"Version\" + 1 WHERE \"Id\" = @Id AND \"Version\" = @ExpectedVersion";
#pragma warning restore CA2100
            }

            object?[] values =
            [
                id, null, a.Name, a.NameKey, a.Acronym, (int)a.Family, a.Subtype, a.ExternalId, a.Siren, a.Siret, a.Rna, a.NafCode, a.NafVersion,
                a.WorkforceBand, a.AddressLine1, a.AddressLine2, a.PostalCode, a.CommuneCode, a.PerimeterCodes, a.CompetenceLabels, (int)a.Modes,
                a.CollaborativeLogic, a.Website, a.Notes, a.SearchText, null, null, _now, _options.UserName, null,
            ];
            _update.Parameters.Clear();
            for (var c = 0; c < ActorTableColumns.Length; c++)
            {
                var column = ActorTableColumns[c];
                if (c == 1 || column.Name is "CreatedAt" or "CreatedBy" or "Version")
                {
                    continue;
                }

                var parameter = _update.CreateParameter();
                parameter.ParameterName = "@" + column.Name;
                parameter.Value = postgres ? values[c] ?? DBNull.Value : BulkTable.SqliteValue(values[c], column.Kind);
                _update.Parameters.Add(parameter);
            }

            var expected = _update.CreateParameter();
            expected.ParameterName = "@ExpectedVersion";
            expected.Value = version;
            _update.Parameters.Add(expected);
            return await _update.ExecuteNonQueryAsync(cancellationToken) == 1;
        }

        private async Task UnlinkAsync(Guid id, CancellationToken cancellationToken)
        {
            if (_unlink is null)
            {
                _unlink = Db.Database.GetDbConnection().CreateCommand();
                _unlink.Transaction = _transaction;
                _unlink.CommandText = "DELETE FROM \"ActorCompetences\" WHERE \"ActorId\" = @Id";
            }

            _unlink.Parameters.Clear();
            var parameter = _unlink.CreateParameter();
            parameter.ParameterName = "@Id";
            parameter.Value = Db.Database.IsNpgsql() ? id : BulkTable.SqliteValue(id, BulkKind.Guid);
            _unlink.Parameters.Add(parameter);
            await _unlink.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
