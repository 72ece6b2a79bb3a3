using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Maillage.Projects;

/// <summary>Puts a broken rule of a project beside its field: the domain messages start with the field's French name.</summary>
public static class ProjectFieldErrors
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["Nom"] = "Name",
        ["Exposé des motifs"] = "Motives",
        ["Objectifs"] = "Objectives",
        ["Description"] = "Description",
        ["Principes et clés de succès"] = "Principles",
        ["Positionnement des parties prenantes"] = "Positioning",
        ["Répartition des rôles opérationnels"] = "OperationalRoles",
        ["Public visé"] = "TargetPopulation",
        ["Thèmes"] = "Themes",
        ["Date de fin"] = "EndDate",
        ["Mode opératoire"] = "Method",
        ["Livrable"] = "Title",
        ["Responsable"] = "Owner",
        ["Statut"] = "Status",
        ["Phase"] = "Phase",
        ["Date"] = "Date",
        ["Intitulé"] = "Label",
        ["Acteur"] = "ActorId",
        ["Rôle"] = "Role",
        ["Fonction"] = "Function",
        ["Conditions d'exercice"] = "ConditionsMet",
        ["Mobilisation"] = "Mobilisation",
        ["Vague"] = "Wave",
        ["Poids dans les décisions"] = "DecisionWeight",
        ["Représentant"] = "RepresentativeContactId",
        ["Libellé"] = "Label",
        ["Suite donnée"] = "Decision",
        ["Date de la décision"] = "DecidedOn",
        ["Motifs de la décision"] = "Note",
    };

    /// <summary>The asynchronous twin of <see cref="Try"/>, for rules that read the database.</summary>
    public static async Task<bool> TryAsync(ModelStateDictionary modelState, Func<Task> apply, string prefix = "Input")
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(apply);
        try
        {
            await apply();
            return true;
        }
        catch (DomainException e) when (e is not ConcurrencyConflictException)
        {
            return Try(modelState, () => throw e, prefix);
        }
    }

    /// <summary>Runs <paramref name="apply"/>; a broken rule becomes an error of its field (or of the form) instead of an exception.</summary>
    public static bool Try(ModelStateDictionary modelState, Action apply, string prefix = "Input")
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(apply);
        try
        {
            apply();
            return true;
        }
        catch (DomainException e) when (e is not ConcurrencyConflictException)
        {
            var separator = e.Message.IndexOf(" : ", StringComparison.Ordinal);
            var key = separator > 0 && Fields.TryGetValue(e.Message[..separator], out var field) ? $"{prefix}.{field}" : string.Empty;
            modelState.AddModelError(key, e.Message);
            return false;
        }
    }
}
