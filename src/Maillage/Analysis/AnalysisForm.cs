using System.ComponentModel.DataAnnotations;

namespace Maillage.Analysis;

/// <summary>The whole grid as the form (and the API) posts it.</summary>
public sealed class AnalysisForm
{
    [Required(ErrorMessage = "Titre : donnez un titre à l'analyse.")]
    [StringLength(EnvironmentAnalysis.TitleMaxLength, ErrorMessage = "Titre : {1} caractères au plus.")]
    public string? Title { get; set; }

    [StringLength(EnvironmentAnalysis.OrganisationMaxLength, ErrorMessage = "Organisation porteuse : {1} caractères au plus.")]
    public string? Organisation { get; set; }

    public List<string?> Answers { get; set; } = [];
    public List<bool> InternalMet { get; set; } = [];
    public List<string?> InternalNotes { get; set; } = [];
    public List<bool> ExternalMet { get; set; } = [];
    public List<string?> ExternalNotes { get; set; } = [];

    /// <summary>seul, initiateur, en-reponse or contraint; empty while undecided.</summary>
    public string? Way { get; set; }

    public string? Reasons { get; set; }

    public long? Version { get; set; }

    public static AnalysisForm Of(EnvironmentAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return new AnalysisForm
        {
            Title = analysis.Title,
            Organisation = analysis.Organisation,
            Answers = [.. analysis.Answers],
            InternalMet = [.. analysis.InternalMet],
            InternalNotes = [.. analysis.InternalNotes],
            ExternalMet = [.. analysis.ExternalMet],
            ExternalNotes = [.. analysis.ExternalNotes],
            Way = analysis.Way?.Code(),
            Reasons = analysis.Reasons,
            Version = analysis.Version,
        };
    }

    /// <summary>Applies the grid; lists shorter than the grid (fields left out) count as empty or unchecked.</summary>
    public void ApplyTo(EnvironmentAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        analysis.Rename(Title!, Organisation);
        analysis.Answer(Pad(Answers, EnvironmentGrid.Questions.Count));
        analysis.CheckConditions(Pad(InternalMet, EnvironmentGrid.InternalConditions.Count), Pad(InternalNotes, EnvironmentGrid.InternalConditions.Count),
            Pad(ExternalMet, EnvironmentGrid.ExternalConditions.Count), Pad(ExternalNotes, EnvironmentGrid.ExternalConditions.Count));
        analysis.Decide(EnvironmentGrid.ParseWay(Way), Reasons);
    }

    private static List<T> Pad<T>(List<T>? values, int count)
    {
        values ??= [];
        if (values.Count > count)
        {
            throw new DomainException($"La grille compte {count} éléments ici ; {values.Count} reçus.");
        }

        return [.. values, .. Enumerable.Repeat(default(T)!, count - values.Count)];
    }
}
