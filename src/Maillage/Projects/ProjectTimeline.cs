namespace Maillage.Projects;

/// <summary>One bar of the planning: a span placed in percent of the project's whole span.</summary>
public sealed record TimelineBar(string Label, string CssClass, DateOnly Start, DateOnly End, double X, double Width);

/// <summary>One dated mark of the planning (a copil, a deliverable's due date).</summary>
public sealed record TimelineMark(string Label, string CssClass, DateOnly Date, double X);

/// <summary>
/// The planning as source 003 draws it (« Planning prévisionnel »): the project and its phases as bars, copils and
/// due dates as marks, each placed in percent of the span from the earliest to the latest date. Drawn as SVG by the
/// page, since the CSP refuses inline styles.
/// </summary>
public sealed record ProjectTimeline(DateOnly From, DateOnly To, IReadOnlyList<TimelineBar> Bars, IReadOnlyList<TimelineMark> Marks,
    IReadOnlyList<TimelineMark> Months)
{
    public static ProjectTimeline? Of(Project project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var dates = new List<DateOnly>();
        void Add(DateOnly? date)
        {
            if (date is { } d)
            {
                dates.Add(d);
            }
        }

        Add(project.StartDate);
        Add(project.EndDate);
        foreach (var phase in project.Phases)
        {
            Add(phase.StartDate);
            Add(phase.EndDate);
        }

        foreach (var copil in project.Copils)
        {
            Add(copil.Date);
        }

        foreach (var deliverable in project.Deliverables)
        {
            Add(deliverable.DueDate);
        }

        if (dates.Count == 0)
        {
            return null;
        }

        var from = dates.Min();
        var to = dates.Max();
        var days = Math.Max(1, to.DayNumber - from.DayNumber);
        double At(DateOnly date) => Math.Round(100.0 * (date.DayNumber - from.DayNumber) / days, 2);

        var bars = new List<TimelineBar>();
        if (project.StartDate is { } start && project.EndDate is { } end)
        {
            bars.Add(new TimelineBar("Projet", "timeline-project", start, end, At(start), Math.Max(0.5, At(end) - At(start))));
        }

        foreach (var phase in project.Phases.OrderBy(p => p.Kind))
        {
            if (phase.StartDate is { } s && phase.EndDate is { } e)
            {
                bars.Add(new TimelineBar(phase.Kind.ShortLabel(), "timeline-" + phase.Kind.Code(), s, e, At(s), Math.Max(0.5, At(e) - At(s))));
            }
        }

        var marks = project.Copils.OrderBy(c => c.Date)
            .Select(c => new TimelineMark(c.Label ?? "Comité de pilotage", "timeline-copil", c.Date, At(c.Date)))
            .Concat(project.Deliverables.Where(d => d.DueDate is not null).OrderBy(d => d.DueDate)
                .Select(d => new TimelineMark(d.Title, "timeline-deliverable", d.DueDate!.Value, At(d.DueDate.Value))))
            .ToList();

        var months = new List<TimelineMark>();
        var month = new DateOnly(from.Year, from.Month, 1);
        if (month < from)
        {
            month = month.AddMonths(1);
        }

        var step = days > 3 * 366 ? 12 : days > 366 ? 3 : 1;
        for (; month <= to; month = month.AddMonths(step))
        {
            months.Add(new TimelineMark(month.ToString("MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), "timeline-month", month, At(month)));
        }

        return new ProjectTimeline(from, to, bars, marks, months);
    }
}
