namespace Maillage.Cibles;

/// <summary>A label to place beside its dot, and the box it was given.</summary>
public sealed record PlacedLabel(Guid Id, string Text, Point Anchor, Box Box)
{
    /// <summary>Far from its dot, a label gets a thin line back to it.</summary>
    public bool NeedsLeader => Box.X > Anchor.X + 20 || Box.Right < Anchor.X - 20 || Box.Y > Anchor.Y + 16 || Box.Bottom < Anchor.Y - 16;
}

/// <summary>
/// Places labels so that no two boxes intersect and no box covers a dot: for each label in turn, the first free
/// position among the eight around its dot, then further away on a widening spiral. The spiral always ends on free
/// space, so the guarantee holds whatever the number of labels; up to 150 actors they stay close to their dots.
/// </summary>
public static class LabelPlacer
{
    public const double FontSize = 12;
    public const double LabelHeight = 15;
    private const double Gap = 3;

    /// <summary>The width the text takes at <see cref="FontSize"/>, from glyph widths of a wide sans-serif font (DejaVu Sans): narrower fonts only leave more room.</summary>
    public static double TextWidth(string text, double fontSize = FontSize)
    {
        ArgumentNullException.ThrowIfNull(text);
        double width = 0;
        foreach (var c in text)
        {
            width += c switch
            {
                'i' or 'l' or 'j' or '.' or ',' or '\'' or '’' or ' ' or 'f' or 't' or 'r' or 'I' or '(' or ')' or '-' => 0.34,
                'm' or 'w' or 'M' or 'W' => 0.9,
                _ when char.IsUpper(c) => 0.72,
                _ when char.IsDigit(c) => 0.62,
                _ => 0.6,
            };
        }

        return (width * fontSize) + 4;
    }

    public static IReadOnlyList<PlacedLabel> Place(IReadOnlyList<(Guid Id, string Text, Point Anchor)> labels, IReadOnlyList<Box> obstacles,
        double nodeRadius = CibleGeometry.NodeRadius)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(obstacles);
        var taken = new BoxGrid();
        foreach (var box in obstacles.Concat(labels.Select(l => new Box(l.Anchor.X - nodeRadius, l.Anchor.Y - nodeRadius, 2 * nodeRadius, 2 * nodeRadius))))
        {
            taken.Add(box);
        }

        var placed = new List<PlacedLabel>(labels.Count);
        foreach (var (id, text, anchor) in labels)
        {
            var width = TextWidth(text);
            var box = Candidates(anchor, width, nodeRadius).First(candidate => !taken.Intersects(Inflate(candidate)));
            taken.Add(box);
            placed.Add(new PlacedLabel(id, text, anchor, box));
        }

        return placed;
    }

    private static Box Inflate(Box box) => new(box.X - 1, box.Y - 1, box.Width + 2, box.Height + 2);

    private static IEnumerable<Box> Candidates(Point anchor, double width, double radius)
    {
        var h = LabelHeight;
        var d = radius + Gap;
        yield return new Box(anchor.X + d, anchor.Y - (h / 2), width, h);
        yield return new Box(anchor.X - d - width, anchor.Y - (h / 2), width, h);
        yield return new Box(anchor.X - (width / 2), anchor.Y - d - h, width, h);
        yield return new Box(anchor.X - (width / 2), anchor.Y + d, width, h);
        yield return new Box(anchor.X + d, anchor.Y - d - h + 4, width, h);
        yield return new Box(anchor.X + d, anchor.Y + d - 4, width, h);
        yield return new Box(anchor.X - d - width, anchor.Y - d - h + 4, width, h);
        yield return new Box(anchor.X - d - width, anchor.Y + d - 4, width, h);

        // A widening spiral: 24 directions per turn, 6 units further each turn; the box's nearest side faces the dot.
        for (var step = 1; ; step++)
        {
            var distance = d + (step * 6);
            for (var k = 0; k < 24; k++)
            {
                var angle = (k * 15 + (step % 2 * 7.5)) * Math.PI / 180;
                var x = anchor.X + (distance * Math.Cos(angle));
                var y = anchor.Y + (distance * Math.Sin(angle));
                var left = Math.Cos(angle) >= 0 ? x : x - width;
                yield return new Box(left, y - (h / 2), width, h);
            }
        }
    }

    /// <summary>
    /// The boxes already taken, bucketed by square cells: a candidate is checked against the boxes sharing its cells
    /// only, so that a crowded cible (150 actors, labels spiralling far from their dots) stays linear, not quadratic.
    /// Two boxes that intersect or touch share at least one cell, so the answer is the same as checking them all.
    /// </summary>
    private sealed class BoxGrid
    {
        private const double Cell = 48;
        private readonly Dictionary<(int X, int Y), List<Box>> _cells = [];

        public void Add(Box box)
        {
            foreach (var key in Cells(box))
            {
                if (!_cells.TryGetValue(key, out var boxes))
                {
                    _cells[key] = boxes = [];
                }

                boxes.Add(box);
            }
        }

        public bool Intersects(Box box)
        {
            foreach (var key in Cells(box))
            {
                if (_cells.TryGetValue(key, out var boxes) && boxes.Exists(t => t.Intersects(box)))
                {
                    return true;
                }
            }

            return false;
        }

        private static IEnumerable<(int X, int Y)> Cells(Box box)
        {
            var (x0, x1) = ((int)Math.Floor(box.X / Cell), (int)Math.Floor((box.X + box.Width) / Cell));
            var (y0, y1) = ((int)Math.Floor(box.Y / Cell), (int)Math.Floor((box.Y + box.Height) / Cell));
            for (var x = x0; x <= x1; x++)
            {
                for (var y = y0; y <= y1; y++)
                {
                    yield return (x, y);
                }
            }
        }
    }
}
