using System.Globalization;
using Bogus;
using Maillage.Actors;
using Maillage.Bench.Loading;
using Maillage.Projects;
using Maillage.Territories;
using Maillage.Territories.Reference;

namespace Maillage.Bench.Generation;

public sealed record GeneratorOptions
{
    public const int DefaultSeed = 20261122;

    /// <summary>Rhône: 267 communes, Lyon and its métropole, rural EPCI — a varied territory.</summary>
    public const string DefaultDepartement = "69";

    public int Actors { get; init; } = 10_000;
    public string Departement { get; init; } = DefaultDepartement;
    public int Seed { get; init; } = DefaultSeed;

    /// <summary>
    /// Relations per actor on average; null keeps the generator's own draw (about 1.95, a mean degree of 3.9). Issue 5's
    /// « 100,000 actors and 300,000 relations » is 3.
    /// </summary>
    public double? RelationsPerActor { get; init; }

    /// <summary>One project per this many actors (at least one project), each with 10 to 40 participations.</summary>
    public int ActorsPerProject { get; init; } = 2_000;
}

/// <summary>What the runner's queries look for, drawn from the generated data rather than written by hand.</summary>
public sealed record GeneratedSample(
    string CommuneCode,
    string CommuneName,
    string EpciSiren,
    string Competence,
    string NamePrefix,
    string ContainsWord,
    IReadOnlyList<Guid> ActorIds,
    Guid HubId,
    int HubDegree,
    Guid? ProjectId,
    int ProjectParticipants,
    int Relations);

/// <summary>
/// A realistic territory at any scale, the same for a given seed: the real communes, EPCI, département and région of
/// a département (INSEE reference embedded in the app) as public actors, then companies (valid SIREN/SIRET, NAF
/// sub-classes, workforce bands), associations (RNA), employment and training operators, economic development
/// actors and State services, located in the département's communes in proportion to their population; 0 to 3
/// contacts each; relations by preferential attachment (a new actor ties itself to actors already well connected,
/// so degrees are heavy-tailed: the public actors become hubs). Entities are built with the domain's own methods, so
/// name keys, search text and competence labels are exactly the app's.
/// <para>
/// <see cref="Actors"/> streams (a million actors are never held at once); contacts and relations are produced while
/// it runs and read afterwards, in the order a bulk load needs them (<see cref="Tables"/>).
/// </para>
/// <para>
/// Projects (one per <see cref="GeneratorOptions.ActorsPerProject"/> actors) come after the actors, with their phases and
/// 10 to 40 participations each: a public actor as pilote, the région or the département as financeur, then operators
/// and partners drawn among all actors in two or three waves. Their participants are chosen before the actors stream,
/// so only those few actors are held.
/// </para>
/// </summary>
public sealed class TerritoryGenerator
{
    public const string Author = "banc@exemple.fr";

    private static readonly DateTime Origin = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly GeneratorOptions _options;
    private readonly InseeReference _reference;
    private readonly Departement _departement;
    private readonly Region _region;
    private readonly List<Commune> _communes;
    private readonly long[] _cumulativePopulation;
    private readonly List<Epci> _epcis;
    private readonly Guid[] _ids;
    private readonly List<int> _endpoints = [];
    private readonly int[] _degrees;
    private readonly List<Contact> _contacts = [];
    private readonly List<(int Source, int Target, byte Type, byte Strength, short StartDays)> _relations = [];
    private readonly HashSet<long> _pairs = [];
    private readonly List<List<int>> _projectMembers = [];
    private readonly Dictionary<int, Actor> _held = [];
    private readonly List<Project> _projects = [];
    private readonly List<ProjectParticipation> _participations = [];
    private bool _generated;

    public TerritoryGenerator(GeneratorOptions options, InseeReference reference)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _reference = reference ?? throw new ArgumentNullException(nameof(reference));
        _departement = reference.FindDepartement(options.Departement)
            ?? throw new ArgumentException($"Département inconnu : {options.Departement}", nameof(options));
        _region = reference.FindRegion(_departement.RegionCode)!;
        _communes = reference.CommuneCodesOf(AreaKind.Departement, _departement.Code).Select(c => reference.FindCommune(c)!)
            .OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        _cumulativePopulation = new long[_communes.Count];
        long sum = 0;
        for (var i = 0; i < _communes.Count; i++)
        {
            sum += Math.Max(1, _communes[i].Population);
            _cumulativePopulation[i] = sum;
        }

        var inDepartement = _communes.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        _epcis = reference.Epcis.Where(e => e.MemberCodes.Any(inDepartement.Contains)).OrderBy(e => e.Siren, StringComparer.Ordinal).ToList();
        _ids = new Guid[options.Actors];
        _degrees = new int[options.Actors];
        Territory = new Territory($"Banc d'essai — {_departement.Name} ({options.Actors:N0} acteurs)", "Territoire généré par le banc d'essai.",
            Perimeter.Parse(_departement.Code));
        Competences = Catalogs.Competences.Select(label => new Competence(Territory.Id, label)).ToList();
        foreach (var competence in Competences)
        {
            competence.StampCreated(Origin.AddYears(-5), Author);
        }

        Territory.StampCreated(Origin.AddYears(-5), Author);
        ChooseProjectMembers();
    }

    public Territory Territory { get; }
    public IReadOnlyList<Competence> Competences { get; }
    public int PublicActorCount => Math.Min(_options.Actors, _communes.Count + _epcis.Count + 2);

    /// <summary>The ids of the actors generated so far, in order.</summary>
    public IReadOnlyList<Guid> ActorIds => _ids;

    /// <summary>The tables of a bulk load, in foreign-key order; each is read once, after the previous one.</summary>
    public IReadOnlyList<BulkTable> Tables() =>
    [
        BulkTable.Of("territoire", [Territory]),
        BulkTable.Of("compétences", Competences),
        BulkTable.Of("acteurs", Actors()),
        BulkTable.Of("liens acteur–compétence", Links()),
        BulkTable.Of("interlocuteurs", Contacts()),
        BulkTable.OfValues<ActorRelation>("relations", RelationProperties, Relations()),
        BulkTable.Of("projets", Projects()),
        BulkTable.Of("phases de projet", _projects.SelectMany(p => p.Phases)),
        BulkTable.Of("participations", _participations),
    ];

    /// <summary>The projects, built once the actors have streamed (their participations are recorded alongside).</summary>
    public IEnumerable<Project> Projects()
    {
        if (!_generated)
        {
            throw new InvalidOperationException("Les projets se construisent après les acteurs (Actors()).");
        }

        if (_projects.Count == 0)
        {
            BuildProjects();
        }

        foreach (var project in _projects)
        {
            yield return project;
        }
    }

    /// <summary>The participations of a generated project, once <see cref="Projects"/> has run.</summary>
    public IReadOnlyList<ProjectParticipation> ParticipationsOf(Guid projectId) => [.. _participations.Where(p => p.ProjectId == projectId)];

    /// <summary>The actors, streamed; contacts and relations are recorded as they go.</summary>
    public IEnumerable<Actor> Actors()
    {
        if (_generated)
        {
            throw new InvalidOperationException("Un générateur ne produit ses acteurs qu'une fois : créez-en un autre (même graine, mêmes données).");
        }

        _generated = true;
#pragma warning disable CA5394 // Deterministic test data, not security.
        var random = new Random(_options.Seed);
        var faker = new Faker("fr") { Random = new Randomizer(_options.Seed) };
        var index = 0;
        foreach (var actor in PublicActors())
        {
            if (index == _options.Actors)
            {
                yield break;
            }

            Finish(actor, index++, random, faker);
            yield return actor;
        }

        while (index < _options.Actors)
        {
            var roll = random.Next(100);
            var actor = roll switch
            {
                < 62 => Company(random, faker),
                < 87 => Association(random, faker),
                < 94 => Employment(random),
                < 97 => Economic(random),
                _ => StateService(random),
            };
            Finish(actor, index++, random, faker);
            yield return actor;
        }
#pragma warning restore CA5394
    }

    public IEnumerable<ActorCompetence> Links() => _linkBuffer;

    public IEnumerable<Contact> Contacts() => _contacts;

    public static readonly IReadOnlyList<string> RelationProperties =
    [
        nameof(ActorRelation.Id), nameof(ActorRelation.TerritoryId), nameof(ActorRelation.SourceActorId), nameof(ActorRelation.TargetActorId),
        nameof(ActorRelation.Type), nameof(ActorRelation.StartDate), nameof(ActorRelation.EndDate), nameof(ActorRelation.Strength),
        nameof(ActorRelation.Notes), nameof(ActorRelation.CreatedAt), nameof(ActorRelation.CreatedBy), nameof(ActorRelation.UpdatedAt),
        nameof(ActorRelation.UpdatedBy), nameof(ActorRelation.Version),
    ];

    /// <summary>
    /// The relations as rows of <see cref="RelationProperties"/>: <see cref="ActorRelation"/>'s constructor wants both
    /// actors, which the stream no longer holds; its rules (a type of the catalogue, two distinct actors of one
    /// territory, no repetition) are kept here by construction.
    /// </summary>
    public IEnumerable<object?[]> Relations()
    {
        var catalog = RelationTypeCatalog.DefaultsOnly;
        foreach (var (source, target, type, strength, startDays) in _relations)
        {
            var code = catalog.Find(Catalogs.RelationWeights[type].Type)!.Code;
            var start = startDays < 0 ? (DateOnly?)null : DateOnly.FromDateTime(Origin).AddDays(-startDays);
            var created = Origin.AddDays(-Math.Max((int)startDays, 0) / 2.0);
            yield return
            [
                Guid.CreateVersion7(), Territory.Id, _ids[source], _ids[target], code, start, null, strength == 0 ? null : (int)strength,
                null, created, Author, created, Author, 1L,
            ];
        }
    }

    /// <summary>What the runner queries: a typical commune, its EPCI, a mid-frequency competence, the best-connected actor…</summary>
    public GeneratedSample Sample()
    {
        var byPopulation = _communes.OrderByDescending(c => c.Population).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
        var commune = byPopulation[Math.Min(10, byPopulation.Count - 1)];
        var epci = commune.EpciSiren ?? _epcis[0].Siren;
#pragma warning disable CA5394
        var random = new Random(_options.Seed + 1);
        var ids = Enumerable.Range(0, 200).Select(_ => _ids[random.Next(_options.Actors)]).Distinct().ToList();
#pragma warning restore CA5394
        var hub = Array.IndexOf(_degrees, _degrees.Max());
        // The project with the most participations: the one whose page and points de vigilance cost the most.
        var project = _projects.Count == 0 ? -1 : Enumerable.Range(0, _projects.Count).MaxBy(p => _projectMembers[p].Count);
        return new GeneratedSample(commune.Code, commune.Name, epci, Catalogs.Competences[8], "ma", "solidaire", ids, _ids[hub], _degrees[hub],
            project < 0 ? null : _projects[project].Id, project < 0 ? 0 : _projectMembers[project].Count, _relations.Count);
    }

    private readonly List<ActorCompetence> _linkBuffer = [];

    private IEnumerable<Actor> PublicActors()
    {
        var id = Territory.Id;
        var region = new Actor(id, $"Région {_region.Name}", null, ActorFamily.PouvoirsPublics);
        region.Classify(ActorFamily.PouvoirsPublics, "region", SubtypeCatalog.DefaultsOnly);
        region.SetIdentifiers(_region.Siren, null, null);
        region.SetActivity(Catalogs.PublicNaf, null, "42");
        region.SetAddress("1 esplanade de la Région", null, PostalOf(_region.ChefLieuCode), _region.ChefLieuCode, _reference);
        region.SetPerimeter(Perimeter.Parse("region:" + _region.Code));
        yield return region;

        var departement = new Actor(id, $"Département {_departement.Name}", null, ActorFamily.PouvoirsPublics);
        departement.Classify(ActorFamily.PouvoirsPublics, "departement", SubtypeCatalog.DefaultsOnly);
        departement.SetIdentifiers(_departement.Siren, null, null);
        departement.SetActivity(Catalogs.PublicNaf, null, "42");
        departement.SetAddress("2 rue du Département", null, PostalOf(_departement.ChefLieuCode), _departement.ChefLieuCode, _reference);
        departement.SetPerimeter(Perimeter.Parse(_departement.Code));
        yield return departement;

        foreach (var epci in _epcis)
        {
            var actor = new Actor(id, epci.Name, null, ActorFamily.PouvoirsPublics);
            actor.Classify(ActorFamily.PouvoirsPublics, "epci", SubtypeCatalog.DefaultsOnly);
            actor.SetIdentifiers(epci.Siren, null, null);
            actor.SetActivity(Catalogs.PublicNaf, null, epci.Population > 100_000 ? "41" : "22");
            var seat = epci.MemberCodes.Select(_reference.FindCommune).OfType<Commune>().MaxBy(c => c.Population)!;
            actor.SetAddress("Hôtel communautaire", null, PostalOf(seat.Code), seat.Code, _reference);
            actor.SetPerimeter(Perimeter.Parse(epci.Siren));
            yield return actor;
        }

        foreach (var commune in _communes)
        {
            var actor = new Actor(id, $"Commune de {commune.Name}", null, ActorFamily.PouvoirsPublics);
            actor.Classify(ActorFamily.PouvoirsPublics, "commune", SubtypeCatalog.DefaultsOnly);
            actor.SetIdentifiers(commune.Siren, null, null);
            actor.SetActivity(Catalogs.PublicNaf, null, commune.Population > 50_000 ? "32" : commune.Population > 5_000 ? "21" : "03");
            actor.SetAddress("Place de la Mairie", null, PostalOf(commune.Code), commune.Code, _reference);
            actor.SetPerimeter(Perimeter.Parse(commune.Code));
            yield return actor;
        }
    }

#pragma warning disable CA5394
    private Actor Company(Random random, Faker faker)
    {
        var name = faker.Company.CompanyName();
        var actor = new Actor(Territory.Id, name, null, ActorFamily.Entreprises);
        var subtype = random.Next(100) switch { < 94 => "entreprise", < 97 => "club-entreprises", < 99 => "groupement-employeurs", _ => "branche-professionnelle" };
        actor.Classify(ActorFamily.Entreprises, subtype, SubtypeCatalog.DefaultsOnly);
        var siren = Siren(random);
        actor.SetIdentifiers(siren, random.Next(3) == 0 ? null : Siret(siren, random), null);
        var naf = Catalogs.CompanyNaf[(int)(Catalogs.CompanyNaf.Length * Math.Pow(random.NextDouble(), 1.5))];
        actor.SetActivity(naf.Code, null, Band(random));
        return actor;
    }

    private Actor Association(Random random, Faker faker)
    {
        var commune = Commune(random);
        var kind = Catalogs.AssociationKinds[random.Next(Catalogs.AssociationKinds.Length)];
        var theme = Catalogs.AssociationThemes[random.Next(Catalogs.AssociationThemes.Length)];
        var name = random.Next(4) == 0 ? $"{kind} {theme} {faker.Name.LastName()}" : $"{kind} {theme} de {commune.Name}";
        var actor = new Actor(Territory.Id, name, random.Next(5) == 0 ? Acronym(name) : null, ActorFamily.Associations);
        var subtype = random.Next(100) switch { < 90 => "association", < 95 => "fondation", _ => "cooperative" };
        actor.Classify(ActorFamily.Associations, subtype, SubtypeCatalog.DefaultsOnly);
        var departement = _departement.Code.PadLeft(3, '0');
        var rna = "W" + departement + random.Next(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var siren = random.Next(10) < 3 ? Siren(random) : null;
        actor.SetIdentifiers(siren, null, random.Next(10) < 8 ? rna : null);
        actor.SetActivity(Catalogs.AssociationNaf, null, random.Next(3) == 0 ? Band(random) : null);
        Place(actor, commune, random, faker);
        return actor;
    }

    private Actor Employment(Random random)
    {
        var commune = Commune(random);
        var (kind, subtype, naf) = Catalogs.EmploymentKinds[random.Next(Catalogs.EmploymentKinds.Length)];
        var actor = new Actor(Territory.Id, $"{kind} de {commune.Name}", null, ActorFamily.EmploiFormation);
        actor.Classify(ActorFamily.EmploiFormation, subtype, SubtypeCatalog.DefaultsOnly);
        var siren = Siren(random);
        actor.SetIdentifiers(siren, Siret(siren, random), null);
        actor.SetActivity(naf, null, Band(random));
        Place(actor, commune, random, null);
        return actor;
    }

    private Actor Economic(Random random)
    {
        var commune = Commune(random);
        var (kind, subtype) = Catalogs.EconomicKinds[random.Next(Catalogs.EconomicKinds.Length)];
        var actor = new Actor(Territory.Id, $"{kind} — {commune.Name}", null, ActorFamily.DeveloppementEconomique);
        actor.Classify(ActorFamily.DeveloppementEconomique, subtype, SubtypeCatalog.DefaultsOnly);
        actor.SetIdentifiers(Siren(random), null, null);
        actor.SetActivity(Catalogs.ConsularNaf, null, Band(random));
        Place(actor, commune, random, null);
        return actor;
    }

    private Actor StateService(Random random)
    {
        var commune = Commune(random);
        var kind = Catalogs.StateServices[random.Next(Catalogs.StateServices.Length)];
        var actor = new Actor(Territory.Id, $"{kind} — {commune.Name}", null, ActorFamily.PouvoirsPublics);
        actor.Classify(ActorFamily.PouvoirsPublics, random.Next(4) == 0 ? "operateur-etat" : "services-etat", SubtypeCatalog.DefaultsOnly);
        actor.SetIdentifiers(Siren(random), null, null);
        actor.SetActivity(Catalogs.PublicNaf, null, Band(random));
        Place(actor, commune, random, null);
        return actor;
    }

    /// <summary>What every actor gets: address (if not set), competences, modes, website, dates, contacts and relations.</summary>
    private void Finish(Actor actor, int index, Random random, Faker faker)
    {
        if (actor.CommuneCode is null)
        {
            Place(actor, Commune(random), random, faker);
        }

        var count = random.Next(100) switch { < 15 => 0, < 45 => 1, < 75 => 2, < 92 => 3, _ => 4 };
        var tagged = new List<Competence>();
        for (var i = 0; i < count; i++)
        {
            // Zipf-like: "Emploi" tags many actors, "Hôtellerie" few.
            tagged.Add(Competences[(int)(Competences.Count * Math.Pow(random.NextDouble(), 2.2))]);
        }

        actor.SetCompetences(tagged);
        _linkBuffer.AddRange(actor.CompetenceLinks);
        var modes = InterventionModes.None;
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            modes |= InterventionModeCodes.All[random.Next(InterventionModeCodes.All.Count)].Mode;
        }

        actor.SetModes(modes);
        var website = random.Next(10) < 3 ? $"https://www.{TextKey.Slug(actor.Name)}.fr" : null;
        actor.Describe(null, website is { Length: <= Actor.WebsiteMaxLength } ? website : null, null);
        var created = Origin.AddMinutes(-random.Next(0, 5 * 365 * 24 * 60));
        actor.StampCreated(created, Author);
        if (random.Next(3) == 0)
        {
            actor.StampUpdated(created.AddMinutes(random.Next(0, (int)(Origin - created).TotalMinutes)), Author);
        }

        _ids[index] = actor.Id;
        if (_held.ContainsKey(index))
        {
            _held[index] = actor;
        }

        AddContacts(actor, random, faker);
        Attach(index, random);
    }

    private void AddContacts(Actor actor, Random random, Faker faker)
    {
        var count = random.Next(100) switch { < 30 => 0, < 70 => 1, < 90 => 2, _ => 3 };
        var domain = TextKey.Slug(actor.Name);
        domain = domain.Length > 40 ? domain[..40].TrimEnd('-') : domain;
        for (var i = 0; i < count; i++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var contact = new Contact(actor, first, last, LawfulBasis.InteretLegitime, "Site internet de la structure");
            var (function, level, power) = Catalogs.Functions[random.Next(Catalogs.Functions.Length)];
            contact.SetRole(function, level, power, random.Next(4) == 0 ? "Le mardi et le jeudi" : null);
            var local = TextKey.Slug(first + "." + last).Replace('-', '.');
            contact.SetCoordinates($"{local}@{domain}.fr", "04 " + string.Join(' ', Enumerable.Range(0, 4).Select(_ => random.Next(10, 100).ToString(CultureInfo.InvariantCulture))));
            contact.RecordInteraction(random.Next(5) == 0 ? null : Origin.AddDays(-random.Next(0, 4 * 365)), Origin);
            contact.StampCreated(actor.CreatedAt, Author);
            _contacts.Add(contact);
        }
    }

    /// <summary>
    /// Preferential attachment (Barabási–Albert): each new actor ties itself to 0–4 earlier actors (2 on average),
    /// each chosen with a probability proportional to its degree (plus a uniform share, so newcomers can be found).
    /// </summary>
    private void Attach(int index, Random random)
    {
        if (index == 0)
        {
            return;
        }

        var ties = random.Next(100) switch { < 10 => 0, < 35 => 1, < 70 => 2, < 90 => 3, _ => 4 };
        var retries = 0;
        if (_options.RelationsPerActor is { } wanted)
        {
            // The same heavy-tailed draw, scaled (stochastic rounding keeps the mean); a repeated pair is drawn again.
            var scaled = ties * wanted / BaseRelationsPerActor;
            ties = (int)scaled + (random.NextDouble() < scaled - Math.Floor(scaled) ? 1 : 0);
            retries = 3 * ties;
        }

        for (var t = 0; t < ties; t++)
        {
            var target = _endpoints.Count == 0 || random.Next(5) == 0 ? random.Next(index) : _endpoints[random.Next(_endpoints.Count)];
            var pair = ((long)Math.Min(index, target) << 32) | (uint)Math.Max(index, target);
            if (target == index || !_pairs.Add(pair))
            {
                if (retries-- > 0 && index > ties)
                {
                    t--;
                }

                continue;
            }

            var roll = random.Next(100);
            byte type = 0;
            for (var acc = Catalogs.RelationWeights[0].Weight; roll >= acc; acc += Catalogs.RelationWeights[type].Weight)
            {
                type++;
            }

            var startDays = random.Next(3) == 0 ? (short)-1 : (short)random.Next(0, 10 * 365);
            _relations.Add((index, target, type, (byte)random.Next(0, 6), startDays));
            _endpoints.Add(index);
            _endpoints.Add(target);
            _degrees[index]++;
            _degrees[target]++;
        }
    }

    /// <summary>The mean of the ties drawn per actor: 0.25 × 1 + 0.35 × 2 + 0.20 × 3 + 0.10 × 4.</summary>
    private const double BaseRelationsPerActor = 1.95;

    /// <summary>Who takes part in each project, drawn before the actors stream (so only they are held).</summary>
    private void ChooseProjectMembers()
    {
        var actors = _options.Actors;
        if (actors < 12)
        {
            return;
        }

        var projects = Math.Max(1, actors / Math.Max(1, _options.ActorsPerProject));
        var random = new Random(_options.Seed + 2);
        var publicCount = PublicActorCount;
        for (var p = 0; p < projects; p++)
        {
            var size = Math.Min(actors, random.Next(10, 41));
            var members = new List<int>(size) { publicCount > 2 ? random.Next(2, publicCount) : 0 }; // pilote: an EPCI or a commune
            var financer = random.Next(2); // the région or the département
            if (!members.Contains(financer))
            {
                members.Add(financer);
            }

            while (members.Count < size)
            {
                var candidate = random.Next(actors);
                if (!members.Contains(candidate))
                {
                    members.Add(candidate);
                }
            }

            _projectMembers.Add(members);
            foreach (var member in members)
            {
                _held.TryAdd(member, null!);
            }
        }
    }

    private void BuildProjects()
    {
        var random = new Random(_options.Seed + 3);
        var roles = ParticipationRoleCatalog.DefaultsOnly;
        var origin = DateOnly.FromDateTime(Origin);
        foreach (var members in _projectMembers)
        {
            var pilote = _held[members[0]];
            var theme = ProjectThemes.All[random.Next(ProjectThemes.All.Count)];
            var commune = pilote.CommuneCode is { } code ? _reference.FindCommune(code) : null;
            var name = $"{theme.Label} — {(commune?.Name ?? _departement.Name)} {_projects.Count + 1}";
            var project = new Project(Territory.Id, name);
            var start = origin.AddDays(-random.Next(30, 3 * 365));
            var framed = random.Next(3) != 0; // a third of the projects are not framed yet: points de vigilance
            project.Frame(new ProjectFrame(name,
                framed ? $"Constat partagé par les acteurs du territoire sur le thème « {theme.Label} »." : null,
                framed ? "Mobiliser les entreprises et les structures d'accompagnement du territoire." : null,
                pilote.Perimeter, null, null, null, null,
                [theme, ProjectThemes.All[random.Next(ProjectThemes.All.Count)]], framed ? "Demandeurs d'emploi du territoire" : null,
                start, random.Next(4) == 0 ? null : start.AddDays(random.Next(180, 3 * 365)), random.Next(2) == 0));
            var created = start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            project.StampCreated(created, Author);
            foreach (var phase in project.Phases)
            {
                phase.StampCreated(created, Author);
            }

            _projects.Add(project);
            for (var i = 0; i < members.Count; i++)
            {
                var role = roles.Get(i switch
                {
                    0 => ParticipationRoleCatalog.Pilote,
                    1 => ParticipationRoleCatalog.Financeur,
                    _ => random.Next(5) == 0 ? ParticipationRoleCatalog.Operateur : ParticipationRoleCatalog.Partenaire,
                });
                var participation = new ProjectParticipation(project, _held[members[i]], role);
                var wave = i < 2 ? 1 : 1 + random.Next(3);
                participation.Update(new ParticipationFields(
                    i == 0 ? "Animation du comité de pilotage" : null,
                    role.Conditions.Where(_ => random.Next(3) != 0).Select(c => c.Code).ToList(),
                    MobilisationLevels.All[random.Next(MobilisationLevels.All.Count)],
                    wave,
                    i == 0 ? 40 : random.Next(0, 20),
                    random.Next(10) != 0,
                    random.Next(3) == 0 ? null : origin.AddDays(-random.Next(0, 400))), role, null);
                participation.StampCreated(created.AddDays(30 * (wave - 1)), Author);
                _participations.Add(participation);
            }
        }
    }

    private Commune Commune(Random random)
    {
        var at = (long)(random.NextDouble() * _cumulativePopulation[^1]);
        var i = Array.BinarySearch(_cumulativePopulation, at);
        return _communes[Math.Min(i < 0 ? ~i : i + 1, _communes.Count - 1)];
    }

    private void Place(Actor actor, Commune commune, Random random, Faker? faker)
    {
        var street = faker?.Address.StreetAddress() ?? $"{random.Next(1, 200)} avenue de la République";
        actor.SetAddress(street.Length > Actor.AddressLineMaxLength ? street[..Actor.AddressLineMaxLength] : street,
            random.Next(8) == 0 ? $"Bâtiment {(char)('A' + random.Next(6))}" : null, PostalOf(commune.Code), commune.Code, _reference);
        actor.SetPerimeter(Perimeter.Parse(random.Next(4) == 0 && commune.EpciSiren is { } epci ? epci : commune.Code));
    }

    private static string Siren(Random random)
    {
        var body = random.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        return body + Identifiers.LuhnKey(body).ToString(CultureInfo.InvariantCulture);
    }

    private static string Siret(string siren, Random random)
    {
        var establishment = siren + random.Next(1, 9999).ToString("D4", CultureInfo.InvariantCulture);
        return establishment + Identifiers.LuhnKey(establishment).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Most companies are small: bands drawn towards the first codes.</summary>
    private static string Band(Random random) => WorkforceBands.All[(int)(WorkforceBands.All.Count * Math.Pow(random.NextDouble(), 3))].Code;
#pragma warning restore CA5394

    private string? PostalOf(string? communeCode) =>
        communeCode is not null && _reference.FindCommune(communeCode) is { PostalCodes.Count: > 0 } c ? c.PostalCodes[0] : null;

    private static string Acronym(string name) =>
        string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsLetter(w[0])).Take(4).Select(w => char.ToUpperInvariant(w[0])));
}
