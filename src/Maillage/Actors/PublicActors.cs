using Maillage.Data;
using Maillage.Territories;
using Maillage.Territories.Reference;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Actors;

/// <summary>How many public bodies of each kind, and how many « membre de » links between communes and their EPCI.</summary>
public sealed record PublicActorCounts(int Communes, int Epcis, int Departements, int Regions, int Relations)
{
    public int Actors => Communes + Epcis + Departements + Regions;
}

/// <summary>What the perimeter asks for: what is still to create, and what the directory already holds.</summary>
public sealed record PublicActorsPlan(PublicActorCounts ToCreate, PublicActorCounts AlreadyPresent)
{
    public bool NothingToDo => ToCreate.Actors == 0 && ToCreate.Relations == 0;
}

/// <summary>
/// The public bodies of a territory in one click: the communes of its perimeter, their EPCI, départements and
/// régions, taken from the embedded INSEE reference, as actors of the family « pouvoirs publics », each commune
/// « membre de » its EPCI. An actor already holding the body's SIREN is reused whatever its family; départements and
/// régions, which the reference gives without SIREN, are recognised by their subtype and perimeter. Running it twice
/// creates nothing the second time. Everything is saved at once: all of it, or nothing.
/// </summary>
public sealed class PublicActors(AppDbContext db, InseeReference reference)
{
    private const string MemberOf = "membre-de";

    private sealed record Body(AreaKind Kind, string Code, string Name, string? Siren, string? CommuneCode, string? PostalCode, string? EpciSiren)
    {
        public string Subtype => Kind switch
        {
            AreaKind.Commune => "commune",
            AreaKind.Epci => "epci",
            AreaKind.Departement => "departement",
            _ => "region",
        };

        public PerimeterArea Area => new(Kind, Code);
    }

    public async Task<PublicActorsPlan> PlanAsync(Guid territoryId, CancellationToken cancellationToken = default)
    {
        var work = await PrepareAsync(territoryId, cancellationToken);
        return work.Plan;
    }

    /// <summary>Creates what is missing in one save; answers what was created and what was already there.</summary>
    public async Task<PublicActorsPlan> CreateAsync(Guid territoryId, CancellationToken cancellationToken = default)
    {
        var work = await PrepareAsync(territoryId, cancellationToken);
        if (work.Plan.NothingToDo)
        {
            return work.Plan;
        }

        var catalog = await SubtypeCatalog.LoadAsync(db, territoryId, cancellationToken);
        var relationTypes = await RelationTypeCatalog.LoadAsync(db, territoryId, cancellationToken);
        var created = new List<Actor>(work.Missing.Count);
        foreach (var body in work.Missing)
        {
            var actor = new Actor(territoryId, body.Name, null, ActorFamily.PouvoirsPublics);
            actor.Classify(ActorFamily.PouvoirsPublics, body.Subtype, catalog);
            actor.SetIdentifiers(body.Siren, null, null);
            actor.SetAddress(null, null, body.PostalCode, body.CommuneCode, reference);
            actor.SetPerimeter(Perimeter.Of([body.Area]));
            work.Actors[body] = actor;
            created.Add(actor);
        }

        db.Actors.AddRange(created);
        foreach (var (commune, epci) in work.MissingLinks)
        {
            db.ActorRelations.Add(new ActorRelation(work.Actors[commune], work.Actors[epci], MemberOf, relationTypes, null, null, null, null));
        }

        await db.SaveChangesAsync(cancellationToken);
        return work.Plan;
    }

    private sealed record Work(PublicActorsPlan Plan, List<Body> Missing, Dictionary<Body, Actor> Actors, List<(Body Commune, Body Epci)> MissingLinks);

    private async Task<Work> PrepareAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        var territory = await db.Territories.AsNoTracking().SingleOrDefaultAsync(t => t.Id == territoryId, cancellationToken)
            ?? throw new NotFoundException("Territoire introuvable.");
        var bodies = BodiesOf(territory.Perimeter);
        if (bodies.Count == 0)
        {
            throw new DomainException("Périmètre : définissez d'abord le périmètre du territoire (communes, EPCI, départements ou régions) ; " +
                                      "les acteurs publics en sont tirés.");
        }

        // Existing actors holding one of the SIREN, whatever their family, and the public bodies known by their perimeter.
        var sirens = bodies.Select(b => b.Siren).OfType<string>().ToList();
        var bySiren = (await db.Actors.AsNoTracking()
                .Where(a => a.TerritoryId == territoryId && a.Siren != null && sirens.Contains(a.Siren))
                .ToListAsync(cancellationToken))
            .GroupBy(a => a.Siren!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(a => a.CreatedAt).First(), StringComparer.Ordinal);
        string[] withoutSirenSubtypes = ["departement", "region"];
        var byArea = (await db.Actors.AsNoTracking()
                .Where(a => a.TerritoryId == territoryId && a.Family == ActorFamily.PouvoirsPublics && withoutSirenSubtypes.Contains(a.Subtype!))
                .ToListAsync(cancellationToken))
            .GroupBy(a => (a.Subtype!, a.PerimeterCodes))
            .ToDictionary(g => g.Key, g => g.OrderBy(a => a.CreatedAt).First());

        var actors = new Dictionary<Body, Actor>();
        var missing = new List<Body>();
        foreach (var body in bodies)
        {
            var existing = body.Siren is { } siren
                ? bySiren.GetValueOrDefault(siren)
                : byArea.GetValueOrDefault((body.Subtype, body.Area.ToString()));
            if (existing is null)
            {
                missing.Add(body);
            }
            else
            {
                actors[body] = existing;
            }
        }

        var epcis = bodies.Where(b => b.Kind == AreaKind.Epci).ToDictionary(b => b.Code, StringComparer.Ordinal);
        var links = bodies.Where(b => b.Kind == AreaKind.Commune && b.EpciSiren is not null && epcis.ContainsKey(b.EpciSiren))
            .Select(c => (Commune: c, Epci: epcis[c.EpciSiren!]))
            .ToList();
        var existingIds = actors.Values.Select(a => a.Id).ToList();
        var existingLinks = (await db.ActorRelations.AsNoTracking()
                .Where(r => r.TerritoryId == territoryId && r.Type == MemberOf && existingIds.Contains(r.SourceActorId))
                .Select(r => new { r.SourceActorId, r.TargetActorId })
                .ToListAsync(cancellationToken))
            .Select(r => (r.SourceActorId, r.TargetActorId))
            .ToHashSet();
        var missingLinks = links
            .Where(l => !(actors.TryGetValue(l.Commune, out var c) && actors.TryGetValue(l.Epci, out var e) && existingLinks.Contains((c.Id, e.Id))))
            .ToList();

        var plan = new PublicActorsPlan(
            Count(missing, missingLinks.Count),
            Count(actors.Keys, links.Count - missingLinks.Count));
        return new Work(plan, missing, actors, missingLinks);
    }

    private static PublicActorCounts Count(IEnumerable<Body> bodies, int relations)
    {
        var list = bodies.ToList();
        return new PublicActorCounts(
            list.Count(b => b.Kind == AreaKind.Commune),
            list.Count(b => b.Kind == AreaKind.Epci),
            list.Count(b => b.Kind == AreaKind.Departement),
            list.Count(b => b.Kind == AreaKind.Region),
            relations);
    }

    /// <summary>The communes the perimeter covers, then the EPCI, départements and régions they belong to.</summary>
    private List<Body> BodiesOf(Perimeter perimeter)
    {
        var communes = perimeter.Areas
            .SelectMany(a => reference.CommuneCodesOf(a.Kind, a.Code))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(reference.FindCommune)
            .OfType<Commune>()
            .ToList();
        var bodies = new List<Body>(communes.Count + 64);
        bodies.AddRange(communes.Select(c => new Body(AreaKind.Commune, c.Code, c.Name, c.Siren, c.Code,
            c.PostalCodes.Count == 1 ? c.PostalCodes[0] : null, c.EpciSiren)));
        bodies.AddRange(communes.Select(c => c.EpciSiren).OfType<string>().Distinct(StringComparer.Ordinal)
            .Select(reference.FindEpci).OfType<Epci>()
            .Select(e => new Body(AreaKind.Epci, e.Siren, e.Name, e.Siren, null, null, null)));
        bodies.AddRange(communes.Select(c => c.DepartementCode).Distinct(StringComparer.Ordinal)
            .Select(reference.FindDepartement).OfType<Departement>()
            .Select(d => new Body(AreaKind.Departement, d.Code, $"{d.Name} (département)", d.Siren, ChefLieu(d.ChefLieuCode), null, null)));
        bodies.AddRange(communes.Select(c => c.RegionCode).Distinct(StringComparer.Ordinal)
            .Select(reference.FindRegion).OfType<Region>()
            .Select(r => new Body(AreaKind.Region, r.Code, $"{r.Name} (région)", r.Siren, ChefLieu(r.ChefLieuCode), null, null)));
        return bodies;
    }

    /// <summary>The seat of a département or région council: its chef-lieu, when the reference holds it.</summary>
    private string? ChefLieu(string? code) => code is not null && reference.FindCommune(code) is not null ? code : null;
}

/// <summary>The French sentences that tell what the creation of the public actors did or would do.</summary>
public static class PublicActorsReport
{
    public static string Describe(PublicActorsPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var present = plan.AlreadyPresent;
        if (plan.NothingToDo)
        {
            return $"Rien à créer : {Plural(present.Actors, "acteur public", "acteurs publics")} du périmètre " +
                   $"({Detail(present)}) {(present.Actors > 1 ? "sont" : "est")} déjà dans l'annuaire, " +
                   $"avec {Plural(present.Relations, "relation « membre de »", "relations « membre de »")}.";
        }

        var created = plan.ToCreate;
        var text = $"{Plural(created.Actors, "acteur public créé", "acteurs publics créés")} ({Detail(created)}) " +
                   $"et {Plural(created.Relations, "relation « membre de » créée", "relations « membre de » créées")}.";
        if (present.Actors > 0)
        {
            text += $" Déjà présents et repris : {Plural(present.Actors, "acteur", "acteurs")} ({Detail(present)}).";
        }

        return text;
    }

    public static string Detail(PublicActorCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return string.Join(", ", new[]
        {
            Plural(counts.Communes, "commune", "communes"),
            Plural(counts.Epcis, "EPCI", "EPCI"),
            Plural(counts.Departements, "département", "départements"),
            Plural(counts.Regions, "région", "régions"),
        });
    }

    private static string Plural(int n, string one, string many) =>
        n.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("fr-FR")) + " " + (n > 1 ? many : one);
}
