using System.Net;
using Maillage.Tests.Infrastructure;

namespace Maillage.Tests.Security;

public sealed class FirstStartTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_an_administrator_every_page_leads_to_installation()
    {
        await using var app = await MaillageApp.StartAsync(DatabaseKind.Sqlite, withAdministrator: false);
        var visitor = app.CreateBrowser();

        (await visitor.GetAsync("/", Cancellation)).RedirectPath().ShouldBe("/installation");
        (await visitor.GetAsync("/territoires", Cancellation)).RedirectPath().ShouldBe("/installation");
        (await visitor.GetAsync("/health", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await visitor.GetAsync("/api/v1/territories", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        await app.CreateUserAsync("premier-admin", administrator: true);

        (await visitor.GetAsync("/", Cancellation)).RedirectPath().ShouldBe(Browsing.LoginPath);
    }
}
