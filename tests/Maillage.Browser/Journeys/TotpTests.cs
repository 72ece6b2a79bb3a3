using Maillage.Browser.Infrastructure;

namespace Maillage.Browser.Journeys;

public sealed class TotpTests
{
    // RFC 6238 appendix B, SHA-1 rows, last six digits; the key is "12345678901234567890" in base32.
    [Theory]
    [InlineData(59, "287082")]
    [InlineData(1111111109, "081804")]
    [InlineData(1234567890, "005924")]
    [InlineData(20000000000, "353130")]
    public void Codes_match_the_RFC_6238_test_vectors(long unixSeconds, string expected) =>
        Totp.Code("gezd gnbv gy3t qojq gezd gnbv gy3t qojq", DateTimeOffset.FromUnixTimeSeconds(unixSeconds)).ShouldBe(expected);
}
