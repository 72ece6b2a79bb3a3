using Maillage.Actors;
using Maillage.Projects;
using Maillage.Territories;
using Maillage.Territories.Reference;

namespace Maillage.Tests.Projects;

/// <summary>
/// Every point de vigilance, raised by a case and not raised by the nearest case that should pass. A sound project
/// (pilote meeting its conditions, the four key families, covered perimeter, evaluation dated…) raises nothing; each
/// test changes one thing. Perimeters are expanded by the real INSEE reference: Charenton-le-Pont (94018) and
/// Saint-Maurice (94069), the example of source 003.
/// </summary>
public sealed class VigilanceRulesTests
{
    private static readonly PerimeterResolver Perimeters = new(InseeReference.LoadEmbedded());
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly string[] AllPiloteConditions = ["identifie", "disponible", "neutre", "lien", "gestion-projet"];

    /// <summary>A project and its partners, sound until a test changes one thing.</summary>
    private sealed class Case
    {
        private readonly List<VigilanceParticipant> _partners = [];

        public Case(bool targetsCompanies = false, string perimeter = "94018 94069", DateOnly? start = null, DateOnly? end = null)
        {
            Project = new Project(TerritoryId, "Agir ensemble sur le territoire");
            Frame(targetsCompanies, perimeter, start ?? new DateOnly(2026, 1, 1), end ?? new DateOnly(2026, 12, 31));
            Project.Phase(ProjectPhaseKind.Evaluation).Update(null, null, null, new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31));
        }

        public static Guid TerritoryId { get; } = Guid.NewGuid();
        public Project Project { get; }
        public ParticipationRoleCatalog Roles { get; init; } = ParticipationRoleCatalog.DefaultsOnly;

        /// <summary>The sound partnership: an active pilote meeting its conditions and one partner of each key family, all on the project's perimeter.</summary>
        public static Case Sound(bool targetsCompanies = false, string perimeter = "94018 94069", DateOnly? start = null, DateOnly? end = null)
        {
            var sound = new Case(targetsCompanies, perimeter, start, end);
            sound.Add("Maison de l'emploi", ActorFamily.EmploiFormation, ParticipationRoleCatalog.Pilote, conditions: AllPiloteConditions);
            sound.Add("Communauté de communes", ActorFamily.PouvoirsPublics, ParticipationRoleCatalog.Financeur, modes: InterventionModes.Financement);
            sound.Add("CCI du Val-de-Marne", ActorFamily.DeveloppementEconomique, ParticipationRoleCatalog.Partenaire, perimeter: "94");
            sound.Add("Club d'entreprises Activ'Est", ActorFamily.Entreprises, ParticipationRoleCatalog.Operateur, subtype: "club-entreprises");
            return sound;
        }

        public void Frame(bool targetsCompanies, string perimeter, DateOnly? start, DateOnly? end) =>
            Project.Frame(new ProjectFrame(Project.Name, null, null, Perimeter.Parse(perimeter), null, null, null, null, [], null, start, end, targetsCompanies));

        public VigilanceParticipant Add(string name, ActorFamily family, string role, int wave = 1, bool active = true, int weight = 10,
            string perimeter = "94018 94069", InterventionModes modes = InterventionModes.None, string[]? competences = null,
            DecisionPower? power = null, string[]? conditions = null, string? subtype = null, DateOnly? lastActivity = null)
        {
            var catalogRole = Roles.Get(role);
            var participation = new ProjectParticipation(Project, new Actor(TerritoryId, name, null, family), catalogRole);
            participation.Update(new ParticipationFields(null, conditions ?? [], MobilisationLevel.Committed, wave, weight, active, lastActivity), catalogRole, null);
            var partner = new VigilanceParticipant(participation, name, family, subtype, Perimeter.Parse(perimeter), modes, competences ?? [],
                power is null ? null : "Camille Durand", power);
            _partners.Add(partner);
            return partner;
        }

        public void Remove(string name) => _partners.RemoveAll(p => p.ActorName == name);

        public IReadOnlyList<PointDeVigilance> Points(DateOnly? today = null) =>
            VigilanceRules.Evaluate(Project, _partners, Roles, Perimeters.CommunesOf, today ?? Today);

        public List<string> Codes(DateOnly? today = null) => Points(today).Select(p => p.Code).ToList();

        public PointDeVigilance Single(string code) => Points().Where(p => p.Code == code).ShouldHaveSingleItem();
    }

    [Fact]
    public void A_sound_project_raises_no_point()
    {
        Case.Sound().Points().ShouldBeEmpty();
    }

    [Fact]
    public void The_codes_include_every_code_the_issue_names()
    {
        VigilanceRules.Codes.Distinct().Count().ShouldBe(VigilanceRules.Codes.Count);
        string[] named = ["pilote-absent", "pilotes-multiples", "conditions-pilote", "famille-absente", "entreprises-absentes", "partenaire-inactif-pondere",
            "hors-perimetre", "representant-sans-pouvoir", "redondance", "evaluation-absente", "revue-intermediaire-absente", "echeance-depassee"];
        named.ShouldBeSubsetOf(VigilanceRules.Codes);
    }

    [Fact]
    public void Pilote_absent_when_no_active_partner_holds_the_role()
    {
        var raised = Case.Sound();
        raised.Remove("Maison de l'emploi");
        raised.Add("Maison de l'emploi", ActorFamily.EmploiFormation, ParticipationRoleCatalog.Pilote, active: false, weight: 0, conditions: AllPiloteConditions);
        var point = raised.Single(VigilanceRules.PiloteAbsent);
        point.Severity.ShouldBe(VigilanceSeverity.Critique);
        point.Reason.ShouldContain("est en charge du projet");
        point.FixUrl.ShouldEndWith($"/projets/{raised.Project.Id}/participants");

        Case.Sound().Codes().ShouldNotContain(VigilanceRules.PiloteAbsent);
    }

    [Fact]
    public void Pilotes_multiples_when_two_active_partners_are_pilotes_but_not_when_the_second_is_inactive()
    {
        var raised = Case.Sound();
        raised.Add("Mission locale", ActorFamily.EmploiFormation, ParticipationRoleCatalog.Pilote, conditions: AllPiloteConditions);
        var point = raised.Single(VigilanceRules.PilotesMultiples);
        point.Message.ShouldContain("2 partenaires");
        point.Message.ShouldContain("Mission locale");
        point.Reason.ShouldContain("clairement identifié");

        var near = Case.Sound();
        near.Add("Mission locale", ActorFamily.EmploiFormation, ParticipationRoleCatalog.Pilote, active: false, weight: 0, conditions: AllPiloteConditions);
        near.Codes().ShouldNotContain(VigilanceRules.PilotesMultiples);
    }

    [Fact]
    public void Conditions_pilote_quotes_the_conditions_not_met()
    {
        var raised = new Case();
        raised.Add("Maison de l'emploi", ActorFamily.EmploiFormation, ParticipationRoleCatalog.Pilote, conditions: ["identifie", "disponible", "lien", "gestion-projet"]);
        var point = raised.Single(VigilanceRules.ConditionsPilote);
        point.Severity.ShouldBe(VigilanceSeverity.Attention);
        point.Message.ShouldContain("1 condition d'exercice n'est pas remplie");
        point.Message.ShouldContain("« Être « neutre » par rapport aux choix retenus »");
        point.FixUrl.ShouldContain("/participants/");

        Case.Sound().Codes().ShouldNotContain(VigilanceRules.ConditionsPilote);
    }

    [Fact]
    public void Entreprises_absentes_when_a_project_for_companies_has_no_company_or_relay_in_its_first_wave()
    {
        var none = Case.Sound(targetsCompanies: true);
        none.Remove("Club d'entreprises Activ'Est");
        var point = none.Single(VigilanceRules.EntreprisesAbsentes);
        point.Severity.ShouldBe(VigilanceSeverity.Critique);
        point.Message.ShouldContain("aucune entreprise");
        point.Reason.ShouldContain("intégrer dès le début les entreprises ou leurs relais");
        none.Codes().ShouldNotContain(VigilanceRules.FamilleAbsente, "l'absence des entreprises n'est pas signalée deux fois");

        var late = Case.Sound(targetsCompanies: true);
        late.Remove("Club d'entreprises Activ'Est");
        late.Add("Club d'entreprises Activ'Est", ActorFamily.Entreprises, ParticipationRoleCatalog.Operateur, wave: 2);
        late.Single(VigilanceRules.EntreprisesAbsentes).Message.ShouldContain("n'arrivent qu'en vague 2");

        var relay = Case.Sound(targetsCompanies: true);
        relay.Remove("Club d'entreprises Activ'Est");
        relay.Add("Opérateur de compétences", ActorFamily.EmploiFormation, ParticipationRoleCatalog.Operateur, subtype: "opco");
        relay.Codes().ShouldNotContain(VigilanceRules.EntreprisesAbsentes, "l'OPCO est un relais des entreprises (l'OPCA de la source)");

        Case.Sound(targetsCompanies: true).Codes().ShouldNotContain(VigilanceRules.EntreprisesAbsentes);
        var notForCompanies = Case.Sound();
        notForCompanies.Remove("Club d'entreprises Activ'Est");
        notForCompanies.Codes().ShouldNotContain(VigilanceRules.EntreprisesAbsentes);
    }

    [Fact]
    public void Famille_absente_names_each_missing_key_family()
    {
        var raised = Case.Sound();
        raised.Remove("CCI du Val-de-Marne");
        var point = raised.Single(VigilanceRules.FamilleAbsente);
        point.Message.ShouldContain("Acteurs du développement économique");
        point.Severity.ShouldBe(VigilanceSeverity.Information);
        point.Reason.ShouldContain("n'oublier aucun des acteurs clés du territoire");

        var inactive = Case.Sound();
        inactive.Remove("CCI du Val-de-Marne");
        inactive.Add("CCI du Val-de-Marne", ActorFamily.DeveloppementEconomique, ParticipationRoleCatalog.Partenaire, active: false, weight: 0);
        inactive.Codes().ShouldContain(VigilanceRules.FamilleAbsente, "un partenaire inactif n'est plus autour de la table");

        var associations = Case.Sound();
        associations.Add("Association Solidarités", ActorFamily.Associations, ParticipationRoleCatalog.Partenaire);
        associations.Codes().ShouldNotContain(VigilanceRules.FamilleAbsente);
    }

    [Fact]
    public void Partenaire_inactif_pondere_when_an_inactive_partner_weighs_as_much_as_an_active_one()
    {
        var raised = Case.Sound();
        raised.Add("Association dormante", ActorFamily.Associations, ParticipationRoleCatalog.Partenaire, active: false, weight: 10, lastActivity: new DateOnly(2025, 3, 1));
        var point = raised.Single(VigilanceRules.PartenaireInactifPondere);
        point.Message.ShouldContain("Association dormante n'est plus actif (dernière activité le 01/03/2025) mais garde un poids de 10");
        point.Reason.ShouldBe("« Éviter les partenaires non actifs qui peuvent avoir un poids équivalent à d'autres dans la prise de décision. »");

        var lighter = Case.Sound();
        lighter.Add("Association dormante", ActorFamily.Associations, ParticipationRoleCatalog.Partenaire, active: false, weight: 5);
        lighter.Codes().ShouldNotContain(VigilanceRules.PartenaireInactifPondere, "son poids est moindre que celui de chaque partenaire actif");
        var withoutWeight = Case.Sound();
        withoutWeight.Add("Association dormante", ActorFamily.Associations, ParticipationRoleCatalog.Partenaire, active: false, weight: 0);
        withoutWeight.Codes().ShouldNotContain(VigilanceRules.PartenaireInactifPondere);
    }

    [Fact]
    public void Hors_perimetre_when_a_partner_acts_on_part_of_the_projects_communes_only()
    {
        var raised = Case.Sound();
        raised.Add("Centre social de Charenton", ActorFamily.Associations, ParticipationRoleCatalog.Partenaire, perimeter: "94018");
        var point = raised.Single(VigilanceRules.HorsPerimetre);
        point.Message.ShouldContain("1 commune sur 2 hors de son périmètre");
        point.FixUrl.ShouldContain("/acteurs/");
        point.Reason.ShouldContain("au-delà de leur territoire de compétence");

        var departement = Case.Sound();
        departement.Add("Conseil départemental", ActorFamily.PouvoirsPublics, ParticipationRoleCatalog.Partenaire, perimeter: "94");
        departement.Codes().ShouldNotContain(VigilanceRules.HorsPerimetre, "le Val-de-Marne couvre les deux communes");
        var unknown = Case.Sound();
        unknown.Add("Association sans périmètre", ActorFamily.Associations, ParticipationRoleCatalog.Partenaire, perimeter: "");
        unknown.Codes().ShouldNotContain(VigilanceRules.HorsPerimetre, "sans périmètre renseigné, rien ne permet de conclure");
    }

    [Fact]
    public void Perimetre_absent_when_the_project_has_no_perimeter()
    {
        var raised = Case.Sound(perimeter: "");
        raised.Add("Centre social de Charenton", ActorFamily.Associations, ParticipationRoleCatalog.Partenaire, perimeter: "94018");
        raised.Single(VigilanceRules.PerimetreAbsent).FixUrl.ShouldEndWith("/modifier");
        raised.Codes().ShouldNotContain(VigilanceRules.HorsPerimetre);

        Case.Sound().Codes().ShouldNotContain(VigilanceRules.PerimetreAbsent);
    }

    [Fact]
    public void Representant_sans_pouvoir_when_the_representative_cannot_decide()
    {
        var none = Case.Sound();
        none.Add("France Travail", ActorFamily.EmploiFormation, ParticipationRoleCatalog.Operateur, power: DecisionPower.Non);
        var point = none.Single(VigilanceRules.RepresentantSansPouvoir);
        point.Severity.ShouldBe(VigilanceSeverity.Attention);
        point.Message.ShouldBe("Camille Durand, qui représente France Travail, n'a pas de pouvoir de décision.");
        point.Reason.ShouldContain("doit avoir effectivement un pouvoir de décision");

        var partial = Case.Sound();
        partial.Add("France Travail", ActorFamily.EmploiFormation, ParticipationRoleCatalog.Operateur, power: DecisionPower.Partiel);
        partial.Single(VigilanceRules.RepresentantSansPouvoir).Severity.ShouldBe(VigilanceSeverity.Information);

        var decides = Case.Sound();
        decides.Add("France Travail", ActorFamily.EmploiFormation, ParticipationRoleCatalog.Operateur, power: DecisionPower.Oui);
        decides.Codes().ShouldNotContain(VigilanceRules.RepresentantSansPouvoir);
    }

    [Fact]
    public void Redondance_when_two_partners_bring_the_same_mode_or_competence_on_a_shared_perimeter()
    {
        var raised = Case.Sound();
        raised.Add("Mission locale", ActorFamily.EmploiFormation, ParticipationRoleCatalog.Operateur, modes: InterventionModes.Accompagnement, perimeter: "94018");
        raised.Add("PLIE", ActorFamily.EmploiFormation, ParticipationRoleCatalog.Operateur, modes: InterventionModes.Accompagnement, perimeter: "94");
        var point = raised.Single(VigilanceRules.Redondance);
        point.Message.ShouldBe("Mission locale, PLIE apportent le mode d'intervention « Accompagnement » sur un même périmètre : précisez le cadre d'intervention de chacun.");
        point.Reason.ShouldContain("éviter les éventuelles concurrences ou redondances");

        var competence = Case.Sound();
        competence.Add("Wimoov", ActorFamily.Associations, ParticipationRoleCatalog.Operateur, competences: ["Mobilité"]);
        competence.Add("Auto-école sociale", ActorFamily.Associations, ParticipationRoleCatalog.Operateur, competences: ["mobilité"]);
        competence.Single(VigilanceRules.Redondance).Message.ShouldContain("la compétence « Mobilité »");

        var apart = Case.Sound();
        apart.Add("Mission locale", ActorFamily.EmploiFormation, ParticipationRoleCatalog.Operateur, modes: InterventionModes.Accompagnement, perimeter: "94018");
        apart.Add("PLIE", ActorFamily.EmploiFormation, ParticipationRoleCatalog.Operateur, modes: InterventionModes.Accompagnement, perimeter: "94069");
        apart.Codes().ShouldNotContain(VigilanceRules.Redondance, "chacun sur sa commune : pas de concurrence");
        var cofunding = Case.Sound();
        cofunding.Add("Région", ActorFamily.PouvoirsPublics, ParticipationRoleCatalog.Financeur, modes: InterventionModes.Financement, perimeter: "region:11");
        cofunding.Codes().ShouldNotContain(VigilanceRules.Redondance, "plusieurs financeurs cofinancent, ils ne se concurrencent pas");
    }

    [Fact]
    public void Evaluation_absente_when_the_evaluation_phase_has_no_date_and_no_deliverable()
    {
        var raised = Case.Sound();
        raised.Project.Phase(ProjectPhaseKind.Evaluation).Update("Mesurer l'impact", null, null, null, null);
        var point = raised.Single(VigilanceRules.EvaluationAbsente);
        point.Reason.ShouldContain("Pas de partenariat sans évaluation");
        point.FixUrl.ShouldEndWith("/phases/evaluation");

        var deliverable = Case.Sound();
        deliverable.Project.Phase(ProjectPhaseKind.Evaluation).Update(null, null, null, null, null);
        deliverable.Project.AddDeliverable(ProjectPhaseKind.Evaluation, "Bilan : efficacité, efficience, impact", null, "Pilote", DeliverableStatus.Planned);
        deliverable.Codes().ShouldNotContain(VigilanceRules.EvaluationAbsente);
    }

    [Fact]
    public void Revue_intermediaire_absente_when_an_action_runs_more_than_a_year_without_a_copil_between()
    {
        var raised = Case.Sound(end: new DateOnly(2027, 6, 30));
        raised.Single(VigilanceRules.RevueIntermediaireAbsente).Message.ShouldContain("plus d'un an (du 01/01/2026 au 30/06/2027) sans comité de pilotage intermédiaire");

        var early = Case.Sound(end: new DateOnly(2027, 6, 30));
        early.Project.AddCopil(new DateOnly(2026, 2, 1), "Lancement");
        early.Single(VigilanceRules.RevueIntermediaireAbsente).Message.ShouldBe("Plus d'un an sans comité de pilotage, du 01/02/2026 au 30/06/2027.");

        var reviewed = Case.Sound(end: new DateOnly(2027, 6, 30));
        reviewed.Project.AddCopil(new DateOnly(2026, 9, 15), "Bilan intermédiaire");
        reviewed.Codes().ShouldNotContain(VigilanceRules.RevueIntermediaireAbsente);
        Case.Sound().Codes().ShouldNotContain(VigilanceRules.RevueIntermediaireAbsente, "un an tout juste n'est pas plus d'un an");
    }

    [Fact]
    public void Echeance_depassee_when_the_project_ended_without_a_decision_on_what_follows()
    {
        var raised = Case.Sound(end: new DateOnly(2026, 10, 31));
        var point = raised.Single(VigilanceRules.EcheanceDepassee);
        point.Message.ShouldBe("Le projet a pris fin le 31/10/2026 et aucune suite n'a été décidée.");
        point.FixUrl.ShouldEndWith("#suite");
        point.Reason.ShouldContain("Il n'y a pas de partenariat à long terme");

        var decided = Case.Sound(end: new DateOnly(2026, 10, 31));
        decided.Project.DecideFollowUp(FollowUpDecision.Evolution, new DateOnly(2026, 11, 15), "Élargir aux entreprises de la zone d'activités");
        decided.Codes().ShouldNotContain(VigilanceRules.EcheanceDepassee);
        Case.Sound().Codes(today: new DateOnly(2026, 12, 31)).ShouldNotContain(VigilanceRules.EcheanceDepassee, "le dernier jour, le projet court encore");
    }

    [Fact]
    public void Livrable_en_retard_when_a_deliverable_past_its_due_date_is_not_delivered()
    {
        var raised = Case.Sound();
        raised.Project.AddDeliverable(ProjectPhaseKind.Experimentation, "Diagnostic partagé (GT1)", new DateOnly(2026, 11, 1), "Groupes de travail", DeliverableStatus.InProgress);
        raised.Single(VigilanceRules.LivrableEnRetard).Message.ShouldBe("Le livrable « Diagnostic partagé (GT1) » (Expérimentation) était attendu le 01/11/2026 et n'est pas livré.");

        var delivered = Case.Sound();
        delivered.Project.AddDeliverable(ProjectPhaseKind.Experimentation, "Diagnostic partagé (GT1)", new DateOnly(2026, 11, 1), null, DeliverableStatus.Delivered);
        delivered.Project.AddDeliverable(ProjectPhaseKind.Experimentation, "Plan d'action (GT3)", new DateOnly(2026, 12, 1), null, DeliverableStatus.Planned);
        delivered.Codes().ShouldNotContain(VigilanceRules.LivrableEnRetard);
    }

    [Fact]
    public void Points_come_most_severe_first_each_with_its_reason_source_and_fix()
    {
        var troubled = new Case(targetsCompanies: true, end: new DateOnly(2026, 6, 30));
        troubled.Project.Phase(ProjectPhaseKind.Evaluation).Update(null, null, null, null, null);
        troubled.Add("Conseil départemental", ActorFamily.PouvoirsPublics, ParticipationRoleCatalog.Partenaire, power: DecisionPower.Partiel);
        var points = troubled.Points();
        points.Select(p => p.Severity).ShouldBeInOrder(SortDirection.Descending);
        points.Select(p => p.Code).ShouldBe(
        [
            VigilanceRules.PiloteAbsent, VigilanceRules.EntreprisesAbsentes, VigilanceRules.EcheanceDepassee, VigilanceRules.EvaluationAbsente,
            VigilanceRules.FamilleAbsente, VigilanceRules.FamilleAbsente, VigilanceRules.RepresentantSansPouvoir,
        ]);
        points.ShouldAllBe(p => p.Reason.Length > 20 && p.Source.StartsWith("Source 00") && p.FixUrl.StartsWith($"/territoires/{Case.TerritoryId}/"));
    }
}
