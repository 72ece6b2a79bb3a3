using Maillage.Actors;
using Maillage.Tests.Infrastructure;
using Maillage.Territories;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Territories;

public abstract class DemoTerritoryTests(MaillageApp app)
{
    [Fact]
    public async Task Demo_territory_holds_the_actors_of_the_source_texts_in_all_five_families_once()
    {
        var first = await DemoTerritory.EnsureAsync(app.Services, TestContext.Current.CancellationToken);
        var second = await DemoTerritory.EnsureAsync(app.Services, TestContext.Current.CancellationToken);

        second.Id.ShouldBe(first.Id);
        var (families, actors, contacts, relations, perimeter) = await app.WithDbAsync(async db => (
            await db.Actors.Where(a => a.TerritoryId == first.Id).Select(a => a.Family).Distinct().CountAsync(),
            await db.Actors.CountAsync(a => a.TerritoryId == first.Id),
            await db.Contacts.CountAsync(c => c.TerritoryId == first.Id),
            await db.ActorRelations.CountAsync(r => r.TerritoryId == first.Id),
            await db.Territories.Where(t => t.Id == first.Id).Select(t => t.PerimeterCodes).SingleAsync()));

        families.ShouldBe(Enum.GetValues<ActorFamily>().Length);
        actors.ShouldBe(12);
        contacts.ShouldBe(4);
        relations.ShouldBe(8);
        perimeter.ShouldBe("94018 94069");
        (await app.WithDbAsync(db => db.Actors.AnyAsync(a => a.TerritoryId == first.Id && a.Name == "Maison de l'emploi de Charenton-Saint-Maurice")))
            .ShouldBeTrue();
    }
}

public sealed class DemoTerritoryTests_Sqlite(SqliteApp app) : DemoTerritoryTests(app), IClassFixture<SqliteApp>;

public sealed class DemoTerritoryTests_PostgreSql(PostgresApp app) : DemoTerritoryTests(app), IClassFixture<PostgresApp>;
