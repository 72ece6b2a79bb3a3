using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Maillage.Data;
using Maillage.Territories.Reference;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Actors.Transfer;

public enum ExportFormat
{
    Xlsx,
    Csv,
    Json,
}

public static class ExportFormats
{
    public const string ExpectedCodes = "xlsx, csv ou json";

    public static bool TryParse(string? text, out ExportFormat format)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "" or "xlsx":
                format = ExportFormat.Xlsx;
                return true;
            case "csv":
                format = ExportFormat.Csv;
                return true;
            case "json":
                format = ExportFormat.Json;
                return true;
            default:
                format = default;
                return false;
        }
    }

    public static string Extension(this ExportFormat format) => format switch
    {
        ExportFormat.Csv => "csv",
        ExportFormat.Json => "json",
        _ => "xlsx",
    };

    public static string ContentType(this ExportFormat format) => format switch
    {
        ExportFormat.Csv => "text/csv; charset=utf-8",
        ExportFormat.Json => "application/json; charset=utf-8",
        _ => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    };
}

/// <summary>
/// The directory, with the filters of <see cref="ActorDirectory"/>, written as XLSX, CSV or JSON in the columns of
/// <see cref="ActorColumns"/>. Actors are read in pages of <see cref="BatchSize"/> by keyset on the name index
/// (name key, then id: no OFFSET) and each page's bytes go to the client before the next page is read, so a million
/// actors take no more memory than a thousand.
/// </summary>
public sealed class ActorExport(AppDbContext db, InseeReference reference)
{
    public const int BatchSize = 1000;
    public const string SheetName = "Acteurs";

    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>
    /// The filtered actors, resolved before anything is written, so that a filter naming an unknown commune fails
    /// with its French message rather than in the middle of a download. Null when a filter names nothing that exists.
    /// </summary>
    public Task<IQueryable<Actor>?> FilterAsync(Guid territoryId, DirectoryQuery query, CancellationToken cancellationToken = default) =>
        new ActorDirectory(db, reference).FilterAsync(territoryId, query, cancellationToken);

    /// <summary>The filtered actors in name order, one page at a time.</summary>
    public static async IAsyncEnumerable<List<Actor>> PagesAsync(IQueryable<Actor>? filtered,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (filtered is null)
        {
            yield break;
        }

        string? lastKey = null;
        var lastId = Guid.Empty;
        while (true)
        {
            var next = filtered;
            if (lastKey is not null)
            {
                var (key, id) = (lastKey, lastId);
                next = next.Where(a => a.NameKey.CompareTo(key) > 0 || (a.NameKey == key && a.Id.CompareTo(id) > 0));
            }

            var page = await next.OrderBy(a => a.NameKey).ThenBy(a => a.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                yield break;
            }

            yield return page;
            if (page.Count < BatchSize)
            {
                yield break;
            }

            (lastKey, lastId) = (page[^1].NameKey, page[^1].Id);
        }
    }

    public static async Task WriteAsync(IQueryable<Actor>? filtered, ExportFormat format, Stream output,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var buffer = new PageBufferStream(output);
        await (format switch
        {
            ExportFormat.Csv => WriteCsvAsync(filtered, buffer, cancellationToken),
            ExportFormat.Json => WriteJsonAsync(filtered, buffer, cancellationToken),
            _ => WriteXlsxAsync(filtered, buffer, cancellationToken),
        });
        await buffer.DrainAsync(cancellationToken);
    }

    /// <summary>"acteurs-pays-de-brie-2026-11-22.xlsx": the territory and the day, in characters every system accepts.</summary>
    public static string FileName(string territoryName, DateTimeOffset now, ExportFormat format)
    {
        var slug = TextKey.Slug(territoryName ?? "");
        if (slug.Length > 60)
        {
            slug = slug[..60].TrimEnd('-');
        }

        return $"acteurs-{(slug.Length == 0 ? "territoire" : slug)}-{now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{format.Extension()}";
    }

    private static async Task WriteXlsxAsync(IQueryable<Actor>? filtered, PageBufferStream buffer, CancellationToken cancellationToken)
    {
        var columns = ActorColumns.All;
        using var sheet = new XlsxSheetWriter(buffer, SheetName, [.. columns.Select(c => c.Header)], [.. columns.Select(Width)]);
        await foreach (var page in PagesAsync(filtered, cancellationToken))
        {
            foreach (var actor in page)
            {
                sheet.BeginRow();
                foreach (var column in columns)
                {
                    sheet.Text(column.Read(actor));
                }

                sheet.EndRow();
            }

            await buffer.DrainAsync(cancellationToken);
        }

        sheet.Finish();
    }

    private static async Task WriteCsvAsync(IQueryable<Actor>? filtered, PageBufferStream buffer, CancellationToken cancellationToken)
    {
        var columns = ActorColumns.All;
        using var csv = new CsvSheetWriter(buffer);
        foreach (var column in columns)
        {
            csv.Cell(column.Header);
        }

        csv.EndRow();
        await foreach (var page in PagesAsync(filtered, cancellationToken))
        {
            foreach (var actor in page)
            {
                foreach (var column in columns)
                {
                    csv.Cell(column.Read(actor));
                }

                csv.EndRow();
            }

            csv.Flush();
            await buffer.DrainAsync(cancellationToken);
        }

        csv.Flush();
    }

    /// <summary>An array of objects named as the API names an actor's fields; lists are JSON arrays.</summary>
    private static async Task WriteJsonAsync(IQueryable<Actor>? filtered, PageBufferStream buffer, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(buffer, JsonOptions);
        json.WriteStartArray();
        await foreach (var page in PagesAsync(filtered, cancellationToken))
        {
            foreach (var actor in page)
            {
                WriteJson(json, actor);
            }

            await json.FlushAsync(cancellationToken);
            await buffer.DrainAsync(cancellationToken);
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
    }

    private static void WriteJson(Utf8JsonWriter json, Actor a)
    {
        json.WriteStartObject();
        json.WriteString("id", a.Id);
        foreach (var column in ActorColumns.All)
        {
            switch (column.Key)
            {
                case ActorColumns.Perimeter:
                    Array(json, column.Key, a.Perimeter.Areas.Select(area => area.ToString()));
                    break;
                case ActorColumns.Competences:
                    Array(json, column.Key, a.Competences);
                    break;
                case ActorColumns.Modes:
                    Array(json, column.Key, a.Modes.Codes());
                    break;
                default:
                    if (column.Read(a) is { } value)
                    {
                        json.WriteString(column.Key, value);
                    }
                    else
                    {
                        json.WriteNull(column.Key);
                    }

                    break;
            }
        }

        json.WriteNumber("version", a.Version);
        json.WriteString("createdAt", DateTime.SpecifyKind(a.CreatedAt, DateTimeKind.Utc));
        json.WriteString("updatedAt", DateTime.SpecifyKind(a.UpdatedAt, DateTimeKind.Utc));
        json.WriteEndObject();
    }

    private static void Array(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static double Width(ActorColumn column) => column.Key switch
    {
        ActorColumns.Name or ActorColumns.AddressLine1 or ActorColumns.Competences or ActorColumns.Notes
            or ActorColumns.CollaborativeLogic => 40,
        ActorColumns.Website or ActorColumns.Perimeter or ActorColumns.AddressLine2 or ActorColumns.Modes => 28,
        ActorColumns.Family or ActorColumns.ExternalId => 22,
        ActorColumns.Siret => 17,
        _ => 14,
    };
}
