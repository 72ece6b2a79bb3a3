using System.Text.Json;
using Maillage.Actors.Transfer;
using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Imports;

public sealed record ImportProblemDto(int Line, string? Column, string Message);

public sealed record ImportDto(Guid Id, string FileName, long FileSize, string Format, string Status, bool DryRun, string? UserName,
    DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt, long RowsRead, long Created, long Updated, long Unchanged, long Skipped,
    long ProblemCount, double RowsPerSecond, double? Progress, double? SecondsLeft, string? Message, IReadOnlyDictionary<string, string> Mapping,
    IReadOnlyList<ImportProblemDto>? Problems);

/// <summary>The imports of a territory's actors: upload and start, follow, cancel, list (pilotes).</summary>
public static class ImportApi
{
    public static readonly string[] StatusCodes = ["brouillon", "en-attente", "en-cours", "verifie", "termine", "echoue", "annule", "interrompu"];

    public static string Code(this ImportStatus status) => StatusCodes[(int)status];

    public static RouteGroupBuilder MapImportApi(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/territories/{territoryId:guid}/imports").WithTags("Imports")
            .AddEndpointFilter<TerritoryEndpointFilter>().RequireTerritoryRole(TerritoryRole.Pilote);
        imports.MapPost("/", CreateAsync).DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(ImportUploads.MaxFileBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = ImportUploads.MaxFileBytes })
            .WithSummary("Importe des acteurs depuis un fichier (champ multipart « file » : .xlsx, .xls, .csv, fichier SIRENE de l'INSEE ou tableau JSON de l'export). " +
                         "« mapping » (facultatif) : objet JSON { en-tête du fichier : clé de colonne ou \"\" pour l'ignorer } ; sinon les colonnes sont devinées. " +
                         "« dryRun=true » vérifie sans rien écrire. Répond 202 avec l'import, qui se déroule en arrière-plan, tout ou rien.");
        imports.MapGet("/", ListAsync).WithSummary("Les imports du territoire, du plus récent au plus ancien (page, pageSize ≤ 100).");
        imports.MapGet("/{importId:guid}", GetAsync)
            .WithSummary("Un import : statut, compteurs, lignes par seconde, avancement, et ses problèmes (ligne, colonne, message) par pages (problemsPage, problemsPageSize ≤ 500).");
        imports.MapDelete("/{importId:guid}", CancelAsync).WithSummary("Annule un import en attente ou en cours : rien n'est enregistré.");
        imports.MapGet("/columns", () => TypedResults.Ok(ActorColumns.All.Select(c => new { c.Key, c.Header, c.Aliases, c.Description })))
            .WithSummary("Les colonnes de l'annuaire qu'un fichier peut remplir, leurs en-têtes reconnus et ce qu'elles contiennent.");
        return api;
    }

    private static async Task<IResult> CreateAsync(Guid territoryId, HttpContext http, AppDbContext db, ImportFiles files, ImportJobs jobs,
        TimeProvider time, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        // A browser session must prove the form is ours; a personal token cannot be sent by another site.
        if (http.Request.Headers.Authorization.Count == 0)
        {
            await antiforgery.ValidateRequestAsync(http);
        }

        if (!http.Request.HasFormContentType)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["file"] = ["Envoyez le fichier dans un formulaire multipart/form-data, champ « file »."] });
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file");
        if (file is null)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["file"] = ["Le fichier (champ « file ») est manquant."] });
        }

        var dryRun = form["dryRun"].ToString() is { Length: > 0 } flag && (flag.Equals("true", StringComparison.OrdinalIgnoreCase) || flag == "1");
        Dictionary<string, string>? wanted = null;
        if (form["mapping"].ToString() is { Length: > 0 } json)
        {
            try
            {
                wanted = JsonSerializer.Deserialize<Dictionary<string, string>>(json);
            }
            catch (JsonException)
            {
                return Problems.Validation(new Dictionary<string, string[]>
                {
                    ["mapping"] = ["« mapping » doit être un objet JSON { \"en-tête du fichier\" : \"clé de colonne\" }, par exemple { \"N° SIRET\" : \"siret\" }."],
                });
            }
        }

        Import import;
        try
        {
            import = await ImportUploads.CreateAsync(db, files, time, territoryId, file, http.User, cancellationToken);
        }
        catch (ImportFileException e)
        {
            return Problems.Unprocessable(e.Message);
        }

        List<string>? mapping = null;
        if (wanted is not null)
        {
            var headers = import.HeaderList;
            var unknown = wanted.Keys.Where(k => !headers.Contains(k, StringComparer.Ordinal)).ToList();
            if (unknown.Count > 0)
            {
                files.Delete(import.Id);
                db.Imports.Remove(import);
                await db.SaveChangesAsync(cancellationToken);
                return Problems.Validation(new Dictionary<string, string[]>
                {
                    ["mapping"] = [$"En-tête(s) absent(s) du fichier : {string.Join(", ", unknown.Select(u => "« " + u + " »"))}. En-têtes lus : {string.Join(", ", headers.Select(h => "« " + h + " »"))}."],
                });
            }

            mapping = [.. headers.Select((h, i) => wanted.TryGetValue(h, out var key) ? key : import.MappingList[i])];
        }

        await ImportUploads.StartAsync(db, jobs, import, mapping, dryRun, cancellationToken);
        return TypedResults.Accepted($"/api/v1/territories/{territoryId}/imports/{import.Id}", ToDto(import, jobs, null));
    }

    private static async Task<IResult> ListAsync(Guid territoryId, int? page, int? pageSize, AppDbContext db, ImportJobs jobs, CancellationToken cancellationToken)
    {
        if (page < 1 || pageSize is < 1 or > 100)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["page"] = ["page commence à 1 ; pageSize va de 1 à 100."] });
        }

        var size = pageSize ?? 20;
        var query = db.Imports.AsNoTracking().Where(i => i.TerritoryId == territoryId);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .Skip(((page ?? 1) - 1) * size).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new ListResult<ImportDto>([.. items.Select(i => ToDto(i, jobs, null))], total));
    }

    private static async Task<IResult> GetAsync(Guid territoryId, Guid importId, int? problemsPage, int? problemsPageSize, AppDbContext db, ImportJobs jobs,
        CancellationToken cancellationToken)
    {
        if (problemsPage < 1 || problemsPageSize is < 1 or > 500)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["problemsPage"] = ["problemsPage commence à 1 ; problemsPageSize va de 1 à 500."] });
        }

        var import = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == importId && i.TerritoryId == territoryId, cancellationToken);
        if (import is null)
        {
            return Problems.NotFound("Cet import n'existe pas dans ce territoire.");
        }

        var problems = await ProblemsPageAsync(db, importId, problemsPage ?? 1, problemsPageSize ?? 100, cancellationToken);
        return TypedResults.Ok(ToDto(import, jobs, problems));
    }

    private static async Task<IResult> CancelAsync(Guid territoryId, Guid importId, AppDbContext db, ImportJobs jobs, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var import = await db.Imports.SingleOrDefaultAsync(i => i.Id == importId && i.TerritoryId == territoryId, cancellationToken);
        if (import is null)
        {
            return Problems.NotFound("Cet import n'existe pas dans ce territoire.");
        }

        if (!await ImportUploads.CancelAsync(db, jobs, time, import, cancellationToken))
        {
            return Problems.Unprocessable($"Cet import n'est pas en cours (statut « {import.Status.Code()} ») : il n'y a rien à annuler.");
        }

        return TypedResults.Accepted($"/api/v1/territories/{territoryId}/imports/{import.Id}", ToDto(import, jobs, null));
    }

    public static Task<List<ImportProblemDto>> ProblemsPageAsync(AppDbContext db, Guid importId, int page, int size, CancellationToken cancellationToken) =>
        db.ImportProblems.AsNoTracking().Where(p => p.ImportId == importId).OrderBy(p => p.Id)
            .Skip((page - 1) * size).Take(size).Select(p => new ImportProblemDto(p.Line, p.Column, p.Message)).ToListAsync(cancellationToken);

    private static ImportDto ToDto(Import i, ImportJobs jobs, IReadOnlyList<ImportProblemDto>? problems)
    {
        var progress = i.Status == ImportStatus.Running ? jobs.ProgressOf(i.Id) : null;
        var headers = i.HeaderList;
        var mapping = i.MappingList;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var k = 0; k < headers.Count && k < mapping.Count; k++)
        {
            map.TryAdd(headers[k], mapping[k]);
        }

        return new ImportDto(i.Id, i.FileName, i.FileSize, i.Format, i.Status.Code(), i.DryRun, i.UserName, i.CreatedAt, i.StartedAt, i.FinishedAt,
            progress?.RowsRead ?? i.RowsRead, i.Created, i.Updated, i.Unchanged, i.Skipped, i.ProblemCount,
            progress is null ? i.RowsPerSecond : Math.Round(progress.RowsPerSecond, 1),
            progress?.Fraction ?? (i.FinishedAt is null ? null : 1), progress?.Remaining?.TotalSeconds, i.Message, map, problems);
    }
}
