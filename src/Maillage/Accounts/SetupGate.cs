using Maillage.Data;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Accounts;

/// <summary>
/// Until the first administrator exists, every page leads to the setup page: there is no default password.
/// The answer is cached once true, since accounts are never all deleted.
/// </summary>
public sealed class SetupState(IServiceScopeFactory scopes) : IDisposable
{
    private volatile bool _hasAdministrator;

    /// <summary>
    /// Serialises changes to the set of administrators within this process: the setup page must never create a
    /// second administrator, and two administrators must not remove each other's right at the same moment.
    /// </summary>
    public SemaphoreSlim AdministratorsLock { get; } = new(1, 1);

    public async Task<bool> HasAdministratorAsync(CancellationToken cancellationToken = default)
    {
        if (_hasAdministrator)
        {
            return true;
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        _hasAdministrator = await db.Users.AnyAsync(u => u.IsAdministrator, cancellationToken);
        return _hasAdministrator;
    }

    public void AdministratorCreated() => _hasAdministrator = true;

    public void Dispose() => AdministratorsLock.Dispose();
}

public static class SetupGate
{
    public const string SetupPath = "/installation";

    public static IApplicationBuilder UseSetupGate(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            var exempt = path.StartsWithSegments(SetupPath) || path.StartsWithSegments("/health")
                || path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi")
                || path.StartsWithSegments("/lib") || path.StartsWithSegments("/css") || path.StartsWithSegments("/js")
                || path.StartsWithSegments("/favicon.svg") || path.StartsWithSegments("/langue")
                || path.StartsWithSegments("/erreur");
            if (!exempt && HttpMethods.IsGet(context.Request.Method)
                && !await context.RequestServices.GetRequiredService<SetupState>().HasAdministratorAsync(context.RequestAborted))
            {
                context.Response.Redirect(SetupPath);
                return;
            }

            await next();
        });
}
