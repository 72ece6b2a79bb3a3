using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Maillage.Actors;
using Maillage.Territories;

namespace Maillage.Projects;

/// <summary>
/// The project dossier as a Word document, in the outline of Le RAMEAU's « Cadre méthodologique d'un projet territorial
/// collectif sur les partenariats » (source 003): a title page, then exposé des motifs, description générale, principes,
/// positionnements des parties prenantes, déroulé global, focus sur chaque partie, répartition des rôles opérationnels
/// (with source 000's role table) and planning prévisionnel. Every section is printed, « Non renseigné » when empty,
/// so the dossier always shows the whole frame. Real Word styles (Title, Heading 1–3, Table Grid with a header row).
/// </summary>
public static class ProjectDossier
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string NotFilled = "Non renseigné.";

    // A4 with 2 cm side margins: the width tables share, in twentieths of a point.
    private const int TextWidth = 11906 - (2 * 1134);

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>"dossier-agir-ensemble-sur-le-territoire.docx": the project's name in characters every system accepts.</summary>
    public static string FileName(string projectName)
    {
        var slug = TextKey.Slug(projectName);
        return (slug.Length == 0 ? "dossier" : "dossier-" + (slug.Length <= 80 ? slug : slug[..80].TrimEnd('-'))) + ".docx";
    }

    /// <summary>
    /// Writes the dossier to <paramref name="output"/>. The SDK needs a seekable stream: a response body gets the
    /// package built in memory first (a dossier weighs tens of kilobytes).
    /// </summary>
    public static void Write(DossierModel model, Stream output)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(output);
        if (!output.CanSeek || !output.CanRead)
        {
            output.Write(ToBytes(model));
            return;
        }

        using var document = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        document.PackageProperties.Title = Clean(model.Project.Name);
        document.PackageProperties.Subject = "Dossier de projet partenarial";
        document.PackageProperties.Creator = "Maillage";
        document.PackageProperties.Language = "fr-FR";

        var main = document.AddMainDocumentPart();
        main.AddNewPart<StyleDefinitionsPart>().Styles = new Styles(StylesXml);
        var footer = main.AddNewPart<FooterPart>();
        footer.Footer = PageNumberFooter();

        var body = new Body();
        new Writer(body, model).WriteAll();
        body.Append(new SectionProperties(
            new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
            new PageSize { Width = 11906U, Height = 16838U },
            new PageMargin { Top = 1418, Right = 1134U, Bottom = 1418, Left = 1134U, Header = 709U, Footer = 709U, Gutter = 0U }));
        main.Document = new Document(body);
    }

    public static byte[] ToBytes(DossierModel model)
    {
        using var buffer = new MemoryStream();
        Write(model, buffer);
        return buffer.ToArray();
    }

    private static Footer PageNumberFooter() =>
        new(new Paragraph(
            new ParagraphProperties(new ParagraphStyleId { Val = "Footer" }, new Justification { Val = JustificationValues.Center }),
            new Run(new Text("Page ") { Space = SpaceProcessingModeValues.Preserve }),
            new SimpleField(new Run(new Text("1"))) { Instruction = " PAGE " },
            new Run(new Text(" sur ") { Space = SpaceProcessingModeValues.Preserve }),
            new SimpleField(new Run(new Text("1"))) { Instruction = " NUMPAGES " }));

    /// <summary>Characters XML 1.0 cannot carry (control characters pasted from elsewhere) are dropped; every other character is kept.</summary>
    internal static string Clean(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (XmlConvert.IsXmlChar(c))
            {
                sb.Append(c);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                sb.Append(c).Append(text[i + 1]);
                i++;
            }
        }

        return sb.ToString();
    }

    private static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>"du 01/10/2011 au 31/12/2012", or what is known of it; null when neither date is set.</summary>
    private static string? Period(DateOnly? start, DateOnly? end) => (start, end) switch
    {
        ({ } from, { } to) => $"du {Date(from)} au {Date(to)}",
        ({ } from, null) => $"à partir du {Date(from)} (fin non renseignée)",
        (null, { } to) => $"jusqu'au {Date(to)} (début non renseigné)",
        _ => null,
    };

    private static string Span(DateOnly? start, DateOnly? end) =>
        Period(start, end) is { } period ? char.ToUpper(period[0], French) + period[1..] + "." : NotFilled;

    private sealed record Column(string Header, int Percent);

    private sealed record PlanningEntry(DateOnly? Date, int Order, string Kind, string Label);

    /// <summary>Appends the dossier's paragraphs and tables to the body, section by section in the source's order.</summary>
    private sealed class Writer(Body body, DossierModel model)
    {
        private readonly Project _project = model.Project;

        public void WriteAll()
        {
            TitlePage();
            Motives();
            GeneralDescription();
            Principles();
            Positioning();
            GlobalCourse();
            PhaseFocus();
            OperationalRoles();
            Planning();
        }

        private void TitlePage()
        {
            body.Append(Styled("Title", _project.Name));
            body.Append(Styled("Subtitle", "Cadre méthodologique d'un projet territorial collectif sur les partenariats"));
            Field("Territoire", model.TerritoryName);
            Field("Dates", Period(_project.StartDate, _project.EndDate) ?? "non renseignées");
            Field("Thèmes", _project.ThemeList.Count == 0 ? "non renseignés" : string.Join(", ", _project.ThemeList.Select(t => t.Label)));
            Field("Public visé", _project.TargetPopulation ?? "non renseigné");
            if (_project.TargetsCompanies)
            {
                body.Append(Plain("Le projet s'adresse à des entreprises : elles ou leurs relais sont autour de la table dès le départ."));
            }

            body.Append(Plain($"Dossier généré par Maillage le {model.GeneratedOn.ToString("d MMMM yyyy", French)}."));
            body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
        }

        private void Motives()
        {
            Heading(1, "Exposé des motifs");
            Question("Quels sont les éléments de contexte qui justifient la pertinence d'un projet territorial sur les partenariats ?");
            Text(_project.Motives);
        }

        private void GeneralDescription()
        {
            Heading(1, "Description générale de l'expérimentation");
            Heading(2, "Objectifs de l'expérimentation");
            Text(_project.Objectives);
            Heading(2, "Périmètre géographique");
            if (model.Perimeter.Count == 0)
            {
                body.Append(Plain(NotFilled));
            }

            foreach (var area in model.Perimeter)
            {
                var line = $"{area.Area.Name} ({PerimeterResolver.KindLabel(area.Area.Kind)} {area.Area.Code})";
                body.Append(Plain(area.MemberCommunes.Count == 0 ? line : $"{line} : {string.Join(", ", area.MemberCommunes)}"));
            }

            Heading(2, "Éléments descriptifs");
            Text(_project.Description);
        }

        private void Principles()
        {
            Heading(1, "Principes de l'expérimentation");
            Question("Quels sont les principes opérationnels souhaités pour l'expérimentation ? Quelles sont les clés de succès ?");
            Text(_project.Principles);
        }

        private void Positioning()
        {
            Heading(1, "Positionnements respectifs des parties prenantes impliquées");
            Question("Quels sont les positionnements respectifs des pilotes ? L'objectif est de faire ressortir les complémentarités.");
            Text(_project.Positioning);
            Heading(2, "Parties prenantes du projet");
            if (model.Participants.Count == 0)
            {
                body.Append(Plain(NotFilled));
                return;
            }

            body.Append(Table(
                [new("Acteur", 24), new("Famille", 20), new("Rôle", 13), new("Fonction", 19), new("Vague", 8), new("Mobilisation", 16)],
                model.Participants.Select(p => new[]
                {
                    Cell(p.ActorAcronym is null ? p.ActorName : $"{p.ActorName} ({p.ActorAcronym})"),
                    Cell(p.Family.Label()),
                    Cell(model.Roles.LabelOf(p.Participation.Role)),
                    Cell(p.Participation.Function ?? "—"),
                    Cell(p.Participation.Wave.ToString(CultureInfo.InvariantCulture)),
                    Cell(p.Participation.Mobilisation.Label() + (p.Participation.IsActive ? "" : " (inactif)")),
                })));
        }

        private void GlobalCourse()
        {
            Heading(1, "Déroulé global de l'expérimentation");
            Question("Quelles sont les différentes étapes au sein de chaque partie de l'expérimentation ?");
            foreach (var phase in _project.Phases.OrderBy(p => p.Kind))
            {
                Heading(2, phase.Kind.Label());
                body.Append(Plain(Span(phase.StartDate, phase.EndDate)));
                var deliverables = ProjectLoading.Ordered(_project.Deliverables.Where(d => d.Phase == phase.Kind)).ToList();
                if (deliverables.Count == 0)
                {
                    body.Append(Plain("Livrables : non renseigné."));
                    continue;
                }

                body.Append(Table(
                    [new("Livrable", 42), new("Échéance", 16), new("Responsable", 26), new("Statut", 16)],
                    deliverables.Select(d => new[]
                    {
                        Cell(d.Title), Cell(d.DueDate is { } due ? Date(due) : "—"), Cell(d.Owner ?? "—"), Cell(d.Status.Label()),
                    })));
            }
        }

        private void PhaseFocus()
        {
            Heading(1, "Focus sur chaque partie");
            Question("Pour chaque partie, quel est le contenu détaillé ? Objectifs, description, mode opératoire.");
            foreach (var phase in _project.Phases.OrderBy(p => p.Kind))
            {
                Heading(2, phase.Kind.Label());
                Heading(3, "Objectifs");
                Text(phase.Objectives);
                Heading(3, "Description");
                Text(phase.Description);
                Heading(3, "Mode opératoire");
                Text(phase.Method);
                Heading(3, "Dates");
                body.Append(Plain(Span(phase.StartDate, phase.EndDate)));
            }
        }

        private void OperationalRoles()
        {
            Heading(1, "Répartition des rôles opérationnels");
            Question("Quels sont les rôles concrets des pilotes ? Il s'agit de rentrer dans le détail des attributions de chacun.");
            Text(_project.OperationalRoles);
            Heading(2, "Définition du rôle et de la fonction des partenaires");
            body.Append(Table(
                [new("Quel partenariat ?", 15), new("Exemple", 25), new("Rôles", 25), new("Conditions d'exercice", 35)],
                model.RoleRows.Select(row => new[]
                {
                    Cell(Bold(row.Role.Label)),
                    Cell(Holders(row)),
                    Cell(Plain(row.Role.Description.Length == 0 ? NotFilled : row.Role.Description)),
                    Cell(Conditions(row)),
                })));
        }

        private static IEnumerable<Paragraph> Holders(RoleTableRow row)
        {
            if (row.Holders.Count == 0)
            {
                yield return Plain(NotFilled);
                if (row.Role.Examples is not null)
                {
                    yield return Plain($"Exemple du tableau de référence : {row.Role.Examples}");
                }

                yield break;
            }

            foreach (var holder in row.Holders)
            {
                var function = holder.Participation.Function is null ? "" : $" — {holder.Participation.Function}";
                yield return Plain($"{holder.ActorName}{function} (vague {holder.Participation.Wave}, " +
                                   $"{holder.Participation.Mobilisation.Label().ToLower(French)})");
            }
        }

        private static IEnumerable<Paragraph> Conditions(RoleTableRow row)
        {
            if (row.Role.Conditions.Count == 0)
            {
                yield return Plain("Aucune condition d'exercice particulière.");
                yield break;
            }

            foreach (var condition in row.Role.Conditions)
            {
                yield return Plain("• " + condition.Text);
                foreach (var holder in row.Holders)
                {
                    var met = holder.Participation.ConditionCodes.Contains(condition.Code);
                    yield return new Paragraph(
                        new ParagraphProperties(new Indentation { Left = "284" }),
                        TextRun(met ? $"✓ {holder.ActorName} : remplie" : $"✗ {holder.ActorName} : à vérifier",
                            new RunProperties(new Color { Val = met ? "2E7D32" : "B71C1C" }, new FontSize { Val = "18" })));
                }
            }
        }

        private void Planning()
        {
            Heading(1, "Planning prévisionnel");
            Question("Quelles sont les échéances pour chaque étape ? La durée de l'expérimentation ? Quand programmer les copils ?");
            body.Append(Plain($"Durée du projet : {Period(_project.StartDate, _project.EndDate) ?? "non renseignée"}."));
            var entries = PlanningEntries();
            if (entries.Count == 0)
            {
                body.Append(Plain(NotFilled));
                return;
            }

            body.Append(Table(
                [new("Date", 16), new("Type", 16), new("Étape", 68)],
                entries.Select(e => new[] { Cell(e.Date is { } d ? Date(d) : "Sans date"), Cell(e.Kind), Cell(e.Label) })));
        }

        /// <summary>Project, phases, copils and due dates in date order; undated deliverables last.</summary>
        private List<PlanningEntry> PlanningEntries()
        {
            var entries = new List<PlanningEntry>();
            if (_project.StartDate is { } start)
            {
                entries.Add(new PlanningEntry(start, 0, "Projet", "Début du projet"));
            }

            foreach (var phase in _project.Phases.OrderBy(p => p.Kind))
            {
                if (phase.StartDate is { } from)
                {
                    entries.Add(new PlanningEntry(from, 1, "Phase", $"Début de la phase « {phase.Kind.ShortLabel()} »"));
                }

                if (phase.EndDate is { } to)
                {
                    entries.Add(new PlanningEntry(to, 4, "Phase", $"Fin de la phase « {phase.Kind.ShortLabel()} »"));
                }
            }

            entries.AddRange(_project.Copils.Select(c => new PlanningEntry(c.Date, 2, "Copil", c.Label ?? "Comité de pilotage")));
            entries.AddRange(_project.Deliverables.Select(d => new PlanningEntry(d.DueDate, 3, "Livrable",
                d.Owner is null ? d.Title : $"{d.Title} ({d.Owner})")));
            if (_project.EndDate is { } end)
            {
                entries.Add(new PlanningEntry(end, 5, "Projet", "Fin du projet"));
            }

            return entries
                .OrderBy(e => e.Date ?? DateOnly.MaxValue).ThenBy(e => e.Order).ThenBy(e => e.Label, StringComparer.Create(French, false))
                .ToList();
        }

        // ------------------------------------------------------------ building blocks

        private void Heading(int level, string text) => body.Append(Styled($"Heading{level}", text));

        private void Question(string text) => body.Append(Styled("Question", text));

        private void Field(string label, string value) =>
            body.Append(new Paragraph(TextRun(label + " : ", new RunProperties(new Bold())), TextRun(value)));

        /// <summary>A multi-line text as one paragraph per line, or « Non renseigné. ».</summary>
        private void Text(string? text)
        {
            var lines = Lines(text);
            if (lines.Count == 0)
            {
                body.Append(Plain(NotFilled));
                return;
            }

            foreach (var line in lines)
            {
                body.Append(Plain(line));
            }
        }

        private static List<string> Lines(string? text) =>
            (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', '\r')
            .Select(l => l.TrimEnd())
            .Where(l => l.Length > 0)
            .ToList();

        private static Paragraph Styled(string style, string text) =>
            new(new ParagraphProperties(new ParagraphStyleId { Val = style }), TextRun(text));

        private static Paragraph Plain(string text) => new(TextRun(text));

        private static Paragraph Bold(string text) => new(TextRun(text, new RunProperties(new Bold())));

        private static Run TextRun(string text, RunProperties? properties = null)
        {
            var run = new Run();
            if (properties is not null)
            {
                run.Append(properties);
            }

            run.Append(new Text(Clean(text)) { Space = SpaceProcessingModeValues.Preserve });
            return run;
        }

        private static TableCell Cell(string text) => Cell(Lines(text) is { Count: > 0 } lines ? lines.Select(Plain) : [Plain("—")]);

        private static TableCell Cell(Paragraph paragraph) => Cell([paragraph]);

        private static TableCell Cell(IEnumerable<Paragraph> paragraphs)
        {
            var cell = new TableCell();
            cell.Append(paragraphs);
            return cell;
        }

        /// <summary>A table in the « Table Grid » style, its first row a header repeated on each page.</summary>
        private static Table Table(IReadOnlyList<Column> columns, IEnumerable<TableCell[]> rows)
        {
            var widths = columns.Select(c => TextWidth * c.Percent / 100).ToList();
            var table = new Table(
                new TableProperties(
                    new TableStyle { Val = "TableGrid" },
                    new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct },
                    new TableLayout { Type = TableLayoutValues.Fixed },
                    new TableLook { Val = "04A0", FirstRow = true, LastRow = false, FirstColumn = true, LastColumn = false, NoHorizontalBand = false, NoVerticalBand = true }),
                new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) })));
            table.Append(Row(widths, columns.Select(c => Cell(Bold(c.Header))).ToArray(), header: true));
            foreach (var cells in rows)
            {
                table.Append(Row(widths, cells, header: false));
            }

            return table;
        }

        private static TableRow Row(List<int> widths, TableCell[] cells, bool header)
        {
            var row = new TableRow();
            if (header)
            {
                row.Append(new TableRowProperties(new CantSplit(), new TableHeader()));
            }

            for (var i = 0; i < cells.Length; i++)
            {
                cells[i].PrependChild(new TableCellProperties(
                    new TableCellWidth { Width = widths[i].ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }));
                row.Append(cells[i]);
            }

            return row;
        }
    }

    /// <summary>The styles Word knows by these ids and names (pandoc and LibreOffice read headings from them), in French.</summary>
    private const string StylesXml = """
        <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
          <w:docDefaults>
            <w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="fr-FR" w:eastAsia="fr-FR" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
            <w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault>
          </w:docDefaults>
          <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
          <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="10"/><w:qFormat/><w:pPr><w:spacing w:before="2400" w:after="240"/></w:pPr><w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="52"/><w:szCs w:val="52"/></w:rPr></w:style>
          <w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="11"/><w:qFormat/><w:pPr><w:spacing w:after="720"/></w:pPr><w:rPr><w:i/><w:color w:val="44546A"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>
          <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="480" w:after="160"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style>
          <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="280" w:after="120"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:color w:val="2F5496"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>
          <w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:color w:val="404040"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>
          <w:style w:type="paragraph" w:customStyle="1" w:styleId="Question"><w:name w:val="Question du cadre"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="284"/></w:pPr><w:rPr><w:i/><w:color w:val="595959"/></w:rPr></w:style>
          <w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr><w:color w:val="595959"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>
          <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
          <w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/><w:pPr><w:spacing w:after="40" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/></w:tblBorders></w:tblPr><w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/></w:tcPr></w:tblStylePr></w:style>
        </w:styles>
        """;
}
