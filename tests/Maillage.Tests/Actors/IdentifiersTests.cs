using Maillage.Actors;
using Maillage.Territories.Reference;

namespace Maillage.Tests.Actors;

public sealed class IdentifiersTests
{
    [Fact]
    public void Every_commune_and_EPCI_SIREN_of_the_INSEE_reference_passes_the_check()
    {
        var reference = InseeReference.LoadEmbedded();
        var sirens = reference.Communes.Select(c => c.Siren).OfType<string>()
            .Concat(reference.Epcis.Select(e => e.Siren))
            .ToList();

        sirens.Count.ShouldBeGreaterThan(35_000);
        sirens.Where(s => !Identifiers.IsValidSiren(s)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("219400694")] // Saint-Maurice (94069)
    [InlineData("200054781")] // Métropole du Grand Paris
    [InlineData("356000000")] // La Poste
    [InlineData("552 100 554")] // typed with spaces
    public void Valid_SIREN_are_accepted(string siren) => Identifiers.IsValidSiren(siren).ShouldBeTrue();

    [Theory]
    [InlineData("219400695")]
    [InlineData("200054782")]
    [InlineData("12345678")]
    [InlineData("1234567890")]
    [InlineData("21940069A")]
    [InlineData("")]
    public void SIREN_with_a_wrong_check_digit_or_length_are_refused(string siren) => Identifiers.IsValidSiren(siren).ShouldBeFalse();

    [Fact]
    public void SIRET_is_valid_when_its_SIREN_and_the_whole_number_pass_Luhn()
    {
        var siren = "552100554";
        var body = siren + "0001";
        var siret = body + Identifiers.LuhnKey(body);

        Identifiers.IsValidSiret(siret).ShouldBeTrue();
        Identifiers.IsValidSiret(body + ((Identifiers.LuhnKey(body) + 1) % 10)).ShouldBeFalse();
    }

    [Fact]
    public void SIRET_whose_SIREN_is_wrong_is_refused_even_if_the_whole_number_passes_Luhn()
    {
        var body = "5521005550001";
        var siret = body + Identifiers.LuhnKey(body);

        Identifiers.Luhn(siret).ShouldBeTrue();
        Identifiers.IsValidSiret(siret).ShouldBeFalse();
    }

    [Theory]
    [InlineData("35600000000048")] // La Poste, siège: passes Luhn
    [InlineData("35600000049837")] // La Poste establishment: fails Luhn, digit sum 45 is divisible by 5
    public void La_Poste_SIRET_follow_their_own_rule(string siret)
    {
        Identifiers.IsValidSiret(siret).ShouldBeTrue();
    }

    [Fact]
    public void La_Poste_SIRET_whose_digit_sum_is_not_a_multiple_of_5_and_fails_Luhn_is_refused()
    {
        const string siret = "35600000049838";

        Identifiers.Luhn(siret).ShouldBeFalse();
        (siret.Sum(c => c - '0') % 5).ShouldNotBe(0);
        Identifiers.IsValidSiret(siret).ShouldBeFalse();
    }

    [Theory]
    [InlineData("W751234567", true)]
    [InlineData("W2A1234567", true)]
    [InlineData("w94 300 1234", true)]
    [InlineData("W75123456", false)]
    [InlineData("X751234567", false)]
    [InlineData("W75123456A", false)]
    public void RNA_is_W_followed_by_nine_characters(string rna, bool valid) => Identifiers.IsValidRna(rna).ShouldBe(valid);
}
