using Maillage.Territories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Infrastructure;

/// <summary>
/// Declares the role a page of a territory needs: <see cref="Read"/> for GET, <see cref="Write"/> for any form post.
/// Every page whose route holds <c>{territoryId}</c> must carry it (a test checks it).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class TerritoryPageAttribute(TerritoryRole read = TerritoryRole.Lecteur, TerritoryRole write = TerritoryRole.Pilote) : Attribute
{
    public TerritoryRole Read { get; } = read;
    public TerritoryRole Write { get; } = write;

    /// <summary>A Partenaire may also use the page for its own organisation (see <see cref="TerritoryContext.CanEditActor"/>).</summary>
    public bool OwnOrganisation { get; set; }
}

/// <summary>Declares the role an API endpoint of a territory needs.</summary>
public sealed record TerritoryRoleRequirement(TerritoryRole Role);

/// <summary>Lets a Partenaire call the endpoint for its own organisation, below the role it otherwise needs.</summary>
public sealed record OwnOrganisationAllowed;

/// <summary>
/// Resolves <c>{territoryId}</c> for pages: another territory answers 404, a role too low answers 403.
/// </summary>
public sealed class TerritoryPageFilter(TerritoryAccess access, CurrentTerritory current) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.RouteData.Values.TryGetValue("territoryId", out var raw))
        {
            if (!Guid.TryParse(raw?.ToString(), out var territoryId))
            {
                context.Result = new NotFoundResult();
                return;
            }

            var territory = await access.FindAsync(territoryId, context.HttpContext.User, context.HttpContext.RequestAborted);
            if (territory is null)
            {
                context.Result = new NotFoundResult();
                return;
            }

            current.Value = territory;
            var declared = context.ActionDescriptor.ModelTypeInfo?.GetCustomAttributes(typeof(TerritoryPageAttribute), true)
                .OfType<TerritoryPageAttribute>().FirstOrDefault()
                ?? throw new InvalidOperationException($"La page {context.ActionDescriptor.DisplayName} n'indique pas le rôle requis.");
            var required = HttpMethods.IsGet(context.HttpContext.Request.Method) || HttpMethods.IsHead(context.HttpContext.Request.Method)
                ? declared.Read
                : declared.Write;
            if (!territory.Can(required)
                && !(declared.OwnOrganisation && await access.IsOwnOrganisationAsync(territory, context.RouteData.Values, context.HttpContext.RequestAborted)))
            {
                context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
                return;
            }
        }

        await next();
    }
}

/// <summary>Shows a broken domain rule beside the form, in French, instead of an error page.</summary>
public sealed class DomainExceptionPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        switch (executed.Exception)
        {
            case NotFoundException:
                executed.Result = new NotFoundResult();
                executed.ExceptionHandled = true;
                break;
            case DomainException domain when executed.HandlerInstance is PageModel page:
                page.ModelState.AddModelError(string.Empty, domain.Message);
                if (domain is ConcurrencyConflictException conflict)
                {
                    page.ViewData["ConcurrencyConflict"] = conflict.Changes;
                }

                executed.Result = page.Page();
                executed.ExceptionHandled = true;
                break;
        }
    }
}

/// <summary>Resolves <c>{territoryId}</c> for the JSON API, with the same rules as pages.</summary>
public sealed class TerritoryEndpointFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!Guid.TryParse(http.Request.RouteValues["territoryId"]?.ToString(), out var territoryId))
        {
            return Problems.NotFound("Territoire introuvable.");
        }

        var access = http.RequestServices.GetRequiredService<TerritoryAccess>();
        var territory = await access.FindAsync(territoryId, http.User, http.RequestAborted);
        if (territory is null)
        {
            return Problems.NotFound("Territoire introuvable.");
        }

        http.RequestServices.GetRequiredService<CurrentTerritory>().Value = territory;
        var required = http.GetEndpoint()?.Metadata.GetMetadata<TerritoryRoleRequirement>()?.Role
            ?? (HttpMethods.IsGet(http.Request.Method) ? TerritoryRole.Lecteur : TerritoryRole.Pilote);
        if (!territory.Can(required)
            && !(http.GetEndpoint()?.Metadata.GetMetadata<OwnOrganisationAllowed>() is not null
                 && await access.IsOwnOrganisationAsync(territory, http.Request.RouteValues, http.RequestAborted)))
        {
            return Problems.Forbidden($"Cette action demande le rôle {required.Label()} dans ce territoire ; vous êtes {territory.Role.Label()}.");
        }

        return await next(context);
    }
}

public static class TerritoryEndpointExtensions
{
    public static TBuilder RequireTerritoryRole<TBuilder>(this TBuilder builder, TerritoryRole role)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new TerritoryRoleRequirement(role));

    /// <summary>A Partenaire may call this endpoint for the actor it is attached to, or that actor's contacts.</summary>
    public static TBuilder AllowOwnOrganisation<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new OwnOrganisationAllowed());
}
