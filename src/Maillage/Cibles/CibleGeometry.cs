using Maillage.Actors;

namespace Maillage.Cibles;

public readonly record struct Point(double X, double Y)
{
    public double DistanceTo(Point other) => Math.Sqrt(((X - other.X) * (X - other.X)) + ((Y - other.Y) * (Y - other.Y)));
}

public readonly record struct Box(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;
    public double Bottom => Y + Height;

    public bool Intersects(Box other) =>
        X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;

    public Box Union(Box other)
    {
        var x = Math.Min(X, other.X);
        var y = Math.Min(Y, other.Y);
        return new Box(x, y, Math.Max(Right, other.Right) - x, Math.Max(Bottom, other.Bottom) - y);
    }
}

/// <summary>
/// Where things stand on the picture, deterministically: the ring comes from the placement, the angular sector from
/// the family (one fifth of the circle each, the first at the top, clockwise), and the place inside the cell
/// (ring × sector) from the order of the names. "Hors cible" is a band outside the last ring, as in step 1 of the
/// source ("les nommer en les plaçant à l'extérieur").
/// </summary>
public sealed class CibleGeometry
{
    public const double CentreX = 500;
    public const double CentreY = 500;
    public const double RingsRadius = 340;
    public const double OutsideInner = RingsRadius + 12;
    public const double OutsideRadius = RingsRadius + 96;
    public const double NodeRadius = 7;
    private const double SectorPaddingDegrees = 3.5;

    public CibleGeometry(int ringCount)
    {
        if (ringCount is < Cible.MinRings or > Cible.MaxRings)
        {
            throw new ArgumentOutOfRangeException(nameof(ringCount));
        }

        RingCount = ringCount;
    }

    public int RingCount { get; }

    public static Point Centre => new(CentreX, CentreY);

    /// <summary>The centre disc holds the name of the organisation; ring 1 starts around it.</summary>
    public double CentreRadius => RingsRadius / RingCount * 0.55;

    /// <summary>The outer radius of a ring (1 = centre).</summary>
    public double OuterRadius(int ring) => ring > RingCount ? OutsideRadius : RingsRadius * ring / RingCount;

    public double InnerRadius(int ring) => ring switch
    {
        1 => CentreRadius,
        _ when ring > RingCount => OutsideInner,
        _ => OuterRadius(ring - 1),
    };

    /// <summary>The start of a family's sector in degrees, clockwise from the top.</summary>
    public static double SectorStart(ActorFamily family) => (ActorFamilies.All.ToList().IndexOf(family) * SectorSpan) - 90;

    public static double SectorSpan => 360.0 / ActorFamilies.All.Count;

    public static Point At(double radius, double degrees)
    {
        var radians = degrees * Math.PI / 180;
        return new Point(CentreX + (radius * Math.Cos(radians)), CentreY + (radius * Math.Sin(radians)));
    }

    /// <summary>The ring a point falls in (null: the hors cible band), or -1 beyond it; the drag and drop uses the same rule.</summary>
    public int? RingAt(Point point)
    {
        var distance = point.DistanceTo(Centre);
        for (var ring = 1; ring <= RingCount; ring++)
        {
            if (distance <= OuterRadius(ring))
            {
                return ring;
            }
        }

        return distance <= OutsideRadius ? null : -1;
    }

    /// <summary>The position of each item on one picture, <paramref name="ringOf"/> telling its ring (null: hors cible).</summary>
    public IReadOnlyDictionary<Guid, Point> Positions(IEnumerable<CibleItem> items, Func<CibleItem, int?> ringOf)
    {
        ArgumentNullException.ThrowIfNull(ringOf);
        var positions = new Dictionary<Guid, Point>();
        var cells = items
            .GroupBy(i => (Ring: ringOf(i) ?? RingCount + 1, i.Family))
            .OrderBy(g => g.Key.Ring).ThenBy(g => g.Key.Family);
        foreach (var cell in cells)
        {
            var members = cell.OrderBy(i => i.Name, StringComparer.Ordinal).ThenBy(i => i.ActorId).ToList();
            var inner = InnerRadius(cell.Key.Ring) + NodeRadius + 2;
            var outer = OuterRadius(cell.Key.Ring) - NodeRadius - 2;
            var start = SectorStart(cell.Key.Family) + SectorPaddingDegrees;
            var span = SectorSpan - (2 * SectorPaddingDegrees);
            foreach (var (member, point) in members.Zip(Spread(members.Count, inner, outer, start, span)))
            {
                positions[member.ActorId] = point;
            }
        }

        return positions;
    }

    /// <summary>
    /// Spreads <paramref name="count"/> dots over a cell in rows (arcs) as square as the cell allows, each row
    /// shifted a little so that the dots do not line up along the radius.
    /// </summary>
    private static IEnumerable<Point> Spread(int count, double inner, double outer, double start, double span)
    {
        var depth = Math.Max(outer - inner, 1);
        var middle = (inner + outer) / 2;
        var arc = middle * span * Math.PI / 180;
        var rows = 1;
        var best = double.MaxValue;
        for (var candidate = 1; candidate <= count; candidate++)
        {
            var perRow = Math.Ceiling(count / (double)candidate);
            var mismatch = Math.Abs(Math.Log(arc / perRow / (depth / candidate)));
            if (mismatch < best)
            {
                best = mismatch;
                rows = candidate;
            }
        }

        var columns = (int)Math.Ceiling(count / (double)rows);
        for (var index = 0; index < count; index++)
        {
            var row = index / columns;
            var column = index % columns;
            var inRow = Math.Min(columns, count - (row * columns));
            var radius = rows == 1 ? middle : inner + ((row + 0.5) * depth / rows);
            var shift = rows == 1 ? 0 : (row % 2 == 0 ? -0.18 : 0.18);
            var fraction = (column + 0.5 + shift + ((columns - inRow) / 2.0)) / columns;
            yield return At(radius, start + (fraction * span));
        }
    }
}
