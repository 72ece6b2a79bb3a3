using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Npgsql;

namespace Maillage.Bench.Running;

public sealed record RunOptions
{
    public IReadOnlyList<int> Scales { get; init; } = [10_000];
    public IReadOnlyList<BenchProvider> Providers { get; init; } = [BenchProvider.Sqlite, BenchProvider.PostgreSql];
    public BenchSettings Settings { get; init; } = new();

    /// <summary>The names of the scenarios to run (as the table shows them); null runs them all.</summary>
    public IReadOnlyList<string>? Scenarios { get; init; }

    /// <summary>A PostgreSQL server (no database): when null, <see cref="ThrowawayPostgres"/> starts one.</summary>
    public string? Postgres { get; init; }
}

public sealed record RunResult(IReadOnlyList<Measure> Measures, IReadOnlyList<string> Errors, string Machine, DateTime StartedAt, TimeSpan Elapsed);

/// <summary>Every scenario, at every scale, on every database: the table of docs/benchmarks.md.</summary>
public static class Runner
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<RunResult> RunAsync(RunOptions options, Action<string> log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var started = DateTime.UtcNow;
        var watch = Stopwatch.StartNew();
        var launcher = AppLauncher.Locate();
        var measures = new List<Measure>();
        var errors = new List<string>();
        ThrowawayPostgres? throwaway = null;
        var postgres = options.Postgres;
        try
        {
            if (postgres is null && options.Providers.Contains(BenchProvider.PostgreSql))
            {
                throwaway = await ThrowawayPostgres.StartAsync(launcher.Repository);
                postgres = throwaway.ConnectionString;
                log($"PostgreSQL jetable : {postgres}");
            }

            var machine = await DescribeMachineAsync(postgres);
            foreach (var scale in options.Scales)
            {
                foreach (var provider in options.Providers)
                {
                    log($"{provider}, {scale:N0} acteurs");
                    await using var target = await BenchTarget.PrepareAsync(provider, scale, options.Settings, launcher, postgres, log, cancellationToken);
                    foreach (var scenario in Scenarios.All.Where(s => options.Scenarios is null || options.Scenarios.Contains(s.Name)))
                    {
                        var scenarioWatch = Stopwatch.StartNew();
                        var results = await scenario.RunAsync(target, cancellationToken);
                        measures.AddRange(results);
                        log($"  {scenario.Name} : {scenarioWatch.Elapsed.TotalSeconds:F1} s");
                    }

                    errors.AddRange(target.Errors);
                }
            }

            return new RunResult(measures, errors, machine, started, watch.Elapsed);
        }
        finally
        {
            if (throwaway is not null)
            {
                await throwaway.DisposeAsync();
            }
        }
    }

    public static string Table(IReadOnlyList<Measure> measures)
    {
        ArgumentNullException.ThrowIfNull(measures);
        var text = new StringBuilder();
        text.AppendLine("| base | acteurs | scénario | mesure | valeur | référence (même passage) | valeur de référence | rapport |");
        text.AppendLine("|---|---:|---|---|---:|---|---:|---:|");
        foreach (var m in measures)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {m.Provider} | {m.Actors:N0} | {m.Scenario} | {m.Metric} | {Number(m.Value)} {m.Unit} | {m.Baseline} | " +
                $"{(m.BaselineValue is { } b ? Number(b) + " " + m.Unit : "—")} | {(m.Ratio is { } r ? r.ToString("0.0#", CultureInfo.InvariantCulture) + " ×" : "—")} |");
        }

        return text.ToString();
    }

    private static string Number(double value) =>
        value >= 100 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.0#", CultureInfo.InvariantCulture);

    /// <summary>Writes <c>docs/{name}.md</c> and <c>docs/{name}.json</c> (<c>benchmarks</c> unless <c>--out</c> names another table).</summary>
    public static async Task WriteAsync(RunResult result, string command, string repository, string name = "benchmarks")
    {
        ArgumentNullException.ThrowIfNull(result);
        var commit = await GitAsync(repository, "rev-parse", "--short", "HEAD");
        var dirty = (await GitAsync(repository, "status", "--porcelain", "--untracked-files=no")).Length > 0;
        var notes = result.Measures.Where(m => m.Note is not null).Select(m => $"- {m.Provider}, {m.Actors:N0} acteurs, {m.Scenario} — {m.Metric} : {m.Note}");
        var markdown = new StringBuilder();
        markdown.AppendLine("# Mesures de performance");
        markdown.AppendLine();
        markdown.AppendLine("Écrit par le banc d'essai (`bench/Maillage.Bench`, décision 0008) ; ne pas modifier à la main, relancer :");
        markdown.AppendLine();
        markdown.AppendLine("```bash");
        markdown.AppendLine(command);
        markdown.AppendLine("```");
        markdown.AppendLine();
        markdown.AppendLine(CultureInfo.InvariantCulture, $"- date : {result.StartedAt:yyyy-MM-dd HH:mm} UTC (durée {result.Elapsed.TotalMinutes:F0} min)");
        markdown.AppendLine(CultureInfo.InvariantCulture, $"- commit : `{commit}`{(dirty ? " (avec des modifications non validées)" : "")}");
        markdown.AppendLine(CultureInfo.InvariantCulture, $"- machine : {result.Machine}");
        markdown.AppendLine(CultureInfo.InvariantCulture, $"- erreurs : {(result.Errors.Count == 0 ? "aucune" : string.Join(" ; ", result.Errors))}");
        markdown.AppendLine();
        markdown.AppendLine("Chaque valeur est mesurée à côté de sa référence, dans le même passage (la machine est partagée : le rapport");
        markdown.AppendLine("valeur ÷ référence varie moins que la valeur seule). Temps « serveur » : en-tête `Server-Timing` de l'application");
        markdown.AppendLine("(de l'entrée de la requête au début de la réponse), application lancée depuis sa compilation Release, requêtes HTTP");
        markdown.AppendLine("réelles authentifiées par un jeton personnel d'un pilote du territoire. « Même SQL brut » : les commandes que");
        markdown.AppendLine("l'annuaire envoie pour cette recherche, capturées puis rejouées telles quelles par ADO.NET sur une connexion du banc.");
        markdown.AppendLine("« SQL de lecture du réseau brut » : de même, les commandes qui lisent le réseau (acteurs et relations) pour les");
        markdown.AppendLine("figures et la carte. Import : la mesure `Imports/ImportMeasurement` des tests (fichier d'autant de lignes que");
        markdown.AppendLine("d'acteurs importé par l'importeur réel, puis les mêmes lignes insérées brutes dans un autre territoire).");
        markdown.AppendLine();
        markdown.Append(Table(result.Measures));
        markdown.AppendLine();
        markdown.AppendLine("## Détails");
        markdown.AppendLine();
        foreach (var note in notes)
        {
            markdown.AppendLine(note);
        }

        var docs = Path.Combine(repository, "docs");
        await File.WriteAllTextAsync(Path.Combine(docs, name + ".md"), markdown.ToString());
        var json = JsonSerializer.Serialize(new
        {
            date = result.StartedAt,
            commit,
            dirty,
            command,
            machine = result.Machine,
            errors = result.Errors,
            measures = result.Measures.Select(m => new
            {
                provider = m.Provider,
                actors = m.Actors,
                scenario = m.Scenario,
                metric = m.Metric,
                value = Math.Round(m.Value, 3),
                unit = m.Unit,
                baseline = m.Baseline,
                baselineValue = m.BaselineValue is { } b ? Math.Round(b, 3) : (double?)null,
                ratio = m.Ratio is { } r ? Math.Round(r, 3) : (double?)null,
                note = m.Note,
            }),
        }, JsonOptions);
        await File.WriteAllTextAsync(Path.Combine(docs, name + ".json"), json + "\n");
    }

    private static async Task<string> DescribeMachineAsync(string? postgres)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var gigabytes = long.Parse(memory.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0 / 1024.0;
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? "Linux"
            : RuntimeInformation.OSDescription;
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
        var description = $"{cpu}, {Environment.ProcessorCount} cœurs, {gigabytes:F0} Go ; {os} ; {RuntimeInformation.FrameworkDescription} ; " +
                          $"SQLite {SqliteVersion()}";
        if (postgres is not null)
        {
            await using var connection = new NpgsqlConnection(postgres);
            await connection.OpenAsync();
            await using var version = new NpgsqlCommand("SHOW server_version", connection);
            description += $" ; PostgreSQL {await version.ExecuteScalarAsync()}";
        }

        return description + $" ; charge moyenne au départ {string.Join(" ", load)}";
    }

    private static string SqliteVersion()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        connection.Open();
        return connection.ServerVersion;
    }

    private static async Task<string> GitAsync(string repository, params string[] arguments)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = repository, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Trim();
    }
}

/// <summary>A PostgreSQL cluster started and stopped with the test command's own script (scripts/lib/postgres.sh).</summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string _script;
    private readonly Dictionary<string, string> _variables;

    private ThrowawayPostgres(string script, Dictionary<string, string> variables)
    {
        _script = script;
        _variables = variables;
    }

    public string ConnectionString => $"Host=127.0.0.1;Port={_variables["PG_PORT"]};Username=postgres";

    public static async Task<ThrowawayPostgres> StartAsync(string repository)
    {
        var script = Path.Combine(repository, "scripts", "lib", "postgres.sh");
        var output = await BashAsync($"source '{script}' && pg_start >&2 && echo \"PG_PORT=$PG_PORT\" && echo \"PG_TMP=$PG_TMP\" && echo \"PG_DATA=$PG_DATA\" && echo \"PG_BIN=$PG_BIN\"");
        var variables = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2 && p[0].StartsWith("PG_", StringComparison.Ordinal))
            .ToDictionary(p => p[0], p => p[1].Trim());
        return variables.ContainsKey("PG_PORT") ? new ThrowawayPostgres(script, variables)
            : throw new InvalidOperationException("PostgreSQL n'a pas démarré : " + output);
    }

    public async ValueTask DisposeAsync() =>
        await BashAsync($"source '{_script}' && PG_TMP='{_variables["PG_TMP"]}' && PG_DATA='{_variables["PG_DATA"]}' && PG_BIN='{_variables["PG_BIN"]}' && pg_stop");

    private static async Task<string> BashAsync(string command)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return await output + await error;
    }
}
