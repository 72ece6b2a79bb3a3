using Maillage.Actors;
using Maillage.Cibles;

namespace Maillage.Tests.Cibles;

public sealed class CibleRulesTests
{
    private static readonly Guid Territory = Guid.NewGuid();

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void A_cible_without_ring_names_gets_the_default_names(int rings)
    {
        var cible = new Cible(Territory, "Cible de la Maison de l'emploi", null, null, rings);

        cible.Rings.ShouldBe(Cible.DefaultRingNames(rings));
        cible.RingCount.ShouldBe(rings);
    }

    [Fact]
    public void Ring_names_given_set_the_number_of_rings_and_blanks_take_the_default()
    {
        var cible = new Cible(Territory, "Cible", "Nous", ["Noyau", " ", "Veille"]);

        cible.Rings.ShouldBe(["Noyau", "Relations régulières", "Veille"]);
        cible.CentreLabel.ShouldBe("Nous");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    public void A_cible_has_three_to_five_rings(int rings)
    {
        Should.Throw<DomainException>(() => new Cible(Territory, "Cible", null, null, rings)).Message.ShouldStartWith("Anneaux : une cible a de 3 à 5 anneaux");
    }

    [Fact]
    public void Two_rings_cannot_have_the_same_name()
    {
        Should.Throw<DomainException>(() => new Cible(Territory, "Cible", null, ["Proches", "proches", "Loin"])).Message.ShouldContain("même nom");
    }

    [Fact]
    public void A_placement_refuses_a_ring_the_cible_does_not_have()
    {
        var cible = new Cible(Territory, "Cible", null, null, 3);
        var placement = new CiblePlacement(cible, new Actor(Territory, "CCI", null, ActorFamily.DeveloppementEconomique));

        Should.Throw<DomainException>(() => placement.Place(cible, 4, 1)).Message
            .ShouldBe("Aujourd'hui : l'anneau 4 n'existe pas ; cette cible a les anneaux 1 (centre) à 3, ou aucun (hors cible).");
        placement.Place(cible, null, 1);
        placement.Current.ShouldBeNull();
        placement.Ideal.ShouldBe(1);
    }

    [Fact]
    public void An_actor_of_another_territory_cannot_be_placed()
    {
        var cible = new Cible(Territory, "Cible", null, null);

        Should.Throw<DomainException>(() => new CiblePlacement(cible, new Actor(Guid.NewGuid(), "CCI", null, ActorFamily.DeveloppementEconomique)));
    }
}
