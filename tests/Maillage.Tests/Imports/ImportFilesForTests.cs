using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Maillage.Tests.ActorImports;

/// <summary>Files of the tests, written in code: CSV text in a given encoding, XLSX through the Open XML SDK.</summary>
internal static class TestFiles
{
    public static byte[] Csv(string text, Encoding? encoding = null) => (encoding ?? new UTF8Encoding(false)).GetBytes(text);

    public static byte[] CsvWithBom(string text) => [.. new UTF8Encoding(true).GetPreamble(), .. Encoding.UTF8.GetBytes(text)];

    /// <summary>A workbook whose first sheet holds <paramref name="rows"/>; a cell starting with "=" is written as a formula.</summary>
    public static byte[] Xlsx(string[][] rows, string? mergedRange = null)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = (char)('A' + c) + (r + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var value = rows[r][c];
                    row.Append(value.StartsWith('=')
                        ? new Cell { CellReference = reference, CellFormula = new CellFormula(value[1..]), DataType = CellValues.String, CellValue = new CellValue("calculé") }
                        : new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value)) });
                }

                data.Append(row);
            }

            var worksheet = new Worksheet(data);
            if (mergedRange is not null)
            {
                worksheet.Append(new MergeCells(new MergeCell { Reference = mergedRange }));
            }

            sheetPart.Worksheet = worksheet;
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Acteurs" }));
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }
}
