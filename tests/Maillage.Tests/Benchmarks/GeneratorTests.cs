using System.Text;
using ExcelDataReader;
using Maillage.Actors;
using Maillage.Bench.Generation;
using Maillage.Bench.Loading;
using Maillage.Data;
using Maillage.Territories.Reference;
using Maillage.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Benchmarks;

/// <summary>The benchmark's generated territory is what it claims: real places, valid identifiers, heavy-tailed ties, the same for a seed.</summary>
public sealed class GeneratorTests
{
    private static readonly InseeReference Reference = InseeReference.LoadEmbedded();

    [Fact]
    public void Same_seed_same_territory_with_the_real_public_actors_first()
    {
        var options = new GeneratorOptions { Actors = 3_000, Departement = "69" };
        var first = new TerritoryGenerator(options, Reference).Actors().Select(a => (a.Name, a.Siret, a.Rna, a.CommuneCode, a.CompetenceLabels)).ToList();
        var again = new TerritoryGenerator(options, Reference).Actors().Select(a => (a.Name, a.Siret, a.Rna, a.CommuneCode, a.CompetenceLabels)).ToList();
        again.ShouldBe(first);
        var other = new TerritoryGenerator(options with { Seed = 7 }, Reference).Actors().Skip(400).Take(50).Select(a => a.Name).ToList();
        other.ShouldNotBe(first.Skip(400).Take(50).Select(a => a.Name).ToList());

        var communes = Reference.CommuneCodesOf(AreaKind.Departement, "69");
        var generator = new TerritoryGenerator(options, Reference);
        var actors = generator.Actors().ToList();
        actors.Count.ShouldBe(3_000);
        actors[0].Name.ShouldBe("Région " + Reference.FindRegion("84")!.Name);
        actors[1].Subtype.ShouldBe("departement");
        actors.Count(a => a.Subtype == "commune").ShouldBe(communes.Count);
        actors.Where(a => a.Subtype == "commune").Select(a => a.CommuneCode).ShouldBe(communes.Order(StringComparer.Ordinal), ignoreOrder: true);
        actors.Where(a => a.Subtype == "epci").ShouldAllBe(a => Reference.FindEpci(a.Siren!) != null);
        actors.ShouldAllBe(a => a.CommuneCode != null && Reference.FindCommune(a.CommuneCode) != null);
    }

    [Fact]
    public void Companies_and_associations_carry_valid_identifiers_and_ties_are_heavy_tailed()
    {
        var generator = new TerritoryGenerator(new GeneratorOptions { Actors = 5_000 }, Reference);
        var actors = generator.Actors().ToList();
        var companies = actors.Where(a => a.Family == ActorFamily.Entreprises).ToList();
        companies.Count.ShouldBeGreaterThan(2_000);
        companies.ShouldAllBe(a => Identifiers.IsValidSiren(a.Siren) && a.NafCode != null && NafVersions.NormalizeCode(a.NafCode) == a.NafCode);
        companies.Where(a => a.Siret != null).ShouldAllBe(a => Identifiers.IsValidSiret(a.Siret) && a.Siret!.StartsWith(a.Siren!, StringComparison.Ordinal));
        var associations = actors.Where(a => a.Family == ActorFamily.Associations).ToList();
        associations.Count(a => a.Rna != null).ShouldBeGreaterThan(associations.Count / 2);
        associations.Where(a => a.Rna != null).ShouldAllBe(a => Identifiers.IsValidRna(a.Rna));

        generator.Contacts().Count().ShouldBeGreaterThan(3_000);
        var relations = generator.Relations().ToList();
        var mean = 2.0 * relations.Count / actors.Count;
        var sample = generator.Sample();
        // Preferential attachment: the best-connected actor has many times the mean degree (a uniform draw would not).
        sample.HubDegree.ShouldBeGreaterThan((int)(10 * mean));
        relations.ShouldAllBe(r => !Equals(r[2], r[3]));
        relations.Select(r => (string)r[4]!).Distinct().ShouldAllBe(code => RelationTypeCatalog.DefaultsOnly.Find(code) != null);
    }

    [Fact]
    public void Relations_per_actor_scales_the_network_and_keeps_its_heavy_tail()
    {
        var generator = new TerritoryGenerator(new GeneratorOptions { Actors = 4_000, RelationsPerActor = 3 }, Reference);
        var actors = generator.Actors().Count();
        var relations = generator.Relations().ToList();
        // Issue 5's 300,000 relations at 100,000 actors is 3 per actor.
        (relations.Count / (double)actors).ShouldBeInRange(2.85, 3.15);
        relations.Select(r => ((Guid)r[2]!, (Guid)r[3]!)).Distinct().Count().ShouldBe(relations.Count);
        generator.Sample().HubDegree.ShouldBeGreaterThan(10 * 6);

        var plain = new TerritoryGenerator(new GeneratorOptions { Actors = 4_000 }, Reference);
        plain.Actors().Count().ShouldBe(4_000);
        (plain.Relations().Count() / 4_000.0).ShouldBeInRange(1.8, 2.0);
    }

    [Fact]
    public void Projects_have_a_public_pilote_a_financer_and_ten_to_forty_participations_in_waves()
    {
        var generator = new TerritoryGenerator(new GeneratorOptions { Actors = 6_000 }, Reference);
        var actors = generator.Actors().ToDictionary(a => a.Id);
        var tables = generator.Tables();
        var projects = generator.Projects().ToList();
        projects.Count.ShouldBe(3);
        var participations = tables.Single(t => t.Label == "participations");
        participations.Entity.ShouldBe(typeof(Maillage.Projects.ProjectParticipation));
        foreach (var project in projects)
        {
            project.Phases.Count.ShouldBe(Maillage.Projects.ProjectPhases.All.Count);
            var members = generator.ParticipationsOf(project.Id);
            members.Count.ShouldBeInRange(10, 40);
            members.Select(m => m.ActorId).Distinct().Count().ShouldBe(members.Count);
            members.ShouldAllBe(m => actors.ContainsKey(m.ActorId) && m.TerritoryId == generator.Territory.Id);
            var pilote = members.Single(m => m.Role == Maillage.Projects.ParticipationRoleCatalog.Pilote);
            actors[pilote.ActorId].Family.ShouldBe(ActorFamily.PouvoirsPublics);
            members.ShouldContain(m => m.Role == Maillage.Projects.ParticipationRoleCatalog.Financeur);
            members.Select(m => m.Wave).Distinct().Count().ShouldBeGreaterThan(1);
        }

        var sample = generator.Sample();
        sample.ProjectId.ShouldNotBeNull();
        sample.ProjectParticipants.ShouldBe(projects.Max(p => generator.ParticipationsOf(p.Id).Count));
    }

    [Fact]
    public void Import_files_have_the_contract_columns_in_french_excel_csv_and_xlsx()
    {
        var directory = Directory.CreateTempSubdirectory("maillage-bench-files-").FullName;
        try
        {
            var csvPath = Path.Combine(directory, "acteurs.csv");
            var xlsxPath = Path.Combine(directory, "acteurs.xlsx");
            var actors = new TerritoryGenerator(new GeneratorOptions { Actors = 500 }, Reference).Actors().ToList();
            ActorFiles.Write(actors, csvPath, xlsxPath).ShouldBe(500);

            var bytes = File.ReadAllBytes(csvPath);
            bytes.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
            var lines = File.ReadAllLines(csvPath, Encoding.UTF8);
            lines.Length.ShouldBe(501);
            lines[0].ShouldBe(string.Join(';', ActorFiles.Columns));
            lines[0].ShouldStartWith("Identifiant externe;Nom;Sigle;Famille;Sous-type;SIREN;SIRET;RNA;Code NAF;");

            // ExcelDataReader asks for Windows-1252 even for .xlsx.
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            using var stream = File.OpenRead(xlsxPath);
            using var reader = ExcelReaderFactory.CreateReader(stream);
            reader.Read().ShouldBeTrue();
            Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i)).ShouldBe(ActorFiles.Columns);
            var rows = new List<string?[]>();
            while (reader.Read())
            {
                rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i)?.ToString()).ToArray());
            }

            rows.Count.ShouldBe(500);
            for (var i = 0; i < actors.Count; i++)
            {
                rows[i].ShouldBe(ActorFiles.Row(actors[i], i + 1).Select(v => string.IsNullOrEmpty(v) ? null : v).ToArray());
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(DatabaseKind.Sqlite)]
    [InlineData(DatabaseKind.PostgreSql)]
    public async Task The_raw_bulk_load_fills_what_the_directory_reads(DatabaseKind kind)
    {
        var database = await TestDatabase.CreateAsync(kind, TestContext.Current.CancellationToken);
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(database.Settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build();
            await using var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddHttpContextAccessor()
                .AddMaillageDatabase(configuration).BuildServiceProvider();
            await DatabaseSetup.MigrateAsync(services, TestContext.Current.CancellationToken);
            var generator = new TerritoryGenerator(new GeneratorOptions { Actors = 1_500 }, Reference);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var load = await BulkLoader.LoadAsync(db, generator.Tables(), TestContext.Current.CancellationToken);

            load.Tables.Single(t => t.Label == "acteurs").Rows.ShouldBe(1_500);
            (await db.Actors.CountAsync(TestContext.Current.CancellationToken)).ShouldBe(1_500);
            (await db.Contacts.CountAsync(TestContext.Current.CancellationToken)).ShouldBe((int)load.Tables.Single(t => t.Label == "interlocuteurs").Rows);
            (await db.ActorRelations.CountAsync(TestContext.Current.CancellationToken)).ShouldBe((int)load.Tables.Single(t => t.Label == "relations").Rows);

            // The directory finds the loaded actors through its indexes: the full-text triggers (SQLite), the competence links.
            var directory = new ActorDirectory(db, Reference);
            var territoryId = generator.Territory.Id;
            var sample = generator.Sample();
            var solidaire = await directory.SearchAsync(territoryId, new DirectoryQuery { Q = sample.ContainsWord }, TestContext.Current.CancellationToken);
            var expected = await db.Actors.CountAsync(a => a.SearchText.Contains(sample.ContainsWord), TestContext.Current.CancellationToken);
            expected.ShouldBeGreaterThan(0);
            solidaire.Total.ShouldBe(expected);
            var competence = await directory.SearchAsync(territoryId, new DirectoryQuery { Competence = sample.Competence }, TestContext.Current.CancellationToken);
            competence.Total.ShouldBeGreaterThan(0);
            competence.Items.ShouldAllBe(r => r.CompetenceLabels.Contains(sample.Competence, StringComparison.Ordinal));

            var hub = await db.Actors.AsNoTracking().SingleAsync(a => a.Id == sample.HubId, TestContext.Current.CancellationToken);
            (await db.ActorRelations.CountAsync(r => r.SourceActorId == hub.Id || r.TargetActorId == hub.Id, TestContext.Current.CancellationToken))
                .ShouldBe(sample.HubDegree);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            database.DeleteFiles();
        }
    }
}
