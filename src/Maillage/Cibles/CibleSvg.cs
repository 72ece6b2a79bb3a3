using System.Globalization;
using System.Security;
using System.Text;
using Maillage.Actors;

namespace Maillage.Cibles;

/// <summary>
/// Draws a picture of the cible as SVG, on the server: the page, the SVG download, the print view, the snapshots
/// and the API all use this one drawing. Colours are presentation attributes (no style element), so the markup
/// passes the content security policy inline and stands alone once downloaded.
/// </summary>
public static class CibleSvg
{
    public const string FontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
    private const string Ink = "#1b1f24";
    private const string Muted = "#5b6472";
    private const string CentreFill = "#12355b";
    private const string GainColour = "#1c7c3a";
    private const string LoseColour = "#b34a00";

    public static string Colour(ActorFamily family) => family switch
    {
        ActorFamily.PouvoirsPublics => "#1f5fa8",
        ActorFamily.DeveloppementEconomique => "#b87900",
        ActorFamily.EmploiFormation => "#2e8540",
        ActorFamily.Entreprises => "#8a3ea8",
        _ => "#c23b5a",
    };

    public static string Render(CibleDrawing drawing, CibleView view, string title, string idPrefix = "cible")
    {
        ArgumentNullException.ThrowIfNull(drawing);
        var geometry = new CibleGeometry(drawing.RingCount);
        var current = geometry.Positions(drawing.Items, i => i.Current);
        var ideal = geometry.Positions(drawing.Items, i => i.Ideal);
        var shown = view == CibleView.Current ? current : ideal;
        var gaps = CibleGaps.Compute(drawing).ToDictionary(g => g.Item.ActorId);

        var body = new StringBuilder();
        var obstacles = new List<Box>();
        var bounds = new Box(CibleGeometry.CentreX - CibleGeometry.OutsideRadius, CibleGeometry.CentreY - CibleGeometry.OutsideRadius,
            2 * CibleGeometry.OutsideRadius, 2 * CibleGeometry.OutsideRadius);

        // The hors cible band, then the rings from the outside in, each a little darker.
        body.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(CibleGeometry.CentreX)}\" cy=\"{N(CibleGeometry.CentreY)}\" r=\"{N(CibleGeometry.OutsideRadius)}\" fill=\"#fbfbfd\" stroke=\"#aab3c0\" stroke-width=\"1\" stroke-dasharray=\"5 5\"/>");
        for (var ring = drawing.RingCount; ring >= 1; ring--)
        {
            var shade = drawing.RingCount == 1 ? 0 : (ring - 1) / (double)(drawing.RingCount - 1);
            body.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(CibleGeometry.CentreX)}\" cy=\"{N(CibleGeometry.CentreY)}\" r=\"{N(geometry.OuterRadius(ring))}\" fill=\"{Blend("#c7d7ea", "#f1f5fa", shade)}\" stroke=\"#8fa3bb\" stroke-width=\"1.2\"/>");
        }

        // One sector per family, lightly tinted, with its name outside.
        foreach (var family in ActorFamilies.All)
        {
            var start = CibleGeometry.SectorStart(family);
            body.Append(CultureInfo.InvariantCulture, $"<path d=\"{Wedge(geometry.CentreRadius, CibleGeometry.OutsideRadius, start, CibleGeometry.SectorSpan)}\" fill=\"{Colour(family)}\" fill-opacity=\"0.06\"/>");
            var a = CibleGeometry.At(geometry.CentreRadius, start);
            var b = CibleGeometry.At(CibleGeometry.OutsideRadius, start);
            body.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(a.X)}\" y1=\"{N(a.Y)}\" x2=\"{N(b.X)}\" y2=\"{N(b.Y)}\" stroke=\"#ffffff\" stroke-width=\"3\"/>");
            body.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(a.X)}\" y1=\"{N(a.Y)}\" x2=\"{N(b.X)}\" y2=\"{N(b.Y)}\" stroke=\"#9aa7b8\" stroke-width=\"0.8\"/>");

            var middle = start + (CibleGeometry.SectorSpan / 2);
            var at = CibleGeometry.At(CibleGeometry.OutsideRadius + 16, middle);
            var cos = Math.Cos(middle * Math.PI / 180);
            var sin = Math.Sin(middle * Math.PI / 180);
            var anchor = cos > 0.25 ? "start" : cos < -0.25 ? "end" : "middle";
            var text = family.Label();
            var width = LabelPlacer.TextWidth(text, 14) * 1.06;
            var left = anchor == "start" ? at.X : anchor == "end" ? at.X - width : at.X - (width / 2);
            var top = sin > 0.25 ? at.Y : sin < -0.25 ? at.Y - 18 : at.Y - 9;
            var familyBox = new Box(left, top, width, 18);
            obstacles.Add(familyBox);
            bounds = bounds.Union(familyBox);
            body.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(at.X)}\" y=\"{N(top + 14)}\" text-anchor=\"{anchor}\" font-size=\"14\" font-weight=\"700\" fill=\"{Colour(family)}\">{E(text)}</text>");
        }

        // Ring numbers on the vertical axis at the top, and the hors cible band's name.
        for (var ring = 1; ring <= drawing.RingCount; ring++)
        {
            var y = CibleGeometry.CentreY - ((geometry.InnerRadius(ring) + geometry.OuterRadius(ring)) / 2);
            body.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(CibleGeometry.CentreX)}\" cy=\"{N(y)}\" r=\"9\" fill=\"#ffffff\" stroke=\"#5d7290\" stroke-width=\"1\"/>");
            body.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(CibleGeometry.CentreX)}\" y=\"{N(y + 4)}\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"700\" fill=\"#2d3e55\">{ring}</text>");
            obstacles.Add(new Box(CibleGeometry.CentreX - 10, y - 10, 20, 20));
        }

        var outsideY = CibleGeometry.CentreY - ((CibleGeometry.OutsideInner + CibleGeometry.OutsideRadius) / 2);
        var outsideWidth = LabelPlacer.TextWidth("Hors cible", 11);
        obstacles.Add(new Box(CibleGeometry.CentreX - (outsideWidth / 2), outsideY - 9, outsideWidth, 14));
        body.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(CibleGeometry.CentreX)}\" y=\"{N(outsideY + 2)}\" text-anchor=\"middle\" font-size=\"11\" font-style=\"italic\" fill=\"{Muted}\">Hors cible</text>");

        // The centre: who the cible is drawn around.
        body.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(CibleGeometry.CentreX)}\" cy=\"{N(CibleGeometry.CentreY)}\" r=\"{N(geometry.CentreRadius)}\" fill=\"{CentreFill}\"/>");
        var lines = Wrap(drawing.Centre, geometry.CentreRadius * 1.7, 11);
        for (var i = 0; i < lines.Count; i++)
        {
            var y = CibleGeometry.CentreY + ((i - ((lines.Count - 1) / 2.0)) * 13) + 4;
            body.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(CibleGeometry.CentreX)}\" y=\"{N(y)}\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"700\" fill=\"#ffffff\">{E(lines[i])}</text>");
        }

        obstacles.Add(new Box(CibleGeometry.CentreX - geometry.CentreRadius, CibleGeometry.CentreY - geometry.CentreRadius, 2 * geometry.CentreRadius, 2 * geometry.CentreRadius));

        // Arrows of the gap (overlay only), under the dots.
        var nodes = new List<Point>();
        if (view == CibleView.Overlay)
        {
            body.Append("<g class=\"cible-arrows\">");
            foreach (var item in drawing.Items.OrderBy(i => i.Name, StringComparer.Ordinal).ThenBy(i => i.ActorId))
            {
                if (!gaps.TryGetValue(item.ActorId, out var gap))
                {
                    continue;
                }

                var from = current[item.ActorId];
                var to = ideal[item.ActorId];
                nodes.Add(from);
                var length = from.DistanceTo(to);
                if (length < 2 * CibleGeometry.NodeRadius)
                {
                    continue;
                }

                var ux = (to.X - from.X) / length;
                var uy = (to.Y - from.Y) / length;
                var colour = gap.Direction == GapDirection.Gain ? GainColour : LoseColour;
                var marker = gap.Direction == GapDirection.Gain ? "gain" : "perte";
                body.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(from.X + (ux * CibleGeometry.NodeRadius))}\" y1=\"{N(from.Y + (uy * CibleGeometry.NodeRadius))}\" x2=\"{N(to.X - (ux * (CibleGeometry.NodeRadius + 6)))}\" y2=\"{N(to.Y - (uy * (CibleGeometry.NodeRadius + 6)))}\" stroke=\"{colour}\" stroke-width=\"1.8\" stroke-opacity=\"0.85\" marker-end=\"url(#{idPrefix}-{marker})\"/>");
                body.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(from.X)}\" cy=\"{N(from.Y)}\" r=\"{N(CibleGeometry.NodeRadius - 1)}\" fill=\"#ffffff\" stroke=\"{Colour(item.Family)}\" stroke-width=\"2\" stroke-dasharray=\"3 2\"><title>{E(item.Name)} — aujourd'hui</title></circle>");
            }

            body.Append("</g>");
        }

        // The dots, each a group the drag and drop can move.
        foreach (var item in drawing.Items.OrderBy(i => i.Name, StringComparer.Ordinal).ThenBy(i => i.ActorId))
        {
            var point = shown[item.ActorId];
            nodes.Add(point);
            var ring = view == CibleView.Current ? item.Current : item.Ideal;
            var where = ring is { } r ? $"anneau {r} ({drawing.Rings[r - 1]})" : "hors cible";
            body.Append(CultureInfo.InvariantCulture, $"<g class=\"cible-node\" data-actor-id=\"{item.ActorId}\" data-ring=\"{ring}\"><title>{E(item.Name)} : {E(where)}</title>");
            body.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(point.X)}\" cy=\"{N(point.Y)}\" r=\"{N(CibleGeometry.NodeRadius)}\" fill=\"{Colour(item.Family)}\" stroke=\"#ffffff\" stroke-width=\"2\"/></g>");
        }

        // Labels last, placed so that none covers another or a dot.
        var requests = drawing.Items
            .Select(i => (i.ActorId, i.Label, Anchor: shown[i.ActorId]))
            .OrderBy(l => l.Anchor.DistanceTo(CibleGeometry.Centre)).ThenBy(l => l.Label, StringComparer.Ordinal).ThenBy(l => l.ActorId)
            .ToList();
        obstacles.AddRange(nodes.Select(p => new Box(p.X - CibleGeometry.NodeRadius, p.Y - CibleGeometry.NodeRadius, 2 * CibleGeometry.NodeRadius, 2 * CibleGeometry.NodeRadius)));
        var labels = LabelPlacer.Place(requests, obstacles);
        body.Append("<g class=\"cible-labels\">");
        foreach (var label in labels)
        {
            if (label.NeedsLeader)
            {
                var nearX = Math.Clamp(label.Anchor.X, label.Box.X, label.Box.Right);
                var nearY = Math.Clamp(label.Anchor.Y, label.Box.Y, label.Box.Bottom);
                body.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(label.Anchor.X)}\" y1=\"{N(label.Anchor.Y)}\" x2=\"{N(nearX)}\" y2=\"{N(nearY)}\" stroke=\"#8a94a6\" stroke-width=\"0.8\"/>");
            }

            bounds = bounds.Union(label.Box);
            body.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(label.Box.X + 2)}\" y=\"{N(label.Box.Y + 11.5)}\" font-size=\"{N(LabelPlacer.FontSize)}\" fill=\"{Ink}\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\" data-label-for=\"{label.Id}\">{E(label.Text)}</text>");
        }

        body.Append("</g>");

        var legendTop = bounds.Bottom + 24;
        var legend = Legend(drawing, view, bounds.X, bounds.Width, legendTop, idPrefix, out var legendBottom);
        var box = new Box(bounds.X - 16, bounds.Y - 16, bounds.Width + 32, legendBottom - bounds.Y + 32);

        var placed = drawing.Items.Count(i => (view == CibleView.Current ? i.Current : i.Ideal) is not null);
        var description = view == CibleView.Overlay
            ? $"{Plural(drawing.Items.Count, "acteur")} ; {Plural(gaps.Count, "écart")} entre aujourd'hui et la situation idéale, flèche de la place d'aujourd'hui vers la place idéale."
            : $"{Plural(drawing.Items.Count, "acteur")}, dont {placed} sur la cible et {drawing.Items.Count - placed} hors cible ; anneaux du centre vers l'extérieur : {string.Join(", ", drawing.Rings.Select((r, i) => $"{i + 1}. {r}"))}.";

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"{N(box.X)} {N(box.Y)} {N(box.Width)} {N(box.Height)}\" width=\"{N(box.Width)}\" height=\"{N(box.Height)}\" role=\"img\" aria-labelledby=\"{idPrefix}-titre {idPrefix}-desc\" class=\"cible-svg\" font-family=\"{E(FontFamily)}\"");
        svg.Append(CultureInfo.InvariantCulture, $" data-view=\"{view.Code()}\" data-cx=\"{N(CibleGeometry.CentreX)}\" data-cy=\"{N(CibleGeometry.CentreY)}\" data-radii=\"{string.Join(",", Enumerable.Range(1, drawing.RingCount).Select(r => N(geometry.OuterRadius(r))))}\" data-outside=\"{N(CibleGeometry.OutsideRadius)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{idPrefix}-titre\">{E(title)}</title><desc id=\"{idPrefix}-desc\">{E(description)}</desc>");
        svg.Append(CultureInfo.InvariantCulture, $"<defs><marker id=\"{idPrefix}-gain\" viewBox=\"0 0 10 10\" refX=\"2\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{GainColour}\"/></marker>");
        svg.Append(CultureInfo.InvariantCulture, $"<marker id=\"{idPrefix}-perte\" viewBox=\"0 0 10 10\" refX=\"2\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{LoseColour}\"/></marker></defs>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{N(box.X)}\" y=\"{N(box.Y)}\" width=\"{N(box.Width)}\" height=\"{N(box.Height)}\" fill=\"#ffffff\"/>");
        svg.Append(body).Append(legend).Append("</svg>");
        return svg.ToString();
    }

    private static string Legend(CibleDrawing drawing, CibleView view, double left, double width, double top, string idPrefix, out double bottom)
    {
        var legend = new StringBuilder();
        var entries = new List<(string Kind, string Text, string Colour, int Ring)>();
        entries.AddRange(ActorFamilies.All.Select(f => ("famille", f.Label(), Colour(f), 0)));
        entries.Add(("saut", "", "", 0));
        entries.AddRange(drawing.Rings.Select((r, i) => ("anneau", r, "", i + 1)));
        if (view == CibleView.Overlay)
        {
            entries.Add(("saut", "", "", 0));
            entries.Add(("fantome", "place d'aujourd'hui", "#5b6472", 0));
            entries.Add(("gain", "à rapprocher du centre", GainColour, 0));
            entries.Add(("perte", "à éloigner", LoseColour, 0));
        }

        var x = left;
        var y = top;
        foreach (var (kind, text, colour, ring) in entries)
        {
            if (kind == "saut")
            {
                x = left;
                y += 24;
                continue;
            }

            var itemWidth = 26 + LabelPlacer.TextWidth(text, 13);
            if (x + itemWidth > left + width && x > left)
            {
                x = left;
                y += 22;
            }

            switch (kind)
            {
                case "famille":
                    legend.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(x + 7)}\" cy=\"{N(y)}\" r=\"7\" fill=\"{colour}\"/>");
                    break;
                case "anneau":
                    legend.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(x + 7)}\" cy=\"{N(y)}\" r=\"9\" fill=\"#ffffff\" stroke=\"#5d7290\"/><text x=\"{N(x + 7)}\" y=\"{N(y + 4)}\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"700\" fill=\"#2d3e55\">{ring}</text>");
                    break;
                case "fantome":
                    legend.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(x + 7)}\" cy=\"{N(y)}\" r=\"6\" fill=\"#ffffff\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"3 2\"/>");
                    break;
                default:
                    legend.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x)}\" y1=\"{N(y)}\" x2=\"{N(x + 12)}\" y2=\"{N(y)}\" stroke=\"{colour}\" stroke-width=\"1.8\" marker-end=\"url(#{idPrefix}-{kind})\"/>");
                    break;
            }

            legend.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x + 22)}\" y=\"{N(y + 4.5)}\" font-size=\"13\" fill=\"{Ink}\">{E(text)}</text>");
            x += itemWidth + 14;
        }

        bottom = y + 12;
        return legend.ToString();
    }

    private static string Wedge(double inner, double outer, double start, double span)
    {
        var a = CibleGeometry.At(outer, start);
        var b = CibleGeometry.At(outer, start + span);
        var c = CibleGeometry.At(inner, start + span);
        var d = CibleGeometry.At(inner, start);
        var large = span > 180 ? 1 : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"M{N(a.X)},{N(a.Y)} A{N(outer)},{N(outer)} 0 {large} 1 {N(b.X)},{N(b.Y)} L{N(c.X)},{N(c.Y)} A{N(inner)},{N(inner)} 0 {large} 0 {N(d.X)},{N(d.Y)} Z");
    }

    private static List<string> Wrap(string text, double width, double fontSize)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && LabelPlacer.TextWidth(candidate, fontSize) > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = candidate;
            }
        }

        if (line.Length > 0)
        {
            lines.Add(line);
        }

        if (lines.Count > 3)
        {
            lines = [.. lines.Take(3)];
            lines[2] += "…";
        }

        return lines;
    }

    private static string Blend(string from, string to, double t)
    {
        int Channel(string hex, int i) => int.Parse(hex.AsSpan(1 + (2 * i), 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return "#" + string.Concat(Enumerable.Range(0, 3).Select(i =>
            ((int)Math.Round(Channel(from, i) + ((Channel(to, i) - Channel(from, i)) * t))).ToString("x2", CultureInfo.InvariantCulture)));
    }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Plural(int count, string word) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {word}{(count > 1 ? "s" : "")}");

    private static string E(string text) => SecurityElement.Escape(text);
}
