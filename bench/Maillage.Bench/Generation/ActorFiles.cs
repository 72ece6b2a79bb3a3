using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Maillage.Actors;

namespace Maillage.Bench.Generation;

/// <summary>
/// The generated actors as the import reads them (issue 4): a CSV for French Excel (<c>;</c>, UTF-8 with BOM) and an
/// XLSX written with OpenXmlWriter (streamed: a million rows never sit in memory), with the columns of the
/// import/export contract.
/// </summary>
public static class ActorFiles
{
    /// <summary>
    /// The import/export columns, in order. The lead is adding them on main as <c>Maillage.Actors.Transfer.ActorColumns</c>:
    /// once merged, this list goes and that one is used.
    /// </summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "Identifiant externe", "Nom", "Sigle", "Famille", "Sous-type", "SIREN", "SIRET", "RNA", "Code NAF", "Nomenclature NAF",
        "Tranche d'effectif", "Adresse", "Complément d'adresse", "Code postal", "Code commune", "Périmètre", "Compétences",
        "Modes d'intervention", "Logique collaborative", "Site web", "Notes",
    ];

    /// <summary>One actor as a row of <see cref="Columns"/>; <paramref name="index"/> makes the external identifier.</summary>
    public static string?[] Row(Actor actor, int index)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return
        [
            "banc-" + index.ToString("D7", CultureInfo.InvariantCulture), actor.Name, actor.Acronym, actor.Family.Code(), actor.Subtype,
            actor.Siren, actor.Siret, actor.Rna, actor.NafCode, actor.NafVersion, actor.WorkforceBand, actor.AddressLine1, actor.AddressLine2,
            actor.PostalCode, actor.CommuneCode, actor.PerimeterCodes, actor.CompetenceLabels, string.Join(", ", actor.Modes.Codes()),
            actor.CollaborativeLogic, actor.Website, actor.Notes,
        ];
    }

    /// <summary>Writes both files from one pass over the actors; returns how many rows were written.</summary>
    public static int Write(IEnumerable<Actor> actors, string csvPath, string xlsxPath)
    {
        ArgumentNullException.ThrowIfNull(actors);
        using var csv = new StreamWriter(csvPath, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        csv.NewLine = "\r\n";
        using var document = SpreadsheetDocument.Create(xlsxPath, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var sheetPart = workbook.AddNewPart<WorksheetPart>();
        var count = 0;
        using (var writer = OpenXmlWriter.Create(sheetPart))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            WriteCsvLine(csv, Columns);
            WriteSheetRow(writer, Columns);
            foreach (var actor in actors)
            {
                var row = Row(actor, ++count);
                WriteCsvLine(csv, row);
                WriteSheetRow(writer, row);
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        using (var writer = OpenXmlWriter.Create(workbook))
        {
            writer.WriteStartElement(new Workbook());
            writer.WriteStartElement(new Sheets());
            writer.WriteElement(new Sheet { Name = "Acteurs", SheetId = 1, Id = workbook.GetIdOfPart(sheetPart) });
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        return count;
    }

    private static void WriteCsvLine(StreamWriter csv, IReadOnlyList<string?> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                csv.Write(';');
            }

            var value = values[i] ?? "";
            if (value.AsSpan().IndexOfAny(";\"\r\n") >= 0)
            {
                csv.Write('"');
                csv.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
                csv.Write('"');
            }
            else
            {
                csv.Write(value);
            }
        }

        csv.WriteLine();
    }

    /// <summary>Inline strings: no shared-string table to hold in memory; codes such as 01 or 69123 stay text.</summary>
    private static void WriteSheetRow(OpenXmlWriter writer, IReadOnlyList<string?> values)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in values)
        {
            if (string.IsNullOrEmpty(value))
            {
                writer.WriteElement(new Cell());
                continue;
            }

            writer.WriteElement(new Cell(new InlineString(new Text(value) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString });
        }

        writer.WriteEndElement();
    }
}
