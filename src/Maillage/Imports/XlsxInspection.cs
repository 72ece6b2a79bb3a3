using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Maillage.Imports;

/// <summary>
/// What ExcelDataReader does not say about an XLSX: which cells hold a formula. A formula's cached value may be
/// stale or missing, and a formula is not a fact about an actor, so the import refuses it and names the cell.
/// The first sheet is read with the SDK's forward-only reader: one element at a time.
/// </summary>
internal static class XlsxInspection
{
    public static List<ImportProblemInfo> FindFormulas(Stream stream, string fileName)
    {
        var problems = new List<ImportProblemInfo>();
        try
        {
            using var document = SpreadsheetDocument.Open(stream, false, new OpenSettings { AutoSave = false });
            var workbook = document.WorkbookPart;
            var first = workbook?.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault();
            if (workbook is null || first?.Id?.Value is not { } relationId || workbook.GetPartById(relationId) is not WorksheetPart sheet)
            {
                throw new ImportFileException($"« {fileName} » ne contient aucune feuille de calcul.");
            }

            using var reader = OpenXmlReader.Create(sheet);
            string? cell = null;
            while (reader.Read())
            {
                if (!reader.IsStartElement)
                {
                    continue;
                }

                if (reader.ElementType == typeof(Cell))
                {
                    cell = reader.Attributes.FirstOrDefault(a => a.LocalName == "r").Value;
                }
                else if (reader.ElementType == typeof(CellFormula) && cell is not null)
                {
                    var (line, column) = Split(cell);
                    problems.Add(new ImportProblemInfo(line, column,
                        $"Ligne {line}, colonne {column} : la cellule {cell} contient une formule. Remplacez les formules par leurs valeurs " +
                        "(copier, puis « Collage spécial › Valeurs ») avant d'importer."));
                }
            }
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or FileFormatException
                                       or InvalidOperationException or IOException or ArgumentException or NotSupportedException)
        {
            throw new ImportFileException($"« {fileName} » n'est pas un classeur Excel lisible (fichier abîmé ou d'un autre format). " +
                                          "Ouvrez-le dans votre tableur et enregistrez-le à nouveau au format .xlsx, ou en CSV.");
        }

        return problems;
    }

    private static (int Line, string Column) Split(string reference)
    {
        var digits = reference.AsSpan().IndexOfAnyInRange('0', '9');
        return digits <= 0
            ? (0, reference)
            : (int.Parse(reference.AsSpan(digits), System.Globalization.CultureInfo.InvariantCulture), reference[..digits]);
    }
}
