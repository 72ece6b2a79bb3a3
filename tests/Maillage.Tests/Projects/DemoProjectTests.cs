using Maillage.Projects;
using Maillage.Tests.Infrastructure;
using Maillage.Territories;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Tests.Projects;

/// <summary>The demonstration territory carries the Charenton-Saint-Maurice project of source 003, once.</summary>
public abstract class DemoProjectTests(MaillageApp app)
{
    [Fact]
    public async Task Demo_territory_holds_the_Charenton_project_with_its_phases_deliverables_and_copils()
    {
        var territory = await DemoTerritory.EnsureAsync(app.Services, TestContext.Current.CancellationToken);
        await DemoTerritory.EnsureAsync(app.Services, TestContext.Current.CancellationToken);

        var project = await app.WithDbAsync(db => db.Projects.Include(p => p.Phases).Include(p => p.Deliverables).Include(p => p.Copils)
            .AsSplitQuery().SingleAsync(p => p.TerritoryId == territory.Id, TestContext.Current.CancellationToken));
        project.Name.ShouldBe(DemoProject.Name);
        project.PerimeterCodes.ShouldBe("94018 94069");
        project.TargetsCompanies.ShouldBeTrue();
        project.Themes.ShouldBe("insertion emploi handicap precarite environnement");
        project.Phases.ShouldAllBe(p => p.StartDate != null && p.EndDate != null && p.Method != null);
        project.Deliverables.Count.ShouldBe(6);
        project.Copils.Select(c => c.Label).ShouldBe(["Copil de cadrage", "Copil de lancement", "Copil intermédiaire", "Copil de bilan"], ignoreOrder: true);
        ProjectTimeline.Of(project)!.Bars.Count.ShouldBe(4);
    }
}

public sealed class DemoProjectTests_Sqlite(SqliteApp app) : DemoProjectTests(app), IClassFixture<SqliteApp>;

public sealed class DemoProjectTests_PostgreSql(PostgresApp app) : DemoProjectTests(app), IClassFixture<PostgresApp>;
