using Maillage.Projects;
using Maillage.Territories;

namespace Maillage.Tests.Projects;

/// <summary>The project's own rules and the planning's geometry, without I/O.</summary>
public sealed class ProjectRulesTests
{
    private static ProjectFrame Frame(DateOnly? start, DateOnly? end, params string[] themes) =>
        new("Agir ensemble sur le territoire", null, null, Perimeter.Parse("94018 94069"), null, null, null, null,
            ProjectThemes.Parse(themes), null, start, end, TargetsCompanies: true);

    [Fact]
    public void A_new_project_has_the_three_parts_of_the_frame()
    {
        var project = new Project(Guid.NewGuid(), "Agir ensemble sur le territoire");

        project.Phases.Select(p => p.Kind).ShouldBe([ProjectPhaseKind.Preparation, ProjectPhaseKind.Experimentation, ProjectPhaseKind.Evaluation]);
        project.Phases.ShouldAllBe(p => p.AuditKey.StartsWith(project.Id + "/", StringComparison.Ordinal));
    }

    [Fact]
    public void An_end_before_the_start_is_refused_and_changes_nothing()
    {
        var project = new Project(Guid.NewGuid(), "Agir ensemble");

        var error = Should.Throw<DomainException>(() => project.Frame(Frame(new DateOnly(2012, 12, 31), new DateOnly(2012, 1, 1))));

        error.Message.ShouldStartWith("Date de fin : le 01/01/2012 précède");
        project.StartDate.ShouldBeNull();
        project.Name.ShouldBe("Agir ensemble");
    }

    [Fact]
    public void Themes_are_stored_in_a_stable_order_and_an_unknown_theme_is_named()
    {
        var project = new Project(Guid.NewGuid(), "Agir ensemble");
        project.Frame(Frame(null, null, "environnement", "emploi", "emploi", "insertion"));

        project.Themes.ShouldBe("insertion emploi environnement");
        Should.Throw<DomainException>(() => ProjectThemes.Parse(["sport"])).Message.ShouldContain("« sport » inconnu");
    }

    [Fact]
    public void Two_copils_on_the_same_day_are_refused()
    {
        var project = new Project(Guid.NewGuid(), "Agir ensemble");
        project.AddCopil(new DateOnly(2012, 1, 15), "Copil de lancement");

        Should.Throw<DomainException>(() => project.AddCopil(new DateOnly(2012, 1, 15), null)).Message.ShouldContain("déjà prévu le 15/01/2012");
    }

    [Fact]
    public void Timeline_places_phases_copils_and_due_dates_on_the_project_span()
    {
        var project = new Project(Guid.NewGuid(), "Agir ensemble");
        project.Frame(Frame(new DateOnly(2012, 1, 1), new DateOnly(2012, 12, 31)));
        project.Phase(ProjectPhaseKind.Experimentation).Update(null, null, null, new DateOnly(2012, 1, 1), new DateOnly(2012, 6, 30));
        project.AddCopil(new DateOnly(2012, 7, 1), "Copil intermédiaire");
        project.AddDeliverable(ProjectPhaseKind.Evaluation, "Restitution", new DateOnly(2012, 12, 31), "Le RAMEAU", DeliverableStatus.Planned);

        var timeline = ProjectTimeline.Of(project)!;

        timeline.From.ShouldBe(new DateOnly(2012, 1, 1));
        timeline.To.ShouldBe(new DateOnly(2012, 12, 31));
        timeline.Bars.Select(b => b.CssClass).ShouldBe(["timeline-project", "timeline-experimentation"]);
        timeline.Bars[0].Width.ShouldBe(100);
        timeline.Bars[1].Width.ShouldBe(49.59, 0.01);
        timeline.Marks.Single(m => m.CssClass == "timeline-copil").X.ShouldBe(49.86, 0.01);
        timeline.Marks.Single(m => m.CssClass == "timeline-deliverable").X.ShouldBe(100);
        timeline.Months.Count.ShouldBe(12);
        ProjectTimeline.Of(new Project(Guid.NewGuid(), "Sans dates")).ShouldBeNull();
    }
}
