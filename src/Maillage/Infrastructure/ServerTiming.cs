using System.Diagnostics;
using System.Globalization;

namespace Maillage.Infrastructure;

/// <summary>
/// <c>Server-Timing: app;dur=12.3</c> on every response when <c>Maillage:ServerTiming</c> is true (off by default):
/// the time from the request entering the pipeline to the response starting, in milliseconds, so that the benchmark
/// (bench/Maillage.Bench) separates the server's time from the client's and the network's.
/// </summary>
public static class ServerTiming
{
    public const string Setting = "Maillage:ServerTiming";
    public const string Header = "Server-Timing";

    public static IApplicationBuilder UseServerTiming(this IApplicationBuilder app, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!configuration.GetValue<bool>(Setting))
        {
            return app;
        }

        return app.Use(async (context, next) =>
        {
            var start = Stopwatch.GetTimestamp();
            context.Response.OnStarting(() =>
            {
                var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                context.Response.Headers[Header] = "app;dur=" + elapsed.ToString("0.###", CultureInfo.InvariantCulture);
                return Task.CompletedTask;
            });
            await next();
        });
    }
}
