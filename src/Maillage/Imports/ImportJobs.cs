using System.Collections.Concurrent;
using System.Threading.Channels;
using Maillage.Data;
using Maillage.Territories.Reference;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Imports;

/// <summary>Where uploaded files wait for their import, under the data directory; removed once imported.</summary>
public sealed class ImportFiles(string directory)
{
    public string PathOf(Guid importId) => Path.Combine(directory, importId.ToString("N") + ".fichier");

    public async Task<string> SaveAsync(Guid importId, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        Directory.CreateDirectory(directory);
        var path = PathOf(importId);
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await content.CopyToAsync(file, cancellationToken);
        return path;
    }

    public void Delete(Guid importId)
    {
        try
        {
            File.Delete(PathOf(importId));
        }
        catch (IOException)
        {
            // Kept by a reader still closing: it is overwritten by nothing and removed with the data directory.
        }
    }
}

/// <summary>
/// Runs imports in the background, one at a time, from a queue in memory whose truth is the database: at start,
/// queued imports are queued again and an import found running — the server stopped in its middle, its
/// transaction never committed — is marked interrupted. Progress is kept in memory for the progress bar.
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, ImportFiles files, TimeProvider time, ILogger<ImportJobs> logger) : BackgroundService
{
    public const string InterruptedMessage =
        "L'import a été interrompu par un arrêt du serveur : la transaction n'a pas été validée, rien n'a été enregistré. Relancez-le.";

    private readonly Channel<Guid> _queue = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, (CancellationTokenSource Cancel, ImportProgress Progress)> _running = new();

    public void Enqueue(Guid importId) => _queue.Writer.TryWrite(importId);

    public ImportProgress? ProgressOf(Guid importId) => _running.TryGetValue(importId, out var job) ? job.Progress : null;

    /// <summary>Asks a running import to stop; its transaction is rolled back. False when it is not running here.</summary>
    public bool Cancel(Guid importId)
    {
        if (!_running.TryGetValue(importId, out var job))
        {
            return false;
        }

        job.Cancel.Cancel();
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RecoverAsync(stoppingToken);
        await foreach (var id in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            await RunAsync(id, stoppingToken);
        }
    }

    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var import in await db.Imports.Where(i => i.Status == ImportStatus.Running).ToListAsync(cancellationToken))
        {
            import.Fail(ImportStatus.Interrupted, InterruptedMessage, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var id in await db.Imports.Where(i => i.Status == ImportStatus.Queued).OrderBy(i => i.CreatedAt).Select(i => i.Id).ToListAsync(cancellationToken))
        {
            Enqueue(id);
        }
    }

    private async Task RunAsync(Guid importId, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var import = await db.Imports.SingleOrDefaultAsync(i => i.Id == importId, stoppingToken);
        if (import is not { Status: ImportStatus.Queued })
        {
            return;
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var progress = new ImportProgress();
        _running[importId] = (cancel, progress);
        try
        {
            import.Start(time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(stoppingToken);
            var outcome = await ImportAsync(import, progress, cancel.Token);
            import.Finish(outcome, time.GetUtcNow().UtcDateTime);
            await SaveProblemsAsync(db, import.Id, outcome.Problems, stoppingToken);
            if (outcome.Committed)
            {
                files.Delete(import.Id);
            }
        }
        catch (ImportFileException e)
        {
            import.Fail(ImportStatus.Failed, e.Message, time.GetUtcNow().UtcDateTime);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            import.Fail(ImportStatus.Interrupted, InterruptedMessage, time.GetUtcNow().UtcDateTime);
        }
        catch (OperationCanceledException)
        {
            import.Fail(ImportStatus.Cancelled, "Import annulé : la transaction a été abandonnée, rien n'a été enregistré.", time.GetUtcNow().UtcDateTime);
        }
#pragma warning disable CA1031 // A failed import is reported on the import itself; the worker goes on with the next one.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogError(e, "Import {ImportId} failed", importId);
            import.Fail(ImportStatus.Failed, "Erreur inattendue pendant l'import : rien n'a été enregistré. L'erreur a été journalisée.", time.GetUtcNow().UtcDateTime);
        }
        finally
        {
            _running.TryRemove(importId, out _);
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task<ImportOutcome> ImportAsync(Import import, ImportProgress progress, CancellationToken cancellationToken)
    {
        // Its own scope: the importer's transaction must not carry the import's own row.
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var path = files.PathOf(import.Id);
        if (!File.Exists(path))
        {
            throw new ImportFileException("Le fichier de cet import n'est plus disponible : déposez-le à nouveau.");
        }

        using var source = SireneSource.Wrap(TabularFile.Open(path, import.FileName));
        var importer = new ActorImporter(db, scope.ServiceProvider.GetRequiredService<InseeReference>(), time);
        return await importer.RunAsync(import.TerritoryId, source, import.MappingList, new ImportRunOptions
        {
            DryRun = import.DryRun,
            ImportId = import.Id,
            UserId = import.UserId,
            UserName = import.UserName,
            Progress = progress,
        }, cancellationToken);
    }

    private static async Task SaveProblemsAsync(AppDbContext db, Guid importId, IReadOnlyList<ImportProblemInfo> problems, CancellationToken cancellationToken)
    {
        await db.ImportProblems.Where(p => p.ImportId == importId).ExecuteDeleteAsync(cancellationToken);
        foreach (var batch in problems.Chunk(5000))
        {
            db.ImportProblems.AddRange(batch.Select(p => new ImportProblem(importId, p.Line, p.Column, p.Message)));
            await db.SaveChangesAsync(cancellationToken);
            foreach (var entry in db.ChangeTracker.Entries<ImportProblem>().ToList())
            {
                entry.State = EntityState.Detached;
            }
        }
    }
}

public static class ImportsSetup
{
    public static IServiceCollection AddImports(this IServiceCollection services, IConfiguration configuration)
    {
        var dataDirectory = configuration[MaillageOptions.Section + ":DataDirectory"] ?? new MaillageOptions().DataDirectory;
        services.AddSingleton(new ImportFiles(Path.Combine(dataDirectory, "imports")));
        services.AddSingleton<ImportJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportJobs>());
        return services;
    }
}
