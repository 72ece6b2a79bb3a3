using System.Diagnostics;
using System.Globalization;
using Maillage.Actors;
using Maillage.Data;
using Maillage.Territories;
using Maillage.Territories.Reference;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Maillage.Bench;

/// <summary>
/// Issue 3: "with 1,000,000 actors in a territory a directory page is served in under 100 ms". Fills a territory
/// with generated actors (prepared inserts in one transaction on SQLite, binary COPY on PostgreSQL), then times
/// the directory's queries through <see cref="ActorDirectory"/>, as the API runs them.
/// </summary>
internal static class DirectoryBench
{
    private const int Runs = 7;

    private static readonly string[] Words =
    [
        "Avenir", "Horizon", "Solidarité", "Emploi", "Insertion", "Logistique", "Numérique", "Bâtiment", "Services", "Transports",
        "Énergie", "Habitat", "Jeunesse", "Culture", "Santé", "Mobilité", "Environnement", "Artisanat", "Commerce", "Industrie",
        "Innovation", "Formation", "Réussite", "Compétences", "Territoire", "Entraide", "Initiative", "Développement", "Métiers", "Partage",
        "Agriculture", "Tourisme", "Restauration", "Propreté", "Sécurité", "Conseil", "Ingénierie", "Recyclage", "Textile", "Bois",
        "Métallurgie", "Chimie", "Électricité", "Plomberie", "Menuiserie", "Peinture", "Jardins", "Paysages", "Aide à domicile", "Petite enfance",
    ];

    private static readonly Dictionary<ActorFamily, string[]> Kinds = new()
    {
        [ActorFamily.PouvoirsPublics] = ["Mairie de", "Communauté de communes", "Service", "Direction"],
        [ActorFamily.DeveloppementEconomique] = ["Agence", "Chambre", "Pôle", "Pépinière"],
        [ActorFamily.EmploiFormation] = ["Mission locale", "Centre de formation", "Organisme", "Maison de l'emploi"],
        [ActorFamily.Entreprises] = ["SARL", "SAS", "Société", "Établissements", "Club d'entreprises", "Groupe"],
        [ActorFamily.Associations] = ["Association", "Les Amis de", "Collectif", "Fondation", "Coopérative"],
    };

    private static readonly Dictionary<ActorFamily, string[]> Subtypes = new()
    {
        [ActorFamily.PouvoirsPublics] = ["commune", "epci", "services-etat"],
        [ActorFamily.DeveloppementEconomique] = ["cci", "cma", "agence-developpement"],
        [ActorFamily.EmploiFormation] = ["mission-locale", "organisme-formation", "siae", "france-travail"],
        [ActorFamily.Entreprises] = ["entreprise", "entreprise", "entreprise", "club-entreprises", "groupement-employeurs"],
        [ActorFamily.Associations] = ["association", "association", "fondation", "cooperative"],
    };

    public static async Task<int> RunAsync(string[] args)
    {
        var count = IntOption(args, "--actors") ?? 1_000_000;
        var postgres = StringOption(args, "--postgres");
        var kept = StringOption(args, "--data");
        var directory = kept ?? Directory.CreateTempSubdirectory("maillage-bench-").FullName;
        var reuse = kept is not null && File.Exists(Path.Combine(kept, "maillage.db"));
        Console.WriteLine($"Banc de l'annuaire : {count:N0} acteurs, {(postgres is null ? "SQLite dans " + directory : "PostgreSQL")}");
        try
        {
            var settings = new Dictionary<string, string?> { ["Maillage:DataDirectory"] = directory };
            if (postgres is not null)
            {
                var database = "maillage_bench_" + Guid.NewGuid().ToString("N")[..8];
                await using (var server = new NpgsqlConnection(postgres))
                {
                    await server.OpenAsync();
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", server);
                    await create.ExecuteNonQueryAsync();
                }

                settings["Maillage:Database:Provider"] = "PostgreSql";
                settings["ConnectionStrings:Maillage"] = new NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;
            }

            var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            await using var services = new ServiceCollection()
                .AddSingleton(TimeProvider.System)
                .AddHttpContextAccessor()
                .AddMaillageDatabase(configuration)
                .BuildServiceProvider();
            await DatabaseSetup.MigrateAsync(services);

            var reference = InseeReference.LoadEmbedded();
            var communes = reference.CommuneCodesOf(AreaKind.Region, "11");
            Guid territoryId;
            List<Competence> competences;
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                if (reuse)
                {
                    territoryId = await db.Territories.Select(t => t.Id).SingleAsync();
                    competences = await db.Competences.ToListAsync();
                }
                else
                {
                    var territory = new Territory("Banc d'essai", null, Perimeter.Parse("region:11"));
                    db.Territories.Add(territory);
                    competences = Words.Select(w => new Competence(territory.Id, w)).ToList();
                    db.Competences.AddRange(competences);
                    await db.SaveChangesAsync();
                    territoryId = territory.Id;
                }
            }

            // Same seed: the sample below (a SIREN, a commune, a rare name) is found again in a kept database.
            var generator = new ActorGenerator(territoryId, competences.OrderBy(c => c.Label, StringComparer.Ordinal).ToList(), communes, reference);
            if (reuse)
            {
                while (generator.Sample.Siren is null)
                {
                    generator.Next();
                }

                count = 0;
            }

            var stopwatch = Stopwatch.StartNew();
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                if (postgres is null)
                {
                    InsertSqlite(db, generator, count);
                }
                else
                {
                    await InsertPostgresAsync(db, generator, count);
                }
            }

            if (!reuse)
            {
                Console.WriteLine($"Insertion : {count:N0} acteurs et {generator.Links:N0} liens de compétences en {stopwatch.Elapsed.TotalSeconds:F1} s");
                stopwatch.Restart();
                await using (var scope = services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    await db.Database.ExecuteSqlRawAsync(postgres is null ? "ANALYZE" : "VACUUM ANALYZE");
                }

                Console.WriteLine($"Statistiques (ANALYZE) : {stopwatch.Elapsed.TotalSeconds:F1} s");
            }
            if (postgres is null)
            {
                Console.WriteLine($"Fichier SQLite : {new FileInfo(Path.Combine(directory, "maillage.db")).Length / 1024 / 1024:N0} Mo");
            }

            var sample = generator.Sample;
            var epci = reference.FindCommune(sample.CommuneCode!)!.EpciSiren!;
            var scenarios = new (string Label, DirectoryQuery Query)[]
            {
                ("page 1, tri par nom", new DirectoryQuery()),
                ("page 2 000 (décalage 99 950), tri par nom", new DirectoryQuery { Page = 2000 }),
                ("tri par date de modification", new DirectoryQuery { Sort = DirectorySort.Updated }),
                ("tri par famille", new DirectoryQuery { Sort = DirectorySort.Family }),
                ("famille = associations", new DirectoryQuery { Family = ActorFamily.Associations }),
                ("sous-type = mission-locale", new DirectoryQuery { Subtype = "mission-locale" }),
                ($"commune = {sample.CommuneCode}", new DirectoryQuery { Commune = sample.CommuneCode }),
                ($"commune = EPCI {epci}", new DirectoryQuery { Commune = epci }),
                ("compétence = Mobilité", new DirectoryQuery { Competence = "Mobilité" }),
                ("mode = mécénat", new DirectoryQuery { Modes = InterventionModes.Mecenat }),
                ("q = « mi » (préfixe du nom)", new DirectoryQuery { Q = "mi" }),
                ("q = « logisti » (contient)", new DirectoryQuery { Q = "logisti" }),
                ($"q = « {sample.Word} {sample.Commune} » (contient, rare)", new DirectoryQuery { Q = sample.Word + " " + sample.Commune }),
                ($"q = SIREN {sample.Siren}", new DirectoryQuery { Q = sample.Siren }),
                ("q = « mission » + famille + commune EPCI", new DirectoryQuery { Q = "mission", Family = ActorFamily.EmploiFormation, Commune = epci }),
            };

            Console.WriteLine();
            Console.WriteLine("| requête | total | page complète (min / médiane) | dont total seul (médiane) | dont page seule (médiane) |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            foreach (var (label, query) in scenarios)
            {
                var full = new List<double>();
                var countOnly = new List<double>();
                var pageOnly = new List<double>();
                var total = 0;
                for (var run = 0; run <= Runs; run++)
                {
                    await using var scope = services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    var actors = new ActorDirectory(db, reference);
                    var watch = Stopwatch.StartNew();
                    var page = await actors.SearchAsync(territoryId, query);
                    full.Add(watch.Elapsed.TotalMilliseconds);
                    total = page.Total;

                    watch.Restart();
                    var filtered = await actors.FilterAsync(territoryId, query);
                    _ = filtered is null ? 0 : await filtered.CountAsync();
                    countOnly.Add(watch.Elapsed.TotalMilliseconds);

                    watch.Restart();
                    _ = await actors.SearchAsync(territoryId, query with { CountTotal = false });
                    pageOnly.Add(watch.Elapsed.TotalMilliseconds);
                }

                // The first run warms the caches and compiles the query: left out.
                static double Median(List<double> times) => times.Skip(1).Order().ElementAt(times.Count / 2 - 1);
                Console.WriteLine($"| {label} | {total:N0} | {full.Skip(1).Min():F1} / {Median(full):F1} ms | {Median(countOnly):F1} ms | {Median(pageOnly):F1} ms |");
            }

            if (args.Contains("--export"))
            {
                await ExportBench.RunAsync(services, territoryId, reference);
            }

            if (args.Contains("--plans"))
            {
                await PrintPlansAsync(services, territoryId, reference, scenarios, postgres is null);
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (kept is null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task PrintPlansAsync(IServiceProvider services, Guid territoryId, InseeReference reference,
        (string Label, DirectoryQuery Query)[] scenarios, bool sqlite)
    {
        foreach (var (label, query) in scenarios)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var directory = new ActorDirectory(db, reference);
            var filtered = await directory.FilterAsync(territoryId, query);
            if (filtered is null)
            {
                continue;
            }

            await PrintPlanAsync(db, label + " — total", filtered.Select(a => a.Id).ToQueryString(), sqlite, count: true);
            await PrintPlanAsync(db, label + " — page", directory.PageOf(filtered, query.Sort, query.Page, query.PageSize).ToQueryString(), sqlite, count: false);
        }
    }

    private static async Task PrintPlanAsync(AppDbContext db, string label, string sql, bool sqlite, bool count)
    {
        var body = StripDeclarations(sql, sqlite);
        if (count)
        {
            body = $"SELECT COUNT(*) FROM ({body}) AS q";
        }

        Console.WriteLine($"\n--- {label}\n{body}");
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = (sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + body;
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Console.WriteLine("  " + reader.GetValue(reader.FieldCount - 1));
            }
        }
        catch (DbException e)
        {
            // Array parameters (PostgreSQL) are not inlined by StripDeclarations.
            Console.WriteLine("  (plan non disponible : " + e.Message + ")");
        }
    }

    // ToQueryString declares parameters as ".param set" (SQLite) or "-- @p='…'" lines; inline them for EXPLAIN.
    private static string StripDeclarations(string sql, bool sqlite)
    {
        var lines = sql.Split('\n');
        var values = new Dictionary<string, string>();
        var body = new List<string>();
        foreach (var line in lines)
        {
            if (sqlite && line.StartsWith(".param set ", StringComparison.Ordinal))
            {
                var parts = line[".param set ".Length..].Split(' ', 2);
                values[parts[0]] = parts[1].Trim();
            }
            else if (!sqlite && line.StartsWith("-- @", StringComparison.Ordinal))
            {
                var eq = line.IndexOf('=', StringComparison.Ordinal);
                var name = line[3..eq];
                var value = line[(eq + 1)..].Trim();
                var typeAt = value.LastIndexOf(" (DbType", StringComparison.Ordinal);
                values[name] = typeAt > 0 ? value[..typeAt] : value;
            }
            else
            {
                body.Add(line);
            }
        }

        var text = string.Join('\n', body);
        foreach (var (name, value) in values.OrderByDescending(v => v.Key.Length))
        {
            text = text.Replace(name, value, StringComparison.Ordinal);
        }

        return text;
    }

    private static void InsertSqlite(AppDbContext db, ActorGenerator generator, int count)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            // The random order of name keys spreads index writes over the whole file: give the bulk load a big cache.
            pragma.CommandText = "PRAGMA cache_size = -524288";
            pragma.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO Actors ({string.Join(", ", ActorRow.Columns)}) VALUES ({string.Join(", ", ActorRow.Columns.Select(c => "$" + c))})";
        var parameters = ActorRow.Columns.ToDictionary(c => c, c => insert.Parameters.Add("$" + c, SqliteType.Text));
        insert.Prepare();
        using var link = connection.CreateCommand();
        link.Transaction = transaction;
        link.CommandText = "INSERT INTO ActorCompetences (ActorId, CompetenceId) VALUES ($a, $c)";
        var linkActor = link.Parameters.Add("$a", SqliteType.Text);
        var linkCompetence = link.Parameters.Add("$c", SqliteType.Text);
        link.Prepare();

        var generation = new Stopwatch();
        for (var i = 0; i < count; i++)
        {
            generation.Start();
            var row = generator.Next();
            generation.Stop();
            foreach (var (column, value) in row.Values())
            {
                parameters[column].Value = value switch
                {
                    null => DBNull.Value,
                    Guid g => g.ToString().ToUpperInvariant(),
                    DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
                    _ => value,
                };
            }

            insert.ExecuteNonQuery();
            foreach (var competenceId in row.CompetenceIds)
            {
                linkActor.Value = row.Id.ToString().ToUpperInvariant();
                linkCompetence.Value = competenceId.ToString().ToUpperInvariant();
                link.ExecuteNonQuery();
            }
        }

        var commit = Stopwatch.StartNew();
        transaction.Commit();
        using (var pragma = connection.CreateCommand())
        {
            // Back to the app's default cache, so the queries below are measured as the app runs them.
            pragma.CommandText = "PRAGMA cache_size = -2000";
            pragma.ExecuteNonQuery();
        }

        Console.WriteLine($"  dont génération des acteurs {generation.Elapsed.TotalSeconds:F1} s, validation de la transaction {commit.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task InsertPostgresAsync(AppDbContext db, ActorGenerator generator, int count)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        var links = new List<(Guid, Guid)>();
        await using (var importer = await connection.BeginBinaryImportAsync(
                         $"COPY \"Actors\" ({string.Join(", ", ActorRow.Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < count; i++)
            {
                var row = generator.Next();
                await importer.StartRowAsync();
                foreach (var (_, value) in row.Values())
                {
                    switch (value)
                    {
                        case null: await importer.WriteNullAsync(); break;
                        case Guid g: await importer.WriteAsync(g, NpgsqlDbType.Uuid); break;
                        case DateTime d: await importer.WriteAsync(d, NpgsqlDbType.TimestampTz); break;
                        case int n: await importer.WriteAsync(n, NpgsqlDbType.Integer); break;
                        case long n: await importer.WriteAsync(n, NpgsqlDbType.Bigint); break;
                        default: await importer.WriteAsync((string)value, NpgsqlDbType.Text); break;
                    }
                }

                links.AddRange(row.CompetenceIds.Select(c => (row.Id, c)));
            }

            await importer.CompleteAsync();
        }

        await using (var importer = await connection.BeginBinaryImportAsync("COPY \"ActorCompetences\" (\"ActorId\", \"CompetenceId\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (actorId, competenceId) in links)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(actorId, NpgsqlDbType.Uuid);
                await importer.WriteAsync(competenceId, NpgsqlDbType.Uuid);
            }

            await importer.CompleteAsync();
        }
    }

    private static int? IntOption(string[] args, string name) =>
        StringOption(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    private static string? StringOption(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private sealed record ActorRow(Actor Actor, DateTime UpdatedAt, IReadOnlyList<Guid> CompetenceIds)
    {
        public static readonly string[] Columns =
        [
            "Id", "TerritoryId", "Name", "NameKey", "Acronym", "Family", "Subtype", "Siren", "Siret", "Rna", "NafCode", "NafVersion",
            "WorkforceBand", "AddressLine1", "AddressLine2", "PostalCode", "CommuneCode", "PerimeterCodes", "CompetenceLabels", "Modes",
            "CollaborativeLogic", "Website", "Notes", "SearchText", "CreatedAt", "CreatedBy", "UpdatedAt", "UpdatedBy", "Version",
        ];

        public Guid Id => Actor.Id;

        public IEnumerable<(string Column, object? Value)> Values()
        {
            var a = Actor;
            yield return ("Id", a.Id);
            yield return ("TerritoryId", a.TerritoryId);
            yield return ("Name", a.Name);
            yield return ("NameKey", a.NameKey);
            yield return ("Acronym", a.Acronym);
            yield return ("Family", (int)a.Family);
            yield return ("Subtype", a.Subtype);
            yield return ("Siren", a.Siren);
            yield return ("Siret", a.Siret);
            yield return ("Rna", a.Rna);
            yield return ("NafCode", a.NafCode);
            yield return ("NafVersion", a.NafVersion);
            yield return ("WorkforceBand", a.WorkforceBand);
            yield return ("AddressLine1", a.AddressLine1);
            yield return ("AddressLine2", a.AddressLine2);
            yield return ("PostalCode", a.PostalCode);
            yield return ("CommuneCode", a.CommuneCode);
            yield return ("PerimeterCodes", a.PerimeterCodes);
            yield return ("CompetenceLabels", a.CompetenceLabels);
            yield return ("Modes", (int)a.Modes);
            yield return ("CollaborativeLogic", a.CollaborativeLogic);
            yield return ("Website", a.Website);
            yield return ("Notes", a.Notes);
            yield return ("SearchText", a.SearchText);
            yield return ("CreatedAt", UpdatedAt.AddDays(-30));
            yield return ("CreatedBy", "banc@exemple.fr");
            yield return ("UpdatedAt", UpdatedAt);
            yield return ("UpdatedBy", "banc@exemple.fr");
            yield return ("Version", 1L);
        }
    }

    /// <summary>Plausible actors built with the domain's own methods, so keys and search text are the app's.</summary>
    private sealed class ActorGenerator(Guid territoryId, List<Competence> competences, IReadOnlyList<string> communes, InseeReference reference)
    {
        // A fixed seed: every run measures the same data. Not security-sensitive.
#pragma warning disable CA5394
        private readonly Random _random = new(20261122);
        private readonly DateTime _now = DateTime.UtcNow;

        public long Links { get; private set; }

        public (string? Siren, string? CommuneCode, string Word, string Commune) Sample { get; private set; }

        public ActorRow Next()
        {
            var family = (ActorFamily)_random.Next(1, 6);
            var kinds = Kinds[family];
            var word = Words[_random.Next(Words.Length)];
            var communeCode = communes[_random.Next(communes.Count)];
            var commune = reference.FindCommune(communeCode)!;
            var name = $"{kinds[_random.Next(kinds.Length)]} {word} {commune.Name}";
            if (_random.Next(3) == 0)
            {
                name += " " + _random.Next(1, 1000).ToString(CultureInfo.InvariantCulture);
            }

            var actor = new Actor(territoryId, name, _random.Next(4) == 0 ? Acronym(name) : null, family);
            var subtypes = Subtypes[family];
            actor.Classify(family, subtypes[_random.Next(subtypes.Length)], SubtypeCatalog.DefaultsOnly);
            string? siren = null;
            string? siret = null;
            if (_random.Next(10) < 7)
            {
                var body = _random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
                siren = body + Identifiers.LuhnKey(body);
                if (_random.Next(3) == 0)
                {
                    var establishment = siren + _random.Next(1, 9999).ToString("D4", CultureInfo.InvariantCulture);
                    siret = establishment + Identifiers.LuhnKey(establishment);
                }
            }

            var rna = family == ActorFamily.Associations && _random.Next(2) == 0
                ? "W" + _random.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture)
                : null;
            actor.SetIdentifiers(siren, siret, rna);
            actor.SetAddress($"{_random.Next(1, 200)} rue de la République", null, commune.PostalCodes.Count > 0 ? commune.PostalCodes[0] : null, communeCode, reference);
            var tagged = Enumerable.Range(0, _random.Next(4)).Select(_ => competences[_random.Next(competences.Count)]).DistinctBy(c => c.Id).ToList();
            actor.SetCompetences(tagged);
            actor.SetModes((InterventionModes)(_random.Next(1, 1 << 10)));
            Links += tagged.Count;
            if (siren is not null && Sample.Siren is null && _random.Next(1000) == 0)
            {
                Sample = (siren, communeCode, word, commune.Name);
            }

            return new ActorRow(actor, _now.AddMinutes(-_random.Next(0, 5 * 365 * 24 * 60)), tagged.Select(c => c.Id).ToList());
        }
#pragma warning restore CA5394

        private static string Acronym(string name) =>
            string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsLetter(w[0])).Take(4).Select(w => char.ToUpperInvariant(w[0])));
    }
}
