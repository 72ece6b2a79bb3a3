using System.Security.Claims;
using Maillage.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Imports;

/// <summary>
/// An uploaded file becomes an <see cref="Import"/>: kept on disk for the background run, its headers read and its
/// columns matched. A file that cannot be read is refused at once with its French reason, and nothing is kept.
/// </summary>
public static class ImportUploads
{
    /// <summary>No row cap; this bounds only the upload (a million-row CSV is about 200 MB).</summary>
    public const long MaxFileBytes = 2L * 1024 * 1024 * 1024;

    public static async Task<Import> CreateAsync(AppDbContext db, ImportFiles files, TimeProvider time, Guid territoryId, IFormFile file,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(user);
        var fileName = Path.GetFileName(file.FileName);
        var import = new Import(territoryId, fileName.Length == 0 ? "fichier" : fileName, file.Length,
            user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name, time.GetUtcNow().UtcDateTime);
        await using (var content = file.OpenReadStream())
        {
            await files.SaveAsync(import.Id, content, cancellationToken);
        }

        try
        {
            using var source = SireneSource.Wrap(TabularFile.Open(files.PathOf(import.Id), import.FileName));
            var mapping = await ImportMapping.GuessAsync(db, territoryId, source.Headers, cancellationToken);
            import.Describe(source.Description, source.Headers, mapping);
        }
        catch
        {
            files.Delete(import.Id);
            throw;
        }

        db.Imports.Add(import);
        await db.SaveChangesAsync(cancellationToken);
        return import;
    }

    /// <summary>Sets the columns, remembers them for the territory and queues a check or an import.</summary>
    public static async Task StartAsync(AppDbContext db, ImportJobs jobs, Import import, IReadOnlyList<string>? mapping, bool dryRun,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(import);
        if (mapping is not null)
        {
            import.SetMapping(mapping);
        }

        await ImportMapping.RememberAsync(db, import.TerritoryId, import.HeaderList, import.MappingList, cancellationToken);
        import.Enqueue(dryRun);
        await db.ImportProblems.Where(p => p.ImportId == import.Id).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        jobs.Enqueue(import.Id);
    }

    /// <summary>Cancels a queued import at once, a running one through its job; false when it was not active.</summary>
    public static async Task<bool> CancelAsync(AppDbContext db, ImportJobs jobs, TimeProvider time, Import import, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(import);
        if (!import.IsActive)
        {
            return false;
        }

        if (import.Status == ImportStatus.Queued || !jobs.Cancel(import.Id))
        {
            import.Cancel(time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }
}
