using Maillage.Actors;
using Maillage.Actors.Transfer;
using Shouldly;

namespace Maillage.Tests.Actors;

public sealed class ActorColumnsTests
{
    [Theory]
    [InlineData("Nom", ActorColumns.Name)]
    [InlineData("RAISON SOCIALE", ActorColumns.Name)]
    [InlineData("Code APE", ActorColumns.Naf)]
    [InlineData("code_postal", ActorColumns.PostalCode)]
    [InlineData(" Tranche d’effectifs ", ActorColumns.WorkforceBand)]
    [InlineData("Modes d'intervention", ActorColumns.Modes)]
    [InlineData("externalId", ActorColumns.ExternalId)]
    [InlineData("Skills", ActorColumns.Competences)]
    public void A_header_is_recognised_whatever_its_case_accents_and_punctuation(string header, string key) =>
        ActorColumns.Guess(header)!.Key.ShouldBe(key);

    [Fact]
    public void An_unknown_header_is_not_guessed() =>
        ActorColumns.Guess("Chiffre d'affaires").ShouldBeNull();

    [Fact]
    public void No_header_or_alias_names_two_columns()
    {
        var names = ActorColumns.All.SelectMany(c => c.Aliases.Prepend(c.Header).Append(c.Key).Select(h => (Key: TextKey.Normalize(h), Column: c.Key)))
            .Distinct().GroupBy(x => x.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        names.ShouldBeEmpty();
    }
}
