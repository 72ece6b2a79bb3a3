using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Maillage.Infrastructure;

/// <summary>French <c>application/problem+json</c> answers of the API.</summary>
public static class Problems
{
    public static IResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Introuvable");

    public static IResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Accès refusé");

    public static IResult Conflict(string detail, object? changes = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Modification concurrente",
            extensions: changes is null ? null : new Dictionary<string, object?> { ["changes"] = changes });

    public static IResult Unprocessable(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Règle non respectée");

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors,
            detail: "Corrigez les champs signalés : " + string.Join(", ", errors.Keys) + ".",
            title: "Données invalides");

    public static string TitleFor(int status) => status switch
    {
        400 => "Requête invalide",
        401 => "Authentification requise",
        403 => "Accès refusé",
        404 => "Introuvable",
        405 => "Méthode non autorisée",
        409 => "Modification concurrente",
        415 => "Type de contenu non pris en charge",
        422 => "Règle non respectée",
        429 => "Trop de requêtes",
        _ => status >= 500 ? "Erreur interne" : "Erreur",
    };

    public static IServiceCollection AddFrenchProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            if (!HasFrenchTitle(context.ProblemDetails))
            {
                context.ProblemDetails.Title = TitleFor(status);
            }

            context.ProblemDetails.Detail ??= status switch
            {
                401 => "Connectez-vous ou envoyez un jeton personnel dans l'en-tête Authorization: Bearer.",
                404 => "La ressource demandée n'existe pas ou ne vous est pas accessible.",
                429 => "Trop de tentatives : réessayez dans une minute.",
                >= 500 => "Une erreur inattendue s'est produite ; elle a été journalisée.",
                _ => null,
            };
        });

    private static readonly HashSet<string> FrenchTitles =
        ["Introuvable", "Accès refusé", "Modification concurrente", "Règle non respectée", "Données invalides",
         "Requête invalide", "Authentification requise", "Trop de requêtes", "Erreur interne", "Erreur",
         "Méthode non autorisée", "Type de contenu non pris en charge", "Doublon probable"];

    private static bool HasFrenchTitle(ProblemDetails problem) => problem.Title is not null && FrenchTitles.Contains(problem.Title);

    /// <summary>Turns the exceptions of the domain into problems for API requests.</summary>
    public static async ValueTask<bool> TryHandleApiExceptionAsync(HttpContext http, Exception exception)
    {
        IResult? result = exception switch
        {
            NotFoundException e => NotFound(e.Message),
            ConcurrencyConflictException e => Conflict(e.Message, e.Changes.Select(c => new
            {
                c.Version, c.At, c.UserName, changes = System.Text.Json.JsonSerializer.Deserialize<List<Data.AuditChange>>(c.Changes),
            })),
            DomainException e => Unprocessable(e.Message),
            BadHttpRequestException e => TypedResults.Problem("La requête est illisible : " + e.Message, statusCode: e.StatusCode, title: "Requête invalide"),
            _ => null,
        };
        if (result is null)
        {
            return false;
        }

        await result.ExecuteAsync(http);
        return true;
    }
}

/// <summary>Validates the body of an API call with its DataAnnotations; each field gets its French message.</summary>
public sealed class ValidationFilter<T> : IEndpointFilter where T : class
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var input = context.Arguments.OfType<T>().FirstOrDefault();
        if (input is null)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["body"] = ["Le corps de la requête (JSON) est manquant."] });
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true))
        {
            var errors = results
                .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => (Member: JsonName(m), r.ErrorMessage)))
                .GroupBy(e => e.Member)
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage ?? "Valeur invalide.").ToArray());
            return Problems.Validation(errors);
        }

        return await next(context);
    }

    private static string JsonName(string member) =>
        member.Length == 0 ? "body" : char.ToLowerInvariant(member[0]) + member[1..];
}

public sealed class ApiExceptionHandler : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken) =>
        httpContext.Request.Path.StartsWithSegments("/api")
            ? Problems.TryHandleApiExceptionAsync(httpContext, exception)
            : ValueTask.FromResult(false);
}
