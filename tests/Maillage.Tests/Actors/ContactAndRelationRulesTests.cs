using Maillage.Actors;
using Maillage.Data;

namespace Maillage.Tests.Actors;

public sealed class ContactAndRelationRulesTests
{
    private static readonly Guid Territory = Guid.NewGuid();
    private static readonly DateTime Now = new(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc);

    private static Actor NewActor(string name) => new(Territory, name, null, ActorFamily.Associations);

    private static Contact NewContact() =>
        new(NewActor("Les Amis du Port"), "Camille", "Durand", LawfulBasis.InteretLegitime, "Carte de visite, forum de l'emploi 2026");

    [Fact]
    public void A_contact_needs_a_last_name()
    {
        Should.Throw<DomainException>(() => new Contact(NewActor("A"), "Camille", " ", LawfulBasis.Consentement, null))
            .Message.ShouldStartWith("Nom :");
    }

    [Theory]
    [InlineData("camille.durand@", null, "Adresse électronique :")]
    [InlineData("camille@localhost", null, "Adresse électronique :")]
    [InlineData(null, "12", "Téléphone :")]
    [InlineData(null, "01 23 45 67 89 <b>", "Téléphone :")]
    public void Coordinates_are_checked_naming_the_field(string? email, string? phone, string field)
    {
        Should.Throw<DomainException>(() => NewContact().SetCoordinates(email, phone)).Message.ShouldStartWith(field);
    }

    [Fact]
    public void Valid_coordinates_are_kept()
    {
        var contact = NewContact();
        contact.SetCoordinates("camille.durand@exemple.fr", "+33 1 23 45 67 89");

        contact.Email.ShouldBe("camille.durand@exemple.fr");
        contact.Phone.ShouldBe("+33 1 23 45 67 89");
    }

    [Fact]
    public void An_interaction_cannot_be_in_the_future()
    {
        var contact = NewContact();
        contact.RecordInteraction(Now.AddDays(-3), Now);
        contact.LastInteractionAt.ShouldBe(Now.AddDays(-3));

        Should.Throw<DomainException>(() => contact.RecordInteraction(Now.AddDays(1), Now)).Message.ShouldStartWith("Dernière interaction :");
    }

    [Fact]
    public void Anonymising_removes_the_identity_and_keeps_the_role()
    {
        var contact = NewContact();
        contact.SetRole("Directrice", HierarchyLevel.Direction, DecisionPower.Oui, "Le mardi");
        contact.SetCoordinates("camille.durand@exemple.fr", "01 23 45 67 89");

        contact.Anonymise(Now);

        contact.FirstName.ShouldBeNull();
        contact.LastName.ShouldBe(Contact.AnonymisedName);
        contact.Function.ShouldBeNull();
        contact.Availability.ShouldBeNull();
        contact.Email.ShouldBeNull();
        contact.Phone.ShouldBeNull();
        contact.HierarchyLevel.ShouldBe(HierarchyLevel.Direction);
        contact.DecisionPower.ShouldBe(DecisionPower.Oui);
        contact.AnonymisedAt.ShouldBe(Now);
    }

    [Fact]
    public void An_anonymised_person_can_no_longer_be_edited()
    {
        var contact = NewContact();
        contact.Anonymise(Now);

        Should.Throw<DomainException>(() => contact.Identify("Camille", "Durand")).Message.ShouldContain("anonymisée");
        Should.Throw<DomainException>(() => contact.Anonymise(Now)).Message.ShouldContain("déjà anonymisée");
    }

    [Fact]
    public void Scrubbing_the_history_erases_identifying_values_only()
    {
        AuditChange[] changes =
        [
            new("LastName", "Durand", Contact.AnonymisedName),
            new("Email", null, "camille.durand@exemple.fr"),
            new("DecisionPower", "Non", "Oui"),
        ];

        var scrubbed = ContactPrivacy.Scrub(changes);

        scrubbed.ShouldBe(
        [
            new("LastName", ContactPrivacy.Erased, Contact.AnonymisedName),
            new("Email", null, ContactPrivacy.Erased),
            new("DecisionPower", "Non", "Oui"),
        ]);
    }

    [Fact]
    public void The_information_notice_names_the_source_the_basis_and_the_rights()
    {
        var notice = ContactPrivacy.InformationNotice(NewContact(), "Les Amis du Port", "Charenton-Saint-Maurice");

        notice.ShouldStartWith("Bonjour Camille Durand,");
        notice.ShouldContain("Carte de visite, forum de l'emploi 2026");
        notice.ShouldContain("intérêt légitime");
        notice.ShouldContain("CNIL");
    }

    [Theory]
    [InlineData("elu", HierarchyLevel.Elu)]
    [InlineData("Encadrement", HierarchyLevel.Encadrement)]
    public void Hierarchy_levels_are_read_from_their_codes(string code, HierarchyLevel level)
    {
        ContactCodes.ParseOptional<HierarchyLevel>(code, "Niveau hiérarchique").ShouldBe(level);
    }

    [Fact]
    public void An_unknown_code_is_refused_naming_the_field()
    {
        Should.Throw<DomainException>(() => ContactCodes.ParseOptional<DecisionPower>("peut-être", "Pouvoir de décision"))
            .Message.ShouldBe("Pouvoir de décision : « peut-être » est inconnu (oui, partiel, non).");
    }

    [Fact]
    public void An_actor_cannot_be_related_to_itself()
    {
        var actor = NewActor("Seul");
        Should.Throw<DomainException>(() => new ActorRelation(actor, actor, "partenaire-historique", RelationTypeCatalog.DefaultsOnly, null, null, null, null))
            .Message.ShouldStartWith("Acteur lié :");
    }

    [Theory]
    [InlineData("inconnu", null, null, null, "Type de relation :")]
    [InlineData("finance", "2025-06-01", "2025-01-01", null, "Date de fin :")]
    [InlineData("finance", null, null, 0, "Intensité :")]
    [InlineData("finance", null, null, 6, "Intensité :")]
    public void Relation_rules_name_the_field(string type, string? start, string? end, int? strength, string field)
    {
        Should.Throw<DomainException>(() => new ActorRelation(NewActor("A"), NewActor("B"), type, RelationTypeCatalog.DefaultsOnly,
                start is null ? null : DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
                end is null ? null : DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), strength, null))
            .Message.ShouldStartWith(field);
    }

    [Fact]
    public void A_relation_reads_one_way_from_its_source_and_the_other_from_its_target()
    {
        var finance = RelationTypeCatalog.DefaultsOnly.Find("finance")!;

        finance.Reading(fromSource: true).ShouldBe("finance");
        finance.Reading(fromSource: false).ShouldBe("est financé par");
        RelationTypeCatalog.DefaultsOnly.Find("alliance")!.IsSymmetric.ShouldBeTrue();
    }

    [Fact]
    public void A_symmetric_relation_repeats_either_way_round_an_oriented_one_only_the_same_way()
    {
        var a = NewActor("A");
        var b = NewActor("B");
        var catalog = RelationTypeCatalog.DefaultsOnly;
        var alliance = new ActorRelation(a, b, "alliance", catalog, null, null, 3, null);
        var funding = new ActorRelation(a, b, "finance", catalog, new DateOnly(2024, 1, 1), null, null, null);

        alliance.Duplicates(b.Id, a.Id, "alliance", null, catalog).ShouldBeTrue();
        funding.Duplicates(a.Id, b.Id, "finance", new DateOnly(2024, 1, 1), catalog).ShouldBeTrue();
        funding.Duplicates(b.Id, a.Id, "finance", new DateOnly(2024, 1, 1), catalog).ShouldBeFalse();
        funding.Duplicates(a.Id, b.Id, "finance", new DateOnly(2025, 1, 1), catalog).ShouldBeFalse();
    }

    [Fact]
    public void A_territory_relation_type_needs_its_reverse_reading_unless_symmetric()
    {
        Should.Throw<DomainException>(() => new RelationType(Territory, "accompagne", null, isSymmetric: false)).Message.ShouldStartWith("Lecture inverse :");

        var cooperation = new RelationType(Territory, "Coopère avec", null, isSymmetric: true);
        cooperation.Code.ShouldBe("coopere-avec");
        cooperation.ReverseLabel.ShouldBe("Coopère avec");
        new RelationTypeCatalog([cooperation]).Find("coopere-avec").ShouldNotBeNull();
    }

    [Fact]
    public void A_merge_drops_the_loops_and_repetitions_it_creates_and_keeps_the_oldest()
    {
        var kept = Guid.NewGuid();
        var other = Guid.NewGuid();
        var t0 = Now.AddYears(-2);
        RelationEnds[] relations =
        [
            new(Guid.NewGuid(), kept, other, "finance", null, t0),
            new(Guid.NewGuid(), kept, kept, "membre-de", null, t0.AddDays(1)),
            new(Guid.NewGuid(), other, kept, "alliance", null, t0.AddDays(2)),
            new(Guid.NewGuid(), kept, other, "alliance", null, t0.AddDays(3)),
            new(Guid.NewGuid(), other, kept, "finance", null, t0.AddDays(4)),
            new(Guid.NewGuid(), kept, other, "finance", new DateOnly(2020, 1, 1), t0.AddDays(5)),
            new(Guid.NewGuid(), kept, other, "finance", null, t0.AddDays(6)),
        ];

        var dropped = ActorMerge.RelationsToDrop(relations, RelationTypeCatalog.DefaultsOnly);

        dropped.ShouldBe([relations[1].Id, relations[3].Id, relations[6].Id], ignoreOrder: true);
    }
}
