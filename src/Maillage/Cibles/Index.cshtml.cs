using System.ComponentModel.DataAnnotations;
using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Cibles;

/// <summary>The name, centre and rings of a cible, as the forms post them.</summary>
public sealed class CibleForm
{
    [Required(ErrorMessage = "Nom : donnez un nom à la cible.")]
    [StringLength(Cible.NameMaxLength, ErrorMessage = "Nom : {1} caractères au plus.")]
    public string? Name { get; set; }

    [StringLength(Cible.CentreMaxLength, ErrorMessage = "Centre : {1} caractères au plus.")]
    public string? Centre { get; set; }

    [Range(Cible.MinRings, Cible.MaxRings, ErrorMessage = "Anneaux : une cible a de 3 à 5 anneaux.")]
    public int RingCount { get; set; } = Cible.DefaultRings;

    /// <summary>Five fields; those beyond <see cref="RingCount"/> are ignored, empty ones take the default name.</summary>
    public List<string?> Rings { get; set; } = [];

    public long? Version { get; set; }

    /// <summary>On creation: the project whose cible this is (null: the organisation's).</summary>
    public Guid? ProjectId { get; set; }

    /// <summary>On creation of a project's cible: the participants kept as the actors to consider (step 1).</summary>
    public List<Guid> ActorIds { get; set; } = [];

    public static CibleForm Of(Cible cible) => new()
    {
        Name = cible.Name,
        Centre = cible.Centre,
        RingCount = cible.RingCount,
        Rings = [.. cible.Rings],
        Version = cible.Version,
    };

    public IReadOnlyList<string?> RingNames => [.. Rings.Take(RingCount)];
}

/// <summary>A project a new cible is drawn for, with its participants proposed as the actors to consider.</summary>
public sealed record CibleProjectChoice(Guid Id, string Name, IReadOnlyList<(Guid ActorId, string Name)> Participants);

/// <summary>The territory's cibles, and a new one — the organisation's, or a project's (<c>?projet=</c>).</summary>
[TerritoryPage(TerritoryRole.Lecteur, TerritoryRole.Pilote)]
public sealed class IndexModel(AppDbContext db, CurrentTerritory territory) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(Guid Id, string Name, string? Centre, int RingCount, int Actors, DateTime UpdatedAt, Guid? ProjectId, string? ProjectName);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }

    /// <summary>From the query string: "page" is also Razor Pages' own route value, which binding would read first.</summary>
    public int PageNumber { get; private set; } = 1;

    public bool CanEdit { get; private set; }

    /// <summary>The project the new cible is for, when the page was opened from it (or the form posted for it).</summary>
    public CibleProjectChoice? Project { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    [BindProperty]
    public CibleForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid territoryId, Guid? projet, CancellationToken cancellationToken)
    {
        await LoadAsync(territoryId, cancellationToken);
        if (projet is not null)
        {
            Project = await ProjectChoiceAsync(territoryId, projet.Value, cancellationToken);
            if (Project is null)
            {
                return NotFound();
            }

            // Pre-filled: the project at the centre, every participant proposed for step 1.
            Input.ProjectId = Project.Id;
            Input.Name = Truncate($"Cible du projet « {Project.Name} »", Cible.NameMaxLength);
            Input.Centre = Truncate(Project.Name, Cible.CentreMaxLength);
            Input.ActorIds = [.. Project.Participants.Select(p => p.ActorId)];
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        await LoadAsync(territoryId, cancellationToken);
        if (Input.ProjectId is { } projectId)
        {
            Project = await ProjectChoiceAsync(territoryId, projectId, cancellationToken);
            if (Project is null)
            {
                return NotFound();
            }
        }

        // Only the project's own participants, up to what a cible can show.
        var chosen = Project?.Participants.Where(p => Input.ActorIds.Contains(p.ActorId)).Select(p => p.ActorId).Take(Cible.MaxActors).ToList() ?? [];
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var cible = new Cible(territoryId, Input.Name!, Input.Centre, Input.RingNames, Input.RingCount, Project?.Id);
        db.Cibles.Add(cible);
        foreach (var actorId in chosen)
        {
            var actor = await db.Actors.AsNoTracking().SingleAsync(a => a.Id == actorId && a.TerritoryId == territoryId, cancellationToken);
            db.CiblePlacements.Add(new CiblePlacement(cible, actor));
        }

        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = chosen.Count > 0
            ? $"Cible « {cible.Name} » créée avec {chosen.Count} acteur{(chosen.Count > 1 ? "s" : "")} du projet hors cible : placez-les à l'étape 2."
            : $"Cible « {cible.Name} » créée : commencez par l'étape 1, les acteurs à considérer.";
        return Redirect($"{ShowModel.PageUrl(territoryId, cible.Id)}#etape-1");
    }

    private async Task<CibleProjectChoice?> ProjectChoiceAsync(Guid territoryId, Guid projectId, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == projectId && p.TerritoryId == territoryId)
            .Select(p => new { p.Id, p.Name }).SingleOrDefaultAsync(cancellationToken);
        if (project is null)
        {
            return null;
        }

        var participants = await db.ProjectParticipations.AsNoTracking().Where(p => p.ProjectId == projectId && p.TerritoryId == territoryId)
            .Join(db.Actors, p => p.ActorId, a => a.Id, (p, a) => new { a.Id, a.Name, a.NameKey })
            .Distinct().OrderBy(a => a.NameKey).ThenBy(a => a.Id).Take(Cible.MaxActors)
            .ToListAsync(cancellationToken);
        return new CibleProjectChoice(project.Id, project.Name, [.. participants.Select(a => (a.Id, a.Name))]);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)].TrimEnd() + "…";

    private async Task LoadAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        CanEdit = territory.Required.Can(TerritoryRole.Pilote);
        PageNumber = int.TryParse(Request.Query["page"], out var number) && number > 0 ? number : 1;
        var query = db.Cibles.AsNoTracking().Where(c => c.TerritoryId == territoryId);
        Total = await query.CountAsync(cancellationToken);
        Rows = await query.OrderBy(c => c.Name).ThenBy(c => c.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(c => new Row(c.Id, c.Name, c.Centre, c.RingCount, db.CiblePlacements.Count(p => p.CibleId == c.Id), c.UpdatedAt,
                c.ProjectId, db.Projects.Where(p => p.Id == c.ProjectId).Select(p => p.Name).FirstOrDefault()))
            .ToListAsync(cancellationToken);
    }
}
