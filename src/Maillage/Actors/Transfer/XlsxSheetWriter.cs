using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Maillage.Actors.Transfer;

/// <summary>
/// Writes a one-sheet workbook row by row, straight into a ZIP on the output stream: the rows are never held in
/// memory. The sheet's XML goes through the OpenXml SDK's <see cref="OpenXmlWriter"/>; the package's few fixed parts
/// (content types, relationships) are written here because the SDK's package API needs a readable, seekable stream.
/// Strings are inline (no shared-string table to keep), the header row is bold and frozen, with an autofilter.
/// </summary>
public sealed class XlsxSheetWriter : IDisposable
{
    public const int MaxCellLength = 32_767;

    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string XmlNs = "http://www.w3.org/XML/1998/namespace";
    private const uint BoldStyle = 1;
    private const uint DateStyle = 2;

    private static readonly Row RowElement = new();
    private static readonly Cell CellElement = new();
    private static readonly InlineString InlineStringElement = new();
    private static readonly Text TextElement = new();
    private static readonly CellValue ValueElement = new();
    private static readonly OpenXmlAttribute InlineType = new("t", "", "inlineStr");
    private static readonly OpenXmlAttribute PreserveSpace = new("xml", "space", XmlNs, "preserve");

    private readonly ZipArchive _zip;
    private readonly Stream _sheetStream;
    private readonly OpenXmlWriter _sheet;
    private readonly string _sheetName;
    private readonly int _columnCount;
    private readonly string[] _columnLetters;
    private readonly List<OpenXmlAttribute> _attributes = new(3);
    private int _row;
    private int _column;
    private uint _rowStyle;
    private bool _finished;

    public XlsxSheetWriter(Stream output, string sheetName, IReadOnlyList<string> headers, IReadOnlyList<double>? widths = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(headers);
        _sheetName = sheetName;
        _columnCount = headers.Count;
        _columnLetters = [.. Enumerable.Range(0, _columnCount).Select(ColumnLetters)];
        _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);
        _sheetStream = _zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open();
        _sheet = OpenXmlWriter.Create(_sheetStream, Encoding.UTF8);
        _sheet.WriteStartDocument();
        _sheet.WriteStartElement(new Worksheet(), [], [new KeyValuePair<string, string>("r", RelNs)]);
        _sheet.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        { TabSelected = true, WorkbookViewId = 0 }));
        if (widths is { Count: > 0 })
        {
            _sheet.WriteElement(new Columns(widths.Select((w, i) => new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = w, CustomWidth = true })));
        }

        _sheet.WriteStartElement(new SheetData());
        BeginRow(BoldStyle);
        foreach (var header in headers)
        {
            Text(header);
        }

        EndRow();
    }

    public void BeginRow() => BeginRow(0);

    public void Text(string? value)
    {
        var reference = NextCell();
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var text = Clean(value);
        _attributes.Clear();
        _attributes.Add(new OpenXmlAttribute("r", "", reference));
        _attributes.Add(InlineType);
        if (_rowStyle != 0)
        {
            _attributes.Add(new OpenXmlAttribute("s", "", _rowStyle.ToString(CultureInfo.InvariantCulture)));
        }

        _sheet.WriteStartElement(CellElement, _attributes);
        _sheet.WriteStartElement(InlineStringElement);
        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
        {
            _sheet.WriteStartElement(TextElement, [PreserveSpace]);
        }
        else
        {
            _sheet.WriteStartElement(TextElement);
        }

        _sheet.WriteString(text);
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
    }

    public void Number(double? value)
    {
        var reference = NextCell();
        if (value is { } number)
        {
            Value(reference, number.ToString("R", CultureInfo.InvariantCulture), _rowStyle);
        }
    }

    /// <summary>A real date cell (a serial number with a dd/mm/yyyy format), which Excel sorts and filters as a date.</summary>
    public void Date(DateTime? value)
    {
        var reference = NextCell();
        if (value is { } date)
        {
            Value(reference, date.ToOADate().ToString("R", CultureInfo.InvariantCulture), DateStyle);
        }
    }

    public void EndRow()
    {
        _sheet.WriteEndElement();
    }

    /// <summary>Closes the sheet and writes the workbook around it; the ZIP is complete once this returns.</summary>
    public void Finish()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        var range = $"A1:{_columnLetters[^1]}{Math.Max(_row, 1)}";
        _sheet.WriteEndElement();
        _sheet.WriteElement(new AutoFilter { Reference = range });
        _sheet.WriteEndElement();
        _sheet.Close();
        _sheetStream.Dispose();

        WritePart("xl/workbook.xml", w =>
        {
            w.WriteStartElement(new Workbook(), [], [new KeyValuePair<string, string>("r", RelNs)]);
            w.WriteElement(new Sheets(new Sheet { Name = _sheetName, SheetId = 1, Id = "rId1" }));
            var quoted = "'" + _sheetName.Replace("'", "''", StringComparison.Ordinal) + "'";
            w.WriteElement(new DefinedNames(new DefinedName($"{quoted}!$A$1:${_columnLetters[^1]}${Math.Max(_row, 1)}")
            {
                Name = "_xlnm._FilterDatabase",
                LocalSheetId = 0,
                Hidden = true,
            }));
            w.WriteEndElement();
        });
        WritePart("xl/styles.xml", w => w.WriteElement(Styles()));
        WriteXml("xl/_rels/workbook.xml.rels", x =>
        {
            x.WriteStartElement("Relationships", PackageRelNs);
            Relationship(x, "rId1", RelNs + "/worksheet", "worksheets/sheet1.xml");
            Relationship(x, "rId2", RelNs + "/styles", "styles.xml");
            x.WriteEndElement();
        });
        WriteXml("_rels/.rels", x =>
        {
            x.WriteStartElement("Relationships", PackageRelNs);
            Relationship(x, "rId1", RelNs + "/officeDocument", "xl/workbook.xml");
            x.WriteEndElement();
        });
        WriteXml("[Content_Types].xml", x =>
        {
            const string ns = "http://schemas.openxmlformats.org/package/2006/content-types";
            x.WriteStartElement("Types", ns);
            Default(x, ns, "rels", "application/vnd.openxmlformats-package.relationships+xml");
            Default(x, ns, "xml", "application/xml");
            Override(x, ns, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
            Override(x, ns, "/xl/worksheets/sheet1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
            Override(x, ns, "/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
            x.WriteEndElement();
        });
        _zip.Dispose();
    }

    public void Dispose()
    {
        if (!_finished)
        {
            // An interrupted export: release the writers without completing a workbook that would look whole.
            _finished = true;
            _sheet.Dispose();
            _sheetStream.Dispose();
            _zip.Dispose();
        }
    }

    /// <summary>"A" for 0, "Z" for 25, "AA" for 26.</summary>
    public static string ColumnLetters(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }

    /// <summary>Characters XML 1.0 cannot carry (control characters, lone surrogates) are dropped; Excel caps a cell's length.</summary>
    public static string Clean(string value)
    {
        var clean = value;
        if (value.Any(c => !XmlConvert.IsXmlChar(c)))
        {
            var sb = new StringBuilder(value.Length);
            for (var i = 0; i < value.Length; i++)
            {
                if (XmlConvert.IsXmlChar(value[i]))
                {
                    sb.Append(value[i]);
                }
                else if (i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], value[i]))
                {
                    sb.Append(value[i]).Append(value[i + 1]);
                    i++;
                }
            }

            clean = sb.ToString();
        }

        return clean.Length > MaxCellLength ? clean[..MaxCellLength] : clean;
    }

    private void BeginRow(uint style)
    {
        _row++;
        _column = 0;
        _rowStyle = style;
        _attributes.Clear();
        _attributes.Add(new OpenXmlAttribute("r", "", _row.ToString(CultureInfo.InvariantCulture)));
        _sheet.WriteStartElement(RowElement, _attributes);
    }

    private string NextCell()
    {
        if (_column >= _columnCount)
        {
            throw new InvalidOperationException($"La ligne {_row} a plus de {_columnCount} cellules.");
        }

        return _columnLetters[_column++] + _row.ToString(CultureInfo.InvariantCulture);
    }

    private void Value(string reference, string value, uint style)
    {
        _attributes.Clear();
        _attributes.Add(new OpenXmlAttribute("r", "", reference));
        if (style != 0)
        {
            _attributes.Add(new OpenXmlAttribute("s", "", style.ToString(CultureInfo.InvariantCulture)));
        }

        _sheet.WriteStartElement(CellElement, _attributes);
        _sheet.WriteStartElement(ValueElement);
        _sheet.WriteString(value);
        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "dd/mm/yyyy" }) { Count = 1 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }))
        { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }))
        { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true })
        { Count = 3 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    private void WritePart(string path, Action<OpenXmlWriter> write)
    {
        using var stream = _zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        using var writer = OpenXmlWriter.Create(stream, Encoding.UTF8);
        writer.WriteStartDocument();
        write(writer);
        writer.Close();
    }

    private void WriteXml(string path, Action<XmlWriter> write)
    {
        using var stream = _zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        writer.WriteStartDocument(standalone: true);
        write(writer);
        writer.WriteEndDocument();
    }

    private static void Relationship(XmlWriter x, string id, string type, string target)
    {
        x.WriteStartElement("Relationship", PackageRelNs);
        x.WriteAttributeString("Id", id);
        x.WriteAttributeString("Type", type);
        x.WriteAttributeString("Target", target);
        x.WriteEndElement();
    }

    private static void Default(XmlWriter x, string ns, string extension, string contentType)
    {
        x.WriteStartElement("Default", ns);
        x.WriteAttributeString("Extension", extension);
        x.WriteAttributeString("ContentType", contentType);
        x.WriteEndElement();
    }

    private static void Override(XmlWriter x, string ns, string part, string contentType)
    {
        x.WriteStartElement("Override", ns);
        x.WriteAttributeString("PartName", part);
        x.WriteAttributeString("ContentType", contentType);
        x.WriteEndElement();
    }
}
