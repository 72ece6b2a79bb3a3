using Maillage.Actors;

namespace Maillage.Cibles;

/// <summary>One actor on a picture of the cible: where it stands today and where it should stand (null: hors cible).</summary>
public sealed record CibleItem(Guid ActorId, string Name, ActorFamily Family, int? Current, int? Ideal, string? Acronym = null)
{
    public const int LabelMaxLength = 28;

    /// <summary>What the picture writes beside the dot: the name, or its acronym when the name is too long.</summary>
    public string Label
    {
        get
        {
            if (Name.Length <= LabelMaxLength)
            {
                return Name;
            }

            return !string.IsNullOrWhiteSpace(Acronym) && Acronym.Length <= LabelMaxLength
                ? Acronym
                : Name[..(LabelMaxLength - 1)].TrimEnd() + "…";
        }
    }
}

/// <summary>Everything a picture of the cible needs, read from the database or from a snapshot.</summary>
public sealed record CibleDrawing(string Centre, IReadOnlyList<string> Rings, IReadOnlyList<CibleItem> Items)
{
    public int RingCount => Rings.Count;
}

/// <summary>Which of the pictures of the method: step 2 (today), step 3 (ideal), or both with arrows (step 4).</summary>
public enum CibleView
{
    Current,
    Ideal,
    Overlay,
}

public static class CibleViews
{
    public static string Code(this CibleView view) => view switch
    {
        CibleView.Current => "aujourdhui",
        CibleView.Ideal => "ideal",
        _ => "ecart",
    };

    public static string Label(this CibleView view) => view switch
    {
        CibleView.Current => "Aujourd'hui",
        CibleView.Ideal => "Situation idéale",
        _ => "Écart",
    };

    public static bool TryParse(string? code, out CibleView view)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case null or "" or "aujourdhui" or "current":
                view = CibleView.Current;
                return true;
            case "ideal":
                view = CibleView.Ideal;
                return true;
            case "ecart" or "overlay" or "gap":
                view = CibleView.Overlay;
                return true;
            default:
                view = CibleView.Current;
                return false;
        }
    }
}

public enum GapDirection
{
    /// <summary>Closer to the centre (or into the cible).</summary>
    Gain,

    /// <summary>Further from the centre (or out of the cible).</summary>
    Lose,
}

/// <summary>
/// Step 4, "travailler sur l'entre deux": how many rings an actor must gain (towards the centre) or lose.
/// </summary>
public sealed record CibleGap(CibleItem Item, int Rings, GapDirection Direction, string Action)
{
    public int Size => Math.Abs(Rings);
}

public static class CibleGaps
{
    /// <summary>
    /// The gaps, largest first (then gains before losses, then by name). "Hors cible" counts as one ring beyond the
    /// last: an actor to bring from outside into ring 2 of 4 gains 3 rings. Actors already where they should be,
    /// or outside both pictures, have no gap.
    /// </summary>
    public static IReadOnlyList<CibleGap> Compute(CibleDrawing drawing)
    {
        ArgumentNullException.ThrowIfNull(drawing);
        var outside = drawing.RingCount + 1;
        return [.. drawing.Items
            .Select(item => (item, rings: (item.Current ?? outside) - (item.Ideal ?? outside)))
            .Where(g => g.rings != 0)
            .Select(g => new CibleGap(g.item, g.rings, g.rings > 0 ? GapDirection.Gain : GapDirection.Lose, Action(g.item, g.rings)))
            .OrderByDescending(g => g.Size)
            .ThenBy(g => g.Direction)
            .ThenBy(g => g.Item.Name, StringComparer.CurrentCulture)
            .ThenBy(g => g.Item.ActorId)];
    }

    /// <summary>A short recommended action, in the words of source 004 where it gives them.</summary>
    public static string Action(CibleItem item, int rings)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Current is null)
        {
            return "Nouveau partenaire à trouver : vérifier que l'interlocuteur peut décider, puis un contact individuel préalable, relativement informel.";
        }

        if (item.Ideal is null)
        {
            return "Sortir de la cible : ne plus l'associer aux décisions, garder une veille sur ce qu'il fait.";
        }

        return rings switch
        {
            >= 2 => "Rapprochement prioritaire : contact individuel préalable, puis arriver avec un projet a minima, sans acter à la première rencontre.",
            1 => "Développer une nouvelle modalité de rapprochement : l'associer à une prochaine rencontre ou à un groupe de travail.",
            -1 => "Prendre un peu de distance : l'informer sans l'associer à chaque décision.",
            _ => "Prendre de la distance : relâcher le lien, garder une information régulière.",
        };
    }
}
