using Maillage.Actors;
using Maillage.Territories;
using Maillage.Territories.Reference;

namespace Maillage.Tests.Actors;

public sealed class ActorRulesTests
{
    private static readonly Guid Territory = Guid.NewGuid();
    private static readonly InseeReference Reference = InseeReference.LoadEmbedded();

    private static Actor NewActor(string name = "Mission locale des Bords de Marne", ActorFamily family = ActorFamily.EmploiFormation) =>
        new(Territory, name, null, family);

    private static string Siret(string siren, string establishment = "0001")
    {
        var body = siren + establishment;
        return body + Identifiers.LuhnKey(body);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("—")]
    public void An_actor_needs_a_name_with_a_letter_or_digit(string name)
    {
        var error = Should.Throw<DomainException>(() => NewActor(name));
        error.Message.ShouldStartWith("Nom :");
    }

    [Fact]
    public void A_name_longer_than_200_characters_is_refused_naming_the_field()
    {
        Should.Throw<DomainException>(() => NewActor(new string('a', 201))).Message.ShouldBe("Nom : 200 caractères au plus.");
    }

    [Fact]
    public void Name_key_and_search_text_are_lower_case_without_accents()
    {
        var actor = new Actor(Territory, "  Œuvre Sociale d'Île-de-France ", "OSÉ", ActorFamily.Associations);
        actor.SetIdentifiers("552100554", null, "W751234567");
        actor.SetCompetences([new Competence(Territory, "Mobilité"), new Competence(Territory, "Insertion professionnelle")]);

        actor.Name.ShouldBe("Œuvre Sociale d'Île-de-France");
        actor.NameKey.ShouldBe("oeuvre sociale d ile de france");
        actor.SearchText.ShouldBe("oeuvre sociale d ile de france ose 552100554 w751234567 insertion professionnelle mobilite");
        actor.CompetenceLabels.ShouldBe("Insertion professionnelle; Mobilité");
    }

    [Fact]
    public void A_SIRET_brings_its_SIREN()
    {
        var actor = NewActor();
        var siret = Siret("552100554");

        actor.SetIdentifiers(null, siret, null);

        actor.Siret.ShouldBe(siret);
        actor.Siren.ShouldBe("552100554");
    }

    [Fact]
    public void A_SIRET_of_another_SIREN_is_refused()
    {
        var actor = NewActor();
        var error = Should.Throw<DomainException>(() => actor.SetIdentifiers("219400694", Siret("552100554"), null));
        error.Message.ShouldStartWith("SIRET :");
        error.Message.ShouldContain("n'appartient pas au SIREN « 219400694 »");
    }

    [Theory]
    [InlineData("219400695", null, null, "SIREN :")]
    [InlineData(null, "55210055400010", null, "SIRET :")]
    [InlineData(null, null, "W12345", "RNA :")]
    [InlineData(null, null, "X751234567", "RNA :")]
    public void Identifiers_with_a_wrong_check_or_shape_are_refused_naming_the_field(string? siren, string? siret, string? rna, string field)
    {
        Should.Throw<DomainException>(() => NewActor().SetIdentifiers(siren, siret, rna)).Message.ShouldStartWith(field);
    }

    [Fact]
    public void Identifiers_typed_with_spaces_are_stored_clean()
    {
        var actor = NewActor();
        actor.SetIdentifiers("552 100 554", null, "w75 1234 567");

        actor.Siren.ShouldBe("552100554");
        actor.Rna.ShouldBe("W751234567");
    }

    [Fact]
    public void NAF_code_is_normalised_and_defaults_to_revision_2()
    {
        var actor = NewActor();
        actor.SetActivity("8899b", null, "12");

        actor.NafCode.ShouldBe("88.99B");
        actor.NafVersion.ShouldBe(NafVersions.Rev2);
        actor.WorkforceBand.ShouldBe("12");
        WorkforceBands.Label("12").ShouldBe("20 à 49 salariés");
    }

    [Theory]
    [InlineData("8899", null, null, "Code NAF :")]
    [InlineData("88.99B", "naf-1993", null, "Nomenclature NAF :")]
    [InlineData(null, null, "13", "Tranche d'effectif :")]
    public void Activity_codes_are_checked(string? naf, string? version, string? band, string field)
    {
        Should.Throw<DomainException>(() => NewActor().SetActivity(naf, version, band)).Message.ShouldStartWith(field);
    }

    [Fact]
    public void The_commune_of_the_address_must_exist_in_the_INSEE_reference()
    {
        var actor = NewActor();
        actor.SetAddress("12 rue de Paris", null, "94220", "94018", Reference);
        actor.CommuneCode.ShouldBe("94018");

        Should.Throw<DomainException>(() => actor.SetAddress(null, null, null, "99999", Reference)).Message.ShouldStartWith("Commune :");
        Should.Throw<DomainException>(() => actor.SetAddress(null, null, "9422", null, Reference)).Message.ShouldStartWith("Code postal :");
    }

    [Fact]
    public void A_subtype_must_belong_to_the_family()
    {
        var actor = NewActor();
        actor.Classify(ActorFamily.EmploiFormation, "mission-locale", SubtypeCatalog.DefaultsOnly);
        actor.Subtype.ShouldBe("mission-locale");

        var error = Should.Throw<DomainException>(() => actor.Classify(ActorFamily.Entreprises, "mission-locale", SubtypeCatalog.DefaultsOnly));
        error.Message.ShouldStartWith("Sous-type :");
        error.Message.ShouldContain("Opérateurs de l'emploi et de la formation");
        Should.Throw<DomainException>(() => actor.Classify(ActorFamily.Entreprises, "licorne", SubtypeCatalog.DefaultsOnly))
            .Message.ShouldContain("club-drh");
    }

    [Fact]
    public void A_territory_can_add_its_own_subtypes()
    {
        var catalog = new SubtypeCatalog([new ActorSubtype(Territory, ActorFamily.Associations, "Tiers-lieu")]);
        var actor = NewActor("La Fabrique", ActorFamily.Associations);

        actor.Classify(ActorFamily.Associations, "tiers-lieu", catalog);

        actor.Subtype.ShouldBe("tiers-lieu");
        catalog.Of(ActorFamily.Associations).Select(o => o.Code).ShouldContain("tiers-lieu");
    }

    [Theory]
    [InlineData("www.mission-locale.fr", "https://www.mission-locale.fr")]
    [InlineData("http://exemple.org/contact", "http://exemple.org/contact")]
    public void Websites_are_kept_as_absolute_addresses(string typed, string kept)
    {
        var actor = NewActor();
        actor.Describe(null, typed, null);
        actor.Website.ShouldBe(kept);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://exemple.fr")]
    [InlineData("pas une adresse")]
    public void Anything_else_than_a_web_address_is_refused(string typed)
    {
        Should.Throw<DomainException>(() => NewActor().Describe(null, typed, null)).Message.ShouldStartWith("Site web :");
    }

    [Fact]
    public void Modes_are_a_set_with_stable_codes()
    {
        var modes = InterventionModeCodes.Parse(["financement", "Locaux", "inconnu"], out var unknown);

        modes.ShouldBe(InterventionModes.Financement | InterventionModes.Locaux);
        unknown.ShouldBe(["inconnu"]);
        modes.Codes().ShouldBe(["financement", "locaux"]);
    }

    [Fact]
    public void Competences_of_another_territory_cannot_be_used()
    {
        Should.Throw<DomainException>(() => NewActor().SetCompetences([new Competence(Guid.NewGuid(), "Mobilité")]))
            .Message.ShouldStartWith("Compétences :");
    }

    [Fact]
    public void Changing_competences_keeps_one_link_per_competence()
    {
        var actor = NewActor();
        var mobility = new Competence(Territory, "Mobilité");
        var housing = new Competence(Territory, "Logement");
        actor.SetCompetences([mobility, housing]);

        actor.SetCompetences([housing, housing]);

        actor.CompetenceLinks.Select(l => l.CompetenceId).ShouldBe([housing.Id]);
        actor.Competences.ShouldBe(["Logement"]);
        actor.SearchText.ShouldNotContain("mobilite");
    }

    [Theory]
    [InlineData("Mobilité", "mobilite")]
    [InlineData("  Club   de DRH ", "club de drh")]
    public void A_competence_is_known_by_its_normalised_key(string label, string key)
    {
        new Competence(Territory, label).Key.ShouldBe(key);
    }

    [Fact]
    public void Absorbing_a_duplicate_fills_empty_fields_unites_sets_and_keeps_differing_values_in_the_notes()
    {
        var kept = NewActor("Mission locale Bords de Marne");
        kept.SetIdentifiers("552100554", null, null);
        kept.SetModes(InterventionModes.Accompagnement);
        kept.SetPerimeter(Perimeter.Parse("94018"));
        var mobility = new Competence(Territory, "Mobilité");
        kept.SetCompetences([mobility]);

        var other = new Actor(Territory, "Mission Locale des Bords-de-Marne", "MLBM", ActorFamily.EmploiFormation);
        other.SetIdentifiers("219400694", null, null);
        other.SetAddress("1 place de l'Europe", null, "94220", "94018", Reference);
        other.SetModes(InterventionModes.Formation);
        other.SetPerimeter(Perimeter.Parse("94069"));
        other.Describe("Coopère volontiers", "www.mlbm.fr", "Reçoit les jeunes le mardi.");
        var housing = new Competence(Territory, "Logement");
        other.SetCompetences([housing, mobility]);

        kept.AbsorbFrom(other, [housing, mobility], [mobility]);

        kept.Name.ShouldBe("Mission locale Bords de Marne");
        kept.Acronym.ShouldBe("MLBM");
        kept.Siren.ShouldBe("552100554");
        kept.CommuneCode.ShouldBe("94018");
        kept.Website.ShouldBe("https://www.mlbm.fr");
        kept.CollaborativeLogic.ShouldBe("Coopère volontiers");
        kept.Modes.ShouldBe(InterventionModes.Accompagnement | InterventionModes.Formation);
        kept.PerimeterCodes.ShouldBe("94018 94069");
        kept.Competences.ShouldBe(["Logement", "Mobilité"]);
        var notes = kept.Notes.ShouldNotBeNull();
        notes.ShouldContain("Reçoit les jeunes le mardi.");
        notes.ShouldContain("Fusionné avec « Mission Locale des Bords-de-Marne » ; SIREN 219400694.");
        kept.SearchText.ShouldContain("mlbm");
    }

    [Fact]
    public void An_actor_cannot_absorb_itself_nor_an_actor_of_another_territory()
    {
        var actor = NewActor();
        Should.Throw<DomainException>(() => actor.AbsorbFrom(actor, [], [])).Message.ShouldStartWith("Fusion :");
        Should.Throw<DomainException>(() => actor.AbsorbFrom(new Actor(Guid.NewGuid(), "Autre", null, ActorFamily.Entreprises), [], []))
            .Message.ShouldStartWith("Fusion :");
    }
}
