using System.Net;
using Maillage.Tests.Infrastructure;

namespace Maillage.Tests.Security;

/// <summary>Its own app: the login limit counts per address over a sliding minute, and nothing else may share it.</summary>
public sealed class RateLimitTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const int Limit = 20;

    [Fact]
    public async Task Login_is_rate_limited()
    {
        var attacker = app.CreateBrowser();
        var token = await attacker.GetAntiforgeryTokenAsync(Browsing.LoginPath);
        var statuses = new List<HttpStatusCode>();

        // Permits come back only when the one-minute window slides past them: within the loop's few seconds the
        // 21st request from one address is refused, whatever the segment boundaries.
        for (var attempt = 0; attempt < 2 * Limit && !statuses.Contains(HttpStatusCode.TooManyRequests); attempt++)
        {
            using var response = await attacker.PostFormWithTokenAsync(Browsing.LoginPath,
                [KeyValuePair.Create("Input.Email", "intrus@exemple.fr"), KeyValuePair.Create("Input.Password", "devinette-" + attempt)], token);
            statuses.Add(response.StatusCode);
        }

        statuses.ShouldContain(HttpStatusCode.TooManyRequests, $"aucun refus après {statuses.Count} tentatives");
        statuses[0].ShouldBe(HttpStatusCode.OK, "la première tentative doit être traitée");
        statuses.Count.ShouldBeLessThanOrEqualTo(Limit + 1);

        var neighbour = await app.CreateBrowser().GetAsync(Browsing.LoginPath, TestContext.Current.CancellationToken);
        neighbour.StatusCode.ShouldBe(HttpStatusCode.OK, "une autre adresse n'est pas limitée");
    }
}
