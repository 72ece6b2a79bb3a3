using System.Diagnostics;
using Maillage.Territories.Reference;

namespace Maillage.Tests.Territories;

public sealed class InseeReferenceTests
{
    private const string MetropoleDuGrandParis = "200054781";

    private static readonly InseeReference Reference = InseeReference.LoadEmbedded();

    [Fact]
    public void Counts_are_those_of_the_2026_geography()
    {
        Reference.CommuneCount.ShouldBeGreaterThan(34_000);
        Reference.EpciCount.ShouldBeGreaterThan(1_200);
        Reference.Departements.Count().ShouldBe(101);
        Reference.Regions.Count().ShouldBe(18);
        Reference.Communes.Count().ShouldBe(Reference.CommuneCount);
        Reference.Epcis.Count().ShouldBe(Reference.EpciCount);
    }

    [Fact]
    public void Charenton_le_Pont_is_94018_in_the_94_with_postal_code_94220()
    {
        var commune = Reference.FindCommune("94018").ShouldNotBeNull();

        commune.Name.ShouldBe("Charenton-le-Pont");
        commune.PostalCodes.ShouldBe(["94220"]);
        commune.DepartementCode.ShouldBe("94");
        commune.RegionCode.ShouldBe("11");
        commune.Siren.ShouldBe("219400181");
        commune.Population.ShouldBeGreaterThan(20_000);
    }

    [Fact]
    public void Corsican_codes_are_found_whatever_their_case()
    {
        Reference.FindCommune("2A004").ShouldNotBeNull().Name.ShouldBe("Ajaccio");
        Reference.FindCommune("2a004").ShouldNotBeNull().Code.ShouldBe("2A004");
        Reference.FindDepartement("2B").ShouldNotBeNull().RegionCode.ShouldBe("94");
    }

    [Fact]
    public void Searching_saint_maurice_finds_Saint_Maurice_of_the_94()
    {
        Reference.SearchCommunes("saint maurice").Select(c => c.Code).ShouldContain("94069");
    }

    [Fact]
    public void Searching_st_maurice_finds_Saint_Maurice_too()
    {
        Reference.SearchCommunes("st-maurice").Select(c => c.Code).ShouldContain("94069");
    }

    [Fact]
    public void Searching_a_postal_code_finds_its_communes()
    {
        var results = Reference.SearchCommunes("94410");

        results[0].Code.ShouldBe("94069");
        results.ShouldAllBe(c => c.PostalCodes.Contains("94410"));
    }

    [Fact]
    public void Searching_one_of_several_postal_codes_finds_the_commune()
    {
        Reference.SearchCommunes("75011")[0].Code.ShouldBe("75056");
    }

    [Fact]
    public void Searching_the_first_digits_of_a_postal_code_lists_the_largest_communes_first()
    {
        var results = Reference.SearchCommunes("944", limit: 10);

        results.Count.ShouldBe(10);
        results.ShouldAllBe(c => c.PostalCodes.Any(p => p.StartsWith("944", StringComparison.Ordinal)));
        results.Select(c => c.Population).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public void Searching_an_INSEE_code_puts_that_commune_first()
    {
        Reference.SearchCommunes("94018")[0].Name.ShouldBe("Charenton-le-Pont");
    }

    [Fact]
    public void Search_ignores_accents_and_case()
    {
        Reference.SearchCommunes("orleans")[0].Code.ShouldBe("45234");
        Reference.SearchCommunes("ORLÉANS")[0].Code.ShouldBe("45234");
    }

    [Fact]
    public void Prefix_matches_come_first_then_the_most_populated()
    {
        var results = Reference.SearchCommunes("saint", limit: 50);

        results.Count.ShouldBe(50);
        results.ShouldAllBe(c => c.Name.StartsWith("Saint", StringComparison.Ordinal));
        results.Select(c => c.Population).ShouldBeInOrder(SortDirection.Descending);
        results[0].Name.ShouldBe("Saint-Étienne");
    }

    [Fact]
    public void A_word_inside_the_name_matches_after_the_prefix_matches()
    {
        var results = Reference.SearchCommunes("maurice", limit: 200);

        var firstInner = results.ToList().FindIndex(c => !c.Name.StartsWith("Maurice", StringComparison.Ordinal));
        firstInner.ShouldBeGreaterThanOrEqualTo(0);
        results.Skip(firstInner).ShouldAllBe(c => !c.Name.StartsWith("Maurice", StringComparison.Ordinal));
        results.Select(c => c.Code).ShouldContain("94069");
    }

    [Fact]
    public void Search_respects_the_limit_and_returns_nothing_for_a_blank_query()
    {
        Reference.SearchCommunes("saint", limit: 3).Count.ShouldBe(3);
        Reference.SearchCommunes("   ").ShouldBeEmpty();
        Reference.SearchAreas("").ShouldBeEmpty();
        Reference.SearchCommunes("zzzzqqq").ShouldBeEmpty();
    }

    [Fact]
    public void Charenton_and_Saint_Maurice_belong_to_the_Metropole_du_Grand_Paris()
    {
        Reference.FindCommune("94018").ShouldNotBeNull().EpciSiren.ShouldBe(MetropoleDuGrandParis);
        Reference.FindCommune("94069").ShouldNotBeNull().EpciSiren.ShouldBe(MetropoleDuGrandParis);

        var epci = Reference.FindEpci(MetropoleDuGrandParis).ShouldNotBeNull();
        epci.Name.ShouldBe("Métropole du Grand Paris");
        epci.Nature.ShouldBe("METRO");
        epci.MemberCodes.ShouldContain("94018");
        epci.MemberCodes.ShouldContain("94069");
        epci.MemberCodes.ShouldContain("75056");
    }

    [Fact]
    public void The_communes_of_an_EPCI_are_its_members()
    {
        var epci = Reference.FindEpci(MetropoleDuGrandParis).ShouldNotBeNull();

        Reference.CommuneCodesOf(AreaKind.Epci, MetropoleDuGrandParis).ShouldBe(epci.MemberCodes);
        epci.MemberCodes.Count.ShouldBe(130);
        epci.Population.ShouldBe(epci.MemberCodes.Sum(code => Reference.FindCommune(code)!.Population));
    }

    [Fact]
    public void Every_commune_of_an_EPCI_names_that_EPCI()
    {
        foreach (var epci in Reference.Epcis)
        {
            foreach (var code in epci.MemberCodes)
            {
                Reference.FindCommune(code).ShouldNotBeNull().EpciSiren.ShouldBe(epci.Siren);
            }
        }
    }

    [Fact]
    public void Every_EPCI_member_is_a_known_commune()
    {
        var unknown = Reference.Epcis.SelectMany(e => e.MemberCodes).Where(code => Reference.FindCommune(code) is null);

        unknown.ShouldBeEmpty();
    }

    [Fact]
    public void The_Val_de_Marne_covers_47_communes()
    {
        var codes = Reference.CommuneCodesOf(AreaKind.Departement, "94");

        codes.Count.ShouldBe(47);
        codes.ShouldContain("94018");
        codes.ShouldAllBe(code => code.StartsWith("94", StringComparison.Ordinal));
    }

    [Fact]
    public void A_region_covers_the_communes_of_its_departements()
    {
        var departements = Reference.Departements.Where(d => d.RegionCode == "11").Select(d => d.Code).ToList();
        var expected = departements.Sum(d => Reference.CommuneCodesOf(AreaKind.Departement, d).Count);

        departements.Count.ShouldBe(8);
        Reference.CommuneCodesOf(AreaKind.Region, "11").Count.ShouldBe(expected);
    }

    [Fact]
    public void A_commune_covers_itself()
    {
        Reference.CommuneCodesOf(AreaKind.Commune, "94018").ShouldBe(["94018"]);
    }

    [Fact]
    public void Unknown_codes_resolve_to_null_and_cover_nothing()
    {
        Reference.Resolve(AreaKind.Commune, "99999").ShouldBeNull();
        Reference.Resolve(AreaKind.Epci, "123456789").ShouldBeNull();
        Reference.Resolve(AreaKind.Departement, "00").ShouldBeNull();
        Reference.Resolve(AreaKind.Region, "99").ShouldBeNull();
        Reference.FindCommune("99999").ShouldBeNull();
        Reference.CommuneCodesOf(AreaKind.Epci, "123456789").ShouldBeEmpty();
        Reference.CommuneCodesOf(AreaKind.Departement, "00").ShouldBeEmpty();
    }

    [Fact]
    public void Resolve_describes_each_kind_of_area()
    {
        var commune = Reference.Resolve(AreaKind.Commune, "94018").ShouldNotBeNull();
        commune.Name.ShouldBe("Charenton-le-Pont");
        commune.Detail.ShouldStartWith("94 · ");
        commune.Detail.ShouldEndWith(" hab.");

        Reference.Resolve(AreaKind.Epci, MetropoleDuGrandParis).ShouldNotBeNull().Detail.ShouldBe("Métropole · 130 communes");
        Reference.Resolve(AreaKind.Departement, "94").ShouldNotBeNull().Detail.ShouldBe("Île-de-France · 47 communes");
        Reference.Resolve(AreaKind.Region, "11").ShouldNotBeNull().Detail.ShouldBe("Région · 8 départements");
    }

    [Fact]
    public void Searching_areas_mixes_kinds()
    {
        var results = Reference.SearchAreas("val de marne");
        results[0].ShouldBe(new AreaRef(AreaKind.Departement, "94", "Val-de-Marne", "Île-de-France · 47 communes"));

        Reference.SearchAreas("grand paris").ShouldContain(a => a.Kind == AreaKind.Epci && a.Code == MetropoleDuGrandParis);
        Reference.SearchAreas("ile de france").ShouldContain(a => a.Kind == AreaKind.Region && a.Code == "11");
        Reference.SearchAreas("orleans").ShouldContain(a => a.Kind == AreaKind.Commune && a.Code == "45234");
    }

    [Fact]
    public void Every_commune_SIREN_and_EPCI_SIREN_has_nine_digits()
    {
        var sirens = Reference.Communes.Select(c => c.Siren).Concat(Reference.Epcis.Select(e => e.Siren)).ToList();

        sirens.Count.ShouldBe(Reference.CommuneCount + Reference.EpciCount);
        sirens.Where(s => s is null || s.Length != 9 || !s.All(char.IsAsciiDigit)).ShouldBeEmpty();
    }

    [Fact]
    public void Normalize_folds_accents_case_punctuation_and_saint_abbreviations()
    {
        InseeReference.Normalize("L'Haÿ-les-Roses").ShouldBe("l hay les roses");
        InseeReference.Normalize("Œuilly").ShouldBe("oeuilly");
        InseeReference.Normalize("St-Maur-des-Fossés").ShouldBe("saint maur des fosses");
        InseeReference.Normalize("Ste Marie").ShouldBe("sainte marie");
        InseeReference.Normalize("Stenay").ShouldBe("stenay");
    }

    [Fact]
    public void Loading_the_embedded_reference_takes_well_under_two_seconds()
    {
        // LoadEmbedded() caches its result, so time the parse it does on first use. Best of three, because other
        // builds share this machine's two cores and one unlucky time slice says nothing about the code. About 0.2 s idle.
        var best = TimeSpan.MaxValue;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var stopwatch = Stopwatch.StartNew();
            using var stream = typeof(InseeReference).Assembly.GetManifestResourceStream(InseeReference.ResourceName);
            var reference = InseeReference.Load(stream.ShouldNotBeNull());
            stopwatch.Stop();

            reference.CommuneCount.ShouldBe(Reference.CommuneCount);
            best = stopwatch.Elapsed < best ? stopwatch.Elapsed : best;
        }

        best.ShouldBeLessThan(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void LoadEmbedded_returns_one_shared_instance()
    {
        InseeReference.LoadEmbedded().ShouldBeSameAs(InseeReference.LoadEmbedded());
    }
}
