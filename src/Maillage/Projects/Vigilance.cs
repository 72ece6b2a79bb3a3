using Maillage.Actors;
using Maillage.Territories;

namespace Maillage.Projects;

/// <summary>How serious a point de vigilance is: <c>critique</c> blocks the partnership, <c>attention</c> weakens it, <c>information</c> is worth a look.</summary>
public enum VigilanceSeverity
{
    Information = 1,
    Attention = 2,
    Critique = 3,
}

public static class VigilanceSeverities
{
    /// <summary>The order in which counts and columns show the severities.</summary>
    public static readonly IReadOnlyList<VigilanceSeverity> MostSevereFirst = [VigilanceSeverity.Critique, VigilanceSeverity.Attention, VigilanceSeverity.Information];

    public static string Code(this VigilanceSeverity severity) => severity switch
    {
        VigilanceSeverity.Critique => "critique",
        VigilanceSeverity.Attention => "attention",
        _ => "information",
    };

    public static string Label(this VigilanceSeverity severity) => severity switch
    {
        VigilanceSeverity.Critique => "Critique",
        VigilanceSeverity.Attention => "Attention",
        _ => "Information",
    };
}

/// <summary>
/// A point of attention computed from the project's data: a stable <see cref="Code"/> for integrations, a severity,
/// what is wrong here (<see cref="Message"/>), why it matters in the source texts' words (<see cref="Reason"/>, quoted
/// from <see cref="Source"/>) and the page where it is fixed.
/// </summary>
public sealed record PointDeVigilance(string Code, VigilanceSeverity Severity, string Message, string Reason, string Source, string FixUrl, string FixLabel);

/// <summary>A partner as the rules see it: its participation, its actor's family, perimeter, modes and competences, its representative's decision power.</summary>
public sealed record VigilanceParticipant(
    ProjectParticipation Participation,
    string ActorName,
    ActorFamily Family,
    string? Subtype,
    Perimeter ActorPerimeter,
    InterventionModes Modes,
    IReadOnlyList<string> Competences,
    string? RepresentativeName,
    DecisionPower? RepresentativePower);

/// <summary>
/// The points de vigilance of a project, computed from its frame, planning and partners. Each rule quotes the source
/// text it comes from: 000 (« Identifier des partenaires et qualifier l'écosystème »), 003 (Le RAMEAU's frame) and 004
/// (« Stratégie et partenariat », conditions and evaluation).
/// </summary>
public static class VigilanceRules
{
    public const string PiloteAbsent = "pilote-absent";
    public const string PilotesMultiples = "pilotes-multiples";
    public const string ConditionsPilote = "conditions-pilote";
    public const string FamilleAbsente = "famille-absente";
    public const string EntreprisesAbsentes = "entreprises-absentes";
    public const string PartenaireInactifPondere = "partenaire-inactif-pondere";
    public const string HorsPerimetre = "hors-perimetre";
    public const string RepresentantSansPouvoir = "representant-sans-pouvoir";
    public const string Redondance = "redondance";
    public const string EvaluationAbsente = "evaluation-absente";
    public const string RevueIntermediaireAbsente = "revue-intermediaire-absente";
    public const string EcheanceDepassee = "echeance-depassee";
    public const string PerimetreAbsent = "perimetre-absent";
    public const string LivrableEnRetard = "livrable-en-retard";

    /// <summary>Every code a rule can raise, in the order the dashboard explains them.</summary>
    public static IReadOnlyList<string> Codes => Order;

    private static readonly List<string> Order =
    [
        PiloteAbsent, PilotesMultiples, ConditionsPilote, EntreprisesAbsentes, FamilleAbsente, PartenaireInactifPondere, HorsPerimetre,
        RepresentantSansPouvoir, Redondance, EvaluationAbsente, RevueIntermediaireAbsente, EcheanceDepassee, PerimetreAbsent, LivrableEnRetard,
    ];

    /// <summary>Source 000's « quatre grands types d'acteurs institutionnels et opérateurs » that can take part in the project.</summary>
    public static readonly IReadOnlyList<ActorFamily> KeyFamilies =
        [ActorFamily.PouvoirsPublics, ActorFamily.DeveloppementEconomique, ActorFamily.EmploiFormation, ActorFamily.Entreprises];

    /// <summary>Relays of companies outside the « Entreprises et leurs réseaux » family: source 000 names the OPCA (today's OPCO).</summary>
    public static readonly IReadOnlyList<string> CompanyRelaySubtypes = ["opco"];

    /// <summary>Several funders of one action co-finance it: sharing the « financement » mode is not a redundancy.</summary>
    private const InterventionModes RedundantModes = ~InterventionModes.Financement;

    private const string Source000 = "Source 000 — Identifier des partenaires et qualifier l'écosystème";
    private const string Source003 = "Source 003 — Cadre méthodologique d'un projet territorial (Le RAMEAU)";
    private const string Source004 = "Source 004 — Stratégie et partenariat";

    /// <summary>The points of a project, most severe first.</summary>
    /// <param name="communesOf">Expands a perimeter to the INSEE codes of its communes (see <see cref="PerimeterResolver.CommunesOf"/>).</param>
    public static IReadOnlyList<PointDeVigilance> Evaluate(Project project, IReadOnlyList<VigilanceParticipant> participants, ParticipationRoleCatalog roles,
        Func<Perimeter, IReadOnlySet<string>> communesOf, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(communesOf);
        var links = new Links(project);
        var active = participants.Where(p => p.Participation.IsActive).ToList();
        var points = new List<PointDeVigilance>();
        Pilotes(active, roles, links, points);
        Families(project, active, links, points);
        InactiveWeights(participants, active, links, points);
        Perimeters(project, active, communesOf, links, points);
        Representatives(active, links, points);
        Redundancies(active, communesOf, links, points);
        Evaluation(project, today, links, points);
        Reviews(project, links, points);
        Deadlines(project, today, links, points);
        return points.OrderByDescending(p => p.Severity).ThenBy(p => Order.IndexOf(p.Code)).ToList();
    }

    private static void Pilotes(List<VigilanceParticipant> active, ParticipationRoleCatalog roles, Links links, List<PointDeVigilance> points)
    {
        var pilotes = active.Where(p => p.Participation.Role == ParticipationRoleCatalog.Pilote).ToList();
        if (pilotes.Count == 0)
        {
            points.Add(new(PiloteAbsent, VigilanceSeverity.Critique,
                "Aucun partenaire actif ne tient le rôle de pilote.",
                "Le pilote « est en charge du projet, assure la mobilisation des acteurs et la cohérence de la démarche avec les problématiques retenues ».",
                Source000, links.Participants, "Désigner le pilote"));
            return;
        }

        if (pilotes.Count > 1)
        {
            points.Add(new(PilotesMultiples, VigilanceSeverity.Attention,
                $"{pilotes.Count} partenaires tiennent le rôle de pilote : {Names(pilotes)}.",
                "Le pilote doit « être clairement identifié et identifiable en tant que point de contact et pour répondre aux questions des acteurs ».",
                Source000, links.Participants, "Revoir les rôles"));
        }

        var conditions = roles.Get(ParticipationRoleCatalog.Pilote).Conditions;
        foreach (var pilote in pilotes)
        {
            var unmet = conditions.Where(c => !pilote.Participation.ConditionCodes.Contains(c.Code)).ToList();
            if (unmet.Count > 0)
            {
                points.Add(new(ConditionsPilote, VigilanceSeverity.Attention,
                    $"{pilote.ActorName}, pilote : {Plural(unmet.Count, "condition d'exercice n'est pas remplie", "conditions d'exercice ne sont pas remplies")} — " +
                    string.Join(" ; ", unmet.Select(c => $"« {c.Text.TrimEnd('.')} »")) + ".",
                    "« Définir le rôle et la fonction attribuée à chaque partenaire, en clarifiant les conditions de réussite de sa mission, qui sont par ailleurs autant de facteurs de choix dans le rôle à attribuer aux uns et aux autres. »",
                    Source000, links.Participant(pilote), "Vérifier les conditions du pilote"));
            }
        }
    }

    private static void Families(Project project, List<VigilanceParticipant> active, Links links, List<PointDeVigilance> points)
    {
        if (project.TargetsCompanies && !active.Any(p => p.Participation.Wave == 1 && IsCompanyOrRelay(p)))
        {
            var later = active.Where(IsCompanyOrRelay).ToList();
            points.Add(new(EntreprisesAbsentes, VigilanceSeverity.Critique,
                later.Count == 0
                    ? "Le projet s'adresse aux entreprises, mais aucune entreprise ni aucun relais d'entreprises n'est autour de la table."
                    : $"Le projet s'adresse aux entreprises, mais elles n'arrivent qu'en vague {later.Min(p => p.Participation.Wave)} ({Names(later)}) : aucune n'est dans le premier cercle.",
                "« Dans le cadre des projets s'adressant à des entreprises, intégrer dès le début les entreprises ou leurs relais les plus actifs (club d'entreprise, club de DRH, branche professionnelle, OPCA, etc.) dans le tour de table. »",
                Source000, links.Participants, "Associer une entreprise ou un relais dès la première vague"));
        }

        foreach (var family in KeyFamilies)
        {
            if (family == ActorFamily.Entreprises && project.TargetsCompanies)
            {
                continue;
            }

            if (!active.Any(p => p.Family == family))
            {
                points.Add(new(FamilleAbsente, VigilanceSeverity.Information,
                    $"Aucun partenaire de la famille « {family.Label()} ».",
                    "« Mobiliser les bons acteurs au bon moment : il s'agit de n'oublier aucun des acteurs clés du territoire, afin de ménager les susceptibilités, mais aussi de se prémunir face aux acteurs pouvant freiner le projet. »",
                    Source000, links.Participants, "Associer un partenaire"));
            }
        }
    }

    private static void InactiveWeights(IReadOnlyList<VigilanceParticipant> all, List<VigilanceParticipant> active, Links links, List<PointDeVigilance> points)
    {
        var activeWeights = active.Where(p => p.Participation.DecisionWeight > 0).Select(p => p.Participation.DecisionWeight).ToList();
        if (activeWeights.Count == 0)
        {
            return;
        }

        var lowest = activeWeights.Min();
        foreach (var inactive in all.Where(p => !p.Participation.IsActive && p.Participation.DecisionWeight > 0 && p.Participation.DecisionWeight >= lowest))
        {
            var since = inactive.Participation.LastActivityDate is { } last ? $" (dernière activité le {last:dd/MM/yyyy})" : "";
            points.Add(new(PartenaireInactifPondere, VigilanceSeverity.Attention,
                $"{inactive.ActorName} n'est plus actif{since} mais garde un poids de {inactive.Participation.DecisionWeight} dans les décisions, autant ou plus qu'un partenaire actif.",
                "« Éviter les partenaires non actifs qui peuvent avoir un poids équivalent à d'autres dans la prise de décision. »",
                Source000, links.Participant(inactive), "Revoir son poids dans les décisions"));
        }
    }

    private static void Perimeters(Project project, List<VigilanceParticipant> active, Func<Perimeter, IReadOnlySet<string>> communesOf, Links links,
        List<PointDeVigilance> points)
    {
        if (project.Perimeter.IsEmpty)
        {
            points.Add(new(PerimetreAbsent, VigilanceSeverity.Attention,
                "Le périmètre géographique du projet n'est pas renseigné : la couverture des partenaires ne peut pas être vérifiée.",
                "Parmi les conditions externes du partenariat : « Un territoire ciblé. »",
                Source004, links.Frame, "Renseigner le périmètre"));
            return;
        }

        var wanted = communesOf(project.Perimeter);
        foreach (var partner in active.Where(p => !p.ActorPerimeter.IsEmpty))
        {
            var covered = communesOf(partner.ActorPerimeter);
            var missing = wanted.Count(code => !covered.Contains(code));
            if (missing > 0)
            {
                points.Add(new(HorsPerimetre, VigilanceSeverity.Attention,
                    $"Le périmètre d'intervention de {partner.ActorName} ne couvre pas celui du projet : {Plural(missing, "commune", "communes")} sur {wanted.Count} hors de son périmètre.",
                    "Parmi les écueils : « Mobiliser des partenaires au-delà de leur territoire de compétence en cherchant à atteindre une échelle pertinente pour le projet. »",
                    Source000, links.Actor(partner), "Voir le périmètre de l'acteur"));
            }
        }
    }

    private static void Representatives(List<VigilanceParticipant> active, Links links, List<PointDeVigilance> points)
    {
        foreach (var partner in active.Where(p => p.RepresentativePower is DecisionPower.Non or DecisionPower.Partiel))
        {
            var none = partner.RepresentativePower == DecisionPower.Non;
            points.Add(new(RepresentantSansPouvoir, none ? VigilanceSeverity.Attention : VigilanceSeverity.Information,
                none
                    ? $"{partner.RepresentativeName}, qui représente {partner.ActorName}, n'a pas de pouvoir de décision."
                    : $"{partner.RepresentativeName}, qui représente {partner.ActorName}, n'a qu'un pouvoir de décision partiel.",
                "« L'interlocuteur au sein de la structure partenaire doit avoir effectivement un pouvoir de décision, en étant ni forcément le plus haut placé en termes hiérarchique, ni être soumis à des circuits de validation qui pourraient freiner la démarche. »",
                Source000, links.Participant(partner), "Choisir le représentant"));
        }
    }

    private static void Redundancies(List<VigilanceParticipant> active, Func<Perimeter, IReadOnlySet<string>> communesOf, Links links,
        List<PointDeVigilance> points)
    {
        var located = active.Where(p => !p.ActorPerimeter.IsEmpty).Select(p => (Partner: p, Communes: communesOf(p.ActorPerimeter))).ToList();
        var offers = new List<(string What, List<(VigilanceParticipant Partner, IReadOnlySet<string> Communes)> Holders)>();
        foreach (var (mode, _, label) in InterventionModeCodes.All.Where(m => (m.Mode & RedundantModes) != 0))
        {
            offers.Add(($"le mode d'intervention « {label} »", located.Where(l => l.Partner.Modes.HasFlag(mode)).ToList()));
        }

        foreach (var competence in located.SelectMany(l => l.Partner.Competences).Distinct(StringComparer.CurrentCultureIgnoreCase)
                     .Order(StringComparer.CurrentCultureIgnoreCase))
        {
            offers.Add(($"la compétence « {competence} »",
                located.Where(l => l.Partner.Competences.Contains(competence, StringComparer.CurrentCultureIgnoreCase)).ToList()));
        }

        foreach (var (what, holders) in offers.Where(o => o.Holders.Count > 1))
        {
            var overlapping = holders.Where(h => holders.Any(o => !ReferenceEquals(o.Partner, h.Partner) && o.Communes.Overlaps(h.Communes)))
                .Select(h => h.Partner).ToList();
            if (overlapping.Count > 1)
            {
                points.Add(new(Redondance, VigilanceSeverity.Information,
                    $"{Names(overlapping)} apportent {what} sur un même périmètre : précisez le cadre d'intervention de chacun.",
                    "Identifier les fonctions clés et les acteurs en capacité de les mettre en œuvre permet « de définir des cadres d'intervention et d'éviter les éventuelles concurrences ou redondances dans l'utilisation des dispositifs ».",
                    Source000, links.Participants, "Préciser les fonctions"));
            }
        }
    }

    private static void Evaluation(Project project, DateOnly today, Links links, List<PointDeVigilance> points)
    {
        var phase = project.Phases.FirstOrDefault(p => p.Kind == ProjectPhaseKind.Evaluation);
        if (phase?.StartDate is null && !project.Deliverables.Any(d => d.Phase == ProjectPhaseKind.Evaluation))
        {
            points.Add(new(EvaluationAbsente, VigilanceSeverity.Attention,
                "Aucune évaluation n'est prévue : la phase d'évaluation n'a ni date ni livrable.",
                "« Pas de partenariat sans évaluation. Il faut intégrer, au minimum, efficacité, efficience et impact. » Les réunions de bilan « sont prévues dès le départ ».",
                Source004, links.Phase(ProjectPhaseKind.Evaluation), "Planifier l'évaluation"));
        }

        foreach (var late in ProjectLoading.Ordered(project.Deliverables).Where(d => d.Status != DeliverableStatus.Delivered && d.DueDate is { } due && due < today))
        {
            points.Add(new(LivrableEnRetard, VigilanceSeverity.Attention,
                $"Le livrable « {late.Title} » ({late.Phase.ShortLabel()}) était attendu le {late.DueDate:dd/MM/yyyy} et n'est pas livré.",
                "« Quelles sont les échéances pour chaque étape ? » — le planning prévisionnel est « un support de débat dont le contenu est à affiner au fur et à mesure des copils suivants ».",
                Source003, links.PhaseAnchor(late.Phase), "Mettre à jour le livrable"));
        }
    }

    private static void Reviews(Project project, Links links, List<PointDeVigilance> points)
    {
        if (project.StartDate is not { } start || project.EndDate is not { } end || end <= start.AddYears(1))
        {
            return;
        }

        var milestones = project.Copils.Select(c => c.Date).Where(d => d > start && d < end).Order().ToList();
        var message = milestones.Count == 0
            ? $"Le projet dure plus d'un an (du {start:dd/MM/yyyy} au {end:dd/MM/yyyy}) sans comité de pilotage intermédiaire."
            : LongestGap(start, milestones, end) is var (from, to) && to > from.AddYears(1)
                ? $"Plus d'un an sans comité de pilotage, du {from:dd/MM/yyyy} au {to:dd/MM/yyyy}."
                : null;
        if (message is not null)
        {
            points.Add(new(RevueIntermediaireAbsente, VigilanceSeverity.Attention, message,
                "« Sur des actions lourdes ou longues faire des bilans intermédiaires. »",
                Source004, links.Planning, "Ajouter un comité de pilotage"));
        }
    }

    private static void Deadlines(Project project, DateOnly today, Links links, List<PointDeVigilance> points)
    {
        if (project.EndDate is { } end && end < today && project.FollowUp is null)
        {
            points.Add(new(EcheanceDepassee, VigilanceSeverity.Critique,
                $"Le projet a pris fin le {end:dd/MM/yyyy} et aucune suite n'a été décidée.",
                "« Il n'y a pas de partenariat à long terme. Il y a une notion de temps. » « L'évaluation n'est pas le temps de la reconduction. Il faut laisser le temps à chacun de voir ce qu'il fait après son bilan avant de décider de la suite à donner au partenariat. »",
                Source004, links.FollowUp, "Décider de la suite"));
        }
    }

    private static (DateOnly From, DateOnly To) LongestGap(DateOnly start, List<DateOnly> milestones, DateOnly end)
    {
        var dates = milestones.Prepend(start).Append(end).ToList();
        return dates.Zip(dates.Skip(1)).MaxBy(pair => pair.Second.DayNumber - pair.First.DayNumber);
    }

    private static bool IsCompanyOrRelay(VigilanceParticipant partner) =>
        partner.Family == ActorFamily.Entreprises || (partner.Subtype is { } subtype && CompanyRelaySubtypes.Contains(subtype));

    private static string Names(IEnumerable<VigilanceParticipant> partners) =>
        string.Join(", ", partners.Select(p => p.ActorName).Distinct().Order(StringComparer.CurrentCulture));

    private static string Plural(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";

    /// <summary>The pages where each point is fixed.</summary>
    private sealed class Links(Project project)
    {
        private readonly string _project = $"/territoires/{project.TerritoryId}/projets/{project.Id}";

        public string Participants => _project + "/participants";
        public string Frame => _project + "/modifier";
        public string Planning => _project + "#planning";
        public string FollowUp => _project + "#suite";
        public string Participant(VigilanceParticipant partner) => $"{_project}/participants/{partner.Participation.Id}";
        public string Actor(VigilanceParticipant partner) => $"/territoires/{project.TerritoryId}/acteurs/{partner.Participation.ActorId}";
        public string Phase(ProjectPhaseKind kind) => $"{_project}/phases/{kind.Code()}";
        public string PhaseAnchor(ProjectPhaseKind kind) => $"{_project}#phase-{kind.Code()}";
    }
}
