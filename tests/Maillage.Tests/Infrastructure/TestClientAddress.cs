using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Maillage.Tests.Infrastructure;

/// <summary>
/// The in-memory test server gives every request the same empty remote address; a real server sees one address
/// per person. Each test browser sends its own address in this header so per-address limits behave as in production.
/// </summary>
internal sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Maillage-Test-Client";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
