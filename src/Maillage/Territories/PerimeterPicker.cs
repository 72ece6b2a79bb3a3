using Maillage.Territories.Reference;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Maillage.Territories;

/// <summary>One area shown as a chip: its canonical code is what the form posts.</summary>
public sealed record PerimeterChip(string Code, AreaKind Kind, string Name, string Detail)
{
    public string KindLabel => PerimeterResolver.KindLabel(Kind);

    /// <summary>EPCI (communauté, métropole) and régions are feminine: the announcement agrees with them.</summary>
    public bool IsFeminine => Kind is AreaKind.Epci or AreaKind.Region;

    public static PerimeterChip From(AreaRef area) =>
        new(new PerimeterArea(area.Kind, area.Code).ToString(), area.Kind, area.Name, area.Detail);
}

/// <summary>What the perimeter picker shows: the chosen areas and the communes they cover.</summary>
public sealed record PerimeterPickerModel(IReadOnlyList<PerimeterChip> Chips, PerimeterCoverage Coverage)
{
    /// <summary>
    /// Reads the posted codes leniently, so that a form refused for an unknown code still shows every chip
    /// (the unknown one marked as such) instead of losing the person's choice.
    /// </summary>
    public static PerimeterPickerModel For(IEnumerable<string>? codes, PerimeterResolver resolver)
    {
        var perimeter = Perimeter.Of((codes ?? [])
            .Select(code => Perimeter.TryParseArea(code, out var area) ? area : null)
            .OfType<PerimeterArea>());
        return new PerimeterPickerModel(resolver.Describe(perimeter).Select(PerimeterChip.From).ToList(), resolver.Cover(perimeter));
    }
}

/// <summary>The perimeter posted by a form as repeated <c>Input.Perimeter</c> fields.</summary>
public static class PerimeterForm
{
    public const string FieldName = "Input.Perimeter";

    /// <summary>
    /// Checks the codes against the reference; unknown ones become an error of the field, so that the person sees
    /// them together with the other fields' errors instead of one at a time.
    /// </summary>
    public static Perimeter? Resolve(PerimeterResolver resolver, IEnumerable<string>? codes, ModelStateDictionary modelState)
    {
        try
        {
            return resolver.Resolve(codes ?? []);
        }
        catch (DomainException e)
        {
            modelState.AddModelError(FieldName, e.Message);
            return null;
        }
    }
}
