using System.Globalization;
using Maillage.Bench.Generation;
using Maillage.Bench.Running;
using Maillage.Territories.Reference;

namespace Maillage.Bench;

// The benchmark harness (docs/decisions/0008-benchmarks.md). Commands:
//   run       [--scales 10000,100000,1000000] [--providers sqlite,postgresql] [--runs 30] [--actor-pages 100]
//             [--clients 32] [--duration 10] [--departement 69] [--seed N] [--relations-per-actor 3] [--network-runs 10] [--cible-actors 150] [--no-write] [--keep-data]
//             [--scenarios "annuaire,fiche acteur"] [--out benchmarks-1m]   (a subset of the scenarios, written to docs/<out>.md)
//             PostgreSQL: MAILLAGE_BENCH_POSTGRES="Host=…;Username=…" or a throwaway cluster (scripts/lib/postgres.sh)
//   generate  --actors N [--departement 69] [--seed N] [--out DOSSIER]   → acteurs.csv and acteurs.xlsx for import tests
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        const string usage = """
            Banc d'essai de Maillage :
              run [--scales 10000,100000] [--providers sqlite,postgresql] [--runs 30] [--actor-pages 100] [--clients 32] [--duration 10]
                  [--departement 69] [--seed N] [--relations-per-actor 3] [--network-runs 10] [--cible-actors 150] [--no-write]
                  [--keep-data] [--scenarios "annuaire,fiche acteur"] [--out benchmarks-1m]
                  mesure tout (ou les scénarios nommés), imprime le tableau et écrit docs/benchmarks.md et docs/benchmarks.json
                  (ou docs/<out>.md et .json)
                  (PostgreSQL : variable MAILLAGE_BENCH_POSTGRES, sinon un serveur jetable)
                  --keep-data laisse en place la base générée (dossier SQLite ou base PostgreSQL, imprimés)
              generate --actors N [--departement 69] [--seed N] [--relations-per-actor 3] [--out DOSSIER]
                  écrit acteurs.csv (Excel français : « ; », UTF-8 avec BOM) et acteurs.xlsx pour les tests d'import
            """;

        switch (args.FirstOrDefault())
        {
            case "run":
            {
                var settings = new BenchSettings
                {
                    Runs = Int("--runs") ?? 30,
                    ActorPages = Int("--actor-pages") ?? 100,
                    Clients = Int("--clients") ?? 32,
                    LoadDuration = TimeSpan.FromSeconds(Int("--duration") ?? 10),
                    Departement = Option("--departement") ?? GeneratorOptions.DefaultDepartement,
                    Seed = Int("--seed") ?? GeneratorOptions.DefaultSeed,
                    RelationsPerActor = Option("--relations-per-actor") is { } perActor ? double.Parse(perActor, CultureInfo.InvariantCulture) : null,
                    NetworkRuns = Int("--network-runs") ?? 10,
                    CibleActors = Int("--cible-actors") ?? Maillage.Cibles.Cible.MaxActors,
                    KeepData = args.Contains("--keep-data"),
                };
                var options = new RunOptions
                {
                    Scales = (Option("--scales") ?? "10000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList(),
                    Providers = (Option("--providers") ?? "sqlite,postgresql").Split(',')
                        .Select(p => p.Trim().ToLowerInvariant() switch
                        {
                            "sqlite" => BenchProvider.Sqlite,
                            "postgresql" or "postgres" => BenchProvider.PostgreSql,
                            _ => throw new ArgumentException($"Base inconnue : {p} (sqlite, postgresql)"),
                        }).ToList(),
                    Settings = settings,
                    Scenarios = Option("--scenarios") is { } names ? names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : null,
                    Postgres = Environment.GetEnvironmentVariable("MAILLAGE_BENCH_POSTGRES") is { Length: > 0 } server ? server : null,
                };
                var result = await Runner.RunAsync(options, Console.WriteLine);
                Console.WriteLine();
                Console.Write(Runner.Table(result.Measures));
                foreach (var error in result.Errors)
                {
                    Console.WriteLine("ERREUR : " + error);
                }

                if (!args.Contains("--no-write"))
                {
                    // Quoted where the shell needs it, so the table's command runs as printed.
                    var command = "dotnet run -c Release --project bench/Maillage.Bench -- " +
                                  string.Join(' ', args.Select(a => a.Any(c => c is ' ' or '"' or '\'') ? "\"" + a + "\"" : a));
                    var name = Option("--out") ?? "benchmarks";
                    await Runner.WriteAsync(result, command, AppLauncher.Locate().Repository, name);
                    Console.WriteLine($"Écrit : docs/{name}.md, docs/{name}.json");
                }

                return result.Errors.Count == 0 ? 0 : 1;
            }

            case "generate":
            {
                var actors = Int("--actors") ?? 10_000;
                var output = Option("--out") ?? ".";
                Directory.CreateDirectory(output);
                var generator = new TerritoryGenerator(new GeneratorOptions
                {
                    Actors = actors,
                    Departement = Option("--departement") ?? GeneratorOptions.DefaultDepartement,
                    Seed = Int("--seed") ?? GeneratorOptions.DefaultSeed,
                    RelationsPerActor = Option("--relations-per-actor") is { } perActor ? double.Parse(perActor, CultureInfo.InvariantCulture) : null,
                }, InseeReference.LoadEmbedded());
                var csv = Path.Combine(output, "acteurs.csv");
                var xlsx = Path.Combine(output, "acteurs.xlsx");
                var rows = ActorFiles.Write(generator.Actors(), csv, xlsx);
                Console.WriteLine($"{rows:N0} acteurs écrits dans {csv} et {xlsx}");
                return 0;
            }

            default:
                Console.WriteLine(usage);
                return args.Length == 0 || args[0] is "help" or "--help" ? 0 : 2;
        }

        string? Option(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        int? Int(string name) => Option(name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;
    }
}
