using Maillage.Actors;

namespace Maillage.Tests.Actors;

public sealed class SearchAndDuplicatesTests
{
    [Theory]
    [InlineData("Maison de l'Emploi", "maison de l emploi")]
    [InlineData("  CCI  Paris—Île-de-France ", "cci paris ile de france")]
    [InlineData("Cœur de Ville & Cie", "coeur de ville cie")]
    [InlineData("ÉTABLISSEMENTS DUPONT", "etablissements dupont")]
    [InlineData("", "")]
    [InlineData("!!!", "")]
    public void Text_keys_are_lower_case_without_accents_and_with_single_spaces(string text, string key)
    {
        TextKey.Normalize(text).ShouldBe(key);
    }

    [Fact]
    public void A_text_key_never_holds_a_character_above_the_prefix_bound()
    {
        TextKey.Normalize("Café 🚀 ☕ ＡＢＣ").All(c => c < TextKey.Last).ShouldBeTrue();
    }

    [Theory]
    [InlineData("552100554", SearchKind.Siren, "552100554")]
    [InlineData("552 100 554", SearchKind.Siren, "552100554")]
    [InlineData("552 100 554 00012", SearchKind.Siret, "55210055400012")]
    [InlineData("w751234567", SearchKind.Rna, "W751234567")]
    [InlineData("mi", SearchKind.NamePrefix, "mi")]
    [InlineData("É", SearchKind.NamePrefix, "e")]
    [InlineData("Mobilité", SearchKind.Contains, "mobilite")]
    [InlineData("12345", SearchKind.Contains, "12345")]
    [InlineData("  ", SearchKind.None, "")]
    [InlineData(null, SearchKind.None, "")]
    public void The_search_box_reads_identifiers_exactly_short_text_as_a_name_prefix_and_longer_text_anywhere(string? q, SearchKind kind, string value)
    {
        SearchTerm.Parse(q).ShouldBe(new SearchTerm(kind, value));
    }

    [Theory]
    [InlineData("mission locale de vitry", "mission locale de vitry")]
    [InlineData("cap emploi", "capemploi")]
    [InlineData("mission locale de vitry", "misson locale de vitry")]
    [InlineData("mission locale de vitry", "mision locale de vity")]
    [InlineData("france travail", "france travial")]
    public void Names_the_same_once_normalised_or_within_a_typo_are_near_identical(string a, string b)
    {
        Duplicates.IsNearIdentical(a, b).ShouldBeTrue();
    }

    [Theory]
    [InlineData("cci", "cma")]
    [InlineData("mission locale de vitry", "mission locale de paris")]
    [InlineData("france travail", "france travail paris")]
    [InlineData("cci paris", "cma paris")]
    public void Different_names_are_not_near_identical(string a, string b)
    {
        Duplicates.IsNearIdentical(a, b).ShouldBeFalse();
    }

    [Theory]
    [InlineData("kitten", "sitting", 5, 3)]
    [InlineData("flaw", "lawn", 5, 2)]
    [InlineData("abcdef", "uvwxyz", 2, 3)]
    [InlineData("", "abc", 5, 3)]
    public void Edit_distance_counts_insertions_deletions_and_substitutions_and_stops_past_the_limit(string a, string b, int limit, int expected)
    {
        Duplicates.EditDistance(a, b, limit).ShouldBe(expected);
    }
}
