using Maillage.Territories.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Territories;

/// <summary>
/// The htmx side of the perimeter picker: search results to add, and the coverage of the chosen areas.
/// It answers fragments, not pages, and reads only the public INSEE reference, so it needs no territory.
/// </summary>
public sealed class PerimeterSearchModel(InseeReference reference, PerimeterResolver resolver) : PageModel
{
    public const int Limit = 12;

    public string Query { get; private set; } = "";

    public IReadOnlyList<PerimeterChip> Results { get; private set; } = [];

    public void OnGet(string? q)
    {
        Query = (q ?? "").Trim();
        Results = Query.Length == 0 ? [] : reference.SearchAreas(Query, Limit).Select(PerimeterChip.From).ToList();
    }

    public PartialViewResult OnGetSummary([FromQuery(Name = "Input.Perimeter")] List<string>? codes) =>
        Partial("_PerimeterSummary", PerimeterPickerModel.For(codes, resolver).Coverage);
}
