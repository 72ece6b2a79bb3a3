using Maillage.Actors;
using Maillage.Cibles;

namespace Maillage.Tests.Cibles;

public sealed class CibleDrawingTests
{
    private static readonly string[] FourRings = ["Partenaires engagés", "Partenaires réguliers", "Relations occasionnelles", "Contacts lointains"];

    private static CibleItem Item(string name, ActorFamily family, int? current, int? ideal) =>
        new(Guid.NewGuid(), name, family, current, ideal);

    /// <summary>150 actors spread deterministically over the five families, the rings and hors cible.</summary>
    public static CibleDrawing Crowd(int count, int seed = 7)
    {
        var random = new Random(seed);
        var words = new[] { "Mission locale", "Club des entreprises", "Association", "Ville de", "Chambre de", "France", "Maison", "Centre social", "Coopérative", "Groupement" };
        var places = new[] { "Charenton", "Saint-Maurice", "Créteil", "Vincennes", "Maisons-Alfort", "Ivry", "Bords de Marne", "Val-de-Marne" };
        var items = Enumerable.Range(0, count).Select(i =>
        {
            int? Ring() => random.Next(6) is var r && r == 0 ? null : Math.Min(r, 4);
            return new CibleItem(new Guid(i + 1, 0, 0, new byte[8]), $"{words[random.Next(words.Length)]} {places[random.Next(places.Length)]} {i}",
                ActorFamilies.All[random.Next(5)], Ring(), Ring());
        }).ToList();
        return new CibleDrawing("Maison de l'emploi", FourRings, items);
    }

    [Fact]
    public void Gaps_count_rings_to_gain_or_lose_and_come_largest_first()
    {
        var far = Item("Club des entreprises", ActorFamily.Entreprises, 4, 1);
        var near = Item("Mission locale", ActorFamily.EmploiFormation, 2, 1);
        var away = Item("Région", ActorFamily.PouvoirsPublics, 1, 3);
        var stays = Item("CCI", ActorFamily.DeveloppementEconomique, 2, 2);
        var drawing = new CibleDrawing("Nous", FourRings, [near, stays, away, far]);

        var gaps = CibleGaps.Compute(drawing);

        gaps.Select(g => (g.Item.Name, g.Rings)).ShouldBe([("Club des entreprises", 3), ("Région", -2), ("Mission locale", 1)]);
        gaps[0].Direction.ShouldBe(GapDirection.Gain);
        gaps[1].Direction.ShouldBe(GapDirection.Lose);
        gaps[0].Action.ShouldStartWith("Rapprochement prioritaire");
    }

    [Fact]
    public void Hors_cible_counts_as_one_ring_beyond_the_last()
    {
        var newcomer = Item("Le RAMEAU", ActorFamily.Associations, null, 2);
        var leaving = Item("Ancien financeur", ActorFamily.PouvoirsPublics, 3, null);
        var ignored = Item("Inconnu", ActorFamily.Entreprises, null, null);

        var gaps = CibleGaps.Compute(new CibleDrawing("Nous", FourRings, [newcomer, leaving, ignored]));

        gaps.Count.ShouldBe(2);
        gaps[0].Item.ShouldBe(newcomer);
        gaps[0].Rings.ShouldBe(3);
        gaps[0].Action.ShouldStartWith("Nouveau partenaire à trouver");
        gaps[1].Item.ShouldBe(leaving);
        gaps[1].Rings.ShouldBe(-2);
        gaps[1].Action.ShouldStartWith("Sortir de la cible");
    }

    [Fact]
    public void Equal_gaps_put_gains_before_losses_then_names_in_order()
    {
        var b = Item("B", ActorFamily.Entreprises, 3, 2);
        var a = Item("A", ActorFamily.Entreprises, 3, 2);
        var lose = Item("0 perte", ActorFamily.Entreprises, 2, 3);

        CibleGaps.Compute(new CibleDrawing("Nous", FourRings, [lose, b, a])).Select(g => g.Item.Name).ShouldBe(["A", "B", "0 perte"]);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Each_dot_stands_in_its_ring_and_in_its_family_sector(int rings)
    {
        var geometry = new CibleGeometry(rings);
        var items = ActorFamilies.All.SelectMany(f => Enumerable.Range(0, rings + 1)
            .SelectMany(r => Enumerable.Range(0, 6).Select(k => Item($"{f} {r} {k}", f, r == 0 ? null : r, null)))).ToList();

        var positions = geometry.Positions(items, i => i.Current);

        foreach (var item in items)
        {
            var point = positions[item.ActorId];
            geometry.RingAt(point).ShouldBe(item.Current, $"{item.Name} : anneau");
            var degrees = Math.Atan2(point.Y - CibleGeometry.CentreY, point.X - CibleGeometry.CentreX) * 180 / Math.PI;
            var fromStart = ((degrees - CibleGeometry.SectorStart(item.Family)) % 360 + 360) % 360;
            fromStart.ShouldBeInRange(0, CibleGeometry.SectorSpan, $"{item.Name} : secteur de sa famille");
        }
    }

    [Fact]
    public void Rings_have_growing_radii_and_the_band_outside_is_hors_cible()
    {
        var geometry = new CibleGeometry(4);

        Enumerable.Range(1, 4).Select(geometry.OuterRadius).ShouldBe([85, 170, 255, 340]);
        geometry.RingAt(new Point(CibleGeometry.CentreX + 100, CibleGeometry.CentreY)).ShouldBe(2);
        geometry.RingAt(new Point(CibleGeometry.CentreX, CibleGeometry.CentreY - 400)).ShouldBeNull();
        geometry.RingAt(new Point(CibleGeometry.CentreX, CibleGeometry.CentreY - 480)).ShouldBe(-1);
        CibleGeometry.SectorStart(ActorFamily.PouvoirsPublics).ShouldBe(-90);
        CibleGeometry.SectorStart(ActorFamily.EmploiFormation).ShouldBe(54);
    }

    [Fact]
    public void Positions_are_the_same_from_one_drawing_to_the_next()
    {
        var crowd = Crowd(60);
        var first = new CibleGeometry(4).Positions(crowd.Items, i => i.Current);
        var second = new CibleGeometry(4).Positions([.. crowd.Items.Reverse()], i => i.Current);

        second.ShouldBe(first);
        CibleSvg.Render(crowd, CibleView.Overlay, "t").ShouldBe(CibleSvg.Render(crowd with { Items = [.. crowd.Items.Reverse()] }, CibleView.Overlay, "t"));
    }

    [Theory]
    [InlineData(CibleView.Current, 7)]
    [InlineData(CibleView.Ideal, 11)]
    [InlineData(CibleView.Overlay, 13)]
    public void No_two_labels_overlap_with_150_actors(CibleView view, int seed)
    {
        var crowd = Crowd(150, seed);
        var geometry = new CibleGeometry(4);
        var positions = geometry.Positions(crowd.Items, i => view == CibleView.Current ? i.Current : i.Ideal);
        var requests = crowd.Items.Select(i => (i.ActorId, i.Label, positions[i.ActorId])).ToList();

        var labels = LabelPlacer.Place(requests, []);

        labels.Count.ShouldBe(150);
        for (var i = 0; i < labels.Count; i++)
        {
            for (var j = i + 1; j < labels.Count; j++)
            {
                labels[i].Box.Intersects(labels[j].Box).ShouldBeFalse($"« {labels[i].Text} » et « {labels[j].Text} » se chevauchent");
            }

            foreach (var dot in positions.Values)
            {
                var node = new Box(dot.X - CibleGeometry.NodeRadius, dot.Y - CibleGeometry.NodeRadius, 2 * CibleGeometry.NodeRadius, 2 * CibleGeometry.NodeRadius);
                labels[i].Box.Intersects(node).ShouldBeFalse($"« {labels[i].Text} » couvre un point");
            }
        }
    }

    [Fact]
    public void All_150_actors_crowded_in_one_cell_still_get_separate_labels()
    {
        var items = Enumerable.Range(0, 150).Select(i => Item($"Entreprise du bassin numéro {i}", ActorFamily.Entreprises, 1, 1)).ToList();
        var positions = new CibleGeometry(3).Positions(items, i => i.Current);

        var labels = LabelPlacer.Place([.. items.Select(i => (i.ActorId, i.Label, positions[i.ActorId]))], []);

        for (var i = 0; i < labels.Count; i++)
        {
            for (var j = i + 1; j < labels.Count; j++)
            {
                labels[i].Box.Intersects(labels[j].Box).ShouldBeFalse();
            }
        }
    }

    [Fact]
    public void The_rendered_picture_labels_every_actor_and_draws_one_arrow_per_gap()
    {
        var crowd = Crowd(40);
        var svg = CibleSvg.Render(crowd, CibleView.Overlay, "Cible « test » — écart");
        var document = System.Xml.Linq.XDocument.Parse(svg);
        var ns = document.Root!.Name.Namespace;

        document.Root.Attribute("role")!.Value.ShouldBe("img");
        document.Descendants(ns + "text").Count(t => t.Attribute("data-label-for") is not null).ShouldBe(40);
        document.Descendants(ns + "g").Count(g => g.Attribute("class")?.Value == "cible-node").ShouldBe(40);
        var gaps = CibleGaps.Compute(crowd);
        document.Descendants(ns + "line").Count(l => l.Attribute("marker-end") is not null && l.Parent!.Attribute("class")?.Value == "cible-arrows")
            .ShouldBe(gaps.Count);
    }

    [Theory]
    [InlineData(CibleView.Current)]
    [InlineData(CibleView.Overlay)]
    public void Write_a_sample_picture(CibleView view)
    {
        var directory = Environment.GetEnvironmentVariable("MAILLAGE_CIBLE_SAMPLES");
        if (directory is not null)
        {
            File.WriteAllText(Path.Combine(directory, $"cible-{view}.svg"), CibleSvg.Render(Crowd(150), view, "Échantillon"));
        }

        CibleSvg.Render(Crowd(150), view, "Échantillon").ShouldStartWith("<svg");
    }

    [Fact]
    public void Long_names_are_labelled_by_their_acronym_or_shortened()
    {
        new CibleItem(Guid.NewGuid(), "Direction régionale de l'économie, de l'emploi, du travail et des solidarités", ActorFamily.PouvoirsPublics, 1, 1, "DREETS")
            .Label.ShouldBe("DREETS");
        new CibleItem(Guid.NewGuid(), "Association pour le développement des jardins partagés", ActorFamily.Associations, 1, 1).Label
            .ShouldBe("Association pour le dévelop…");
    }
}
