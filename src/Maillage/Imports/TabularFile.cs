using System.Globalization;
using System.Text;
using System.Diagnostics.CodeAnalysis;
using ExcelDataReader;

[assembly: SuppressMessage("Naming", "CA1716", Scope = "namespace", Target = "~N:Maillage.Imports", Justification = "The feature folder is Imports; no Visual Basic consumer.")]

namespace Maillage.Imports;

/// <summary>A file that cannot be read at all: the message is French and says what to do.</summary>
public sealed class ImportFileException(string message) : Exception(message);

/// <summary>
/// The rows of a spreadsheet or CSV file, read one at a time: the first non-empty row gives the headers, then
/// <see cref="Read"/> moves to the next data row. Nothing holds more than one row in memory.
/// </summary>
public abstract class TabularSource : IDisposable
{
    public IReadOnlyList<string> Headers { get; protected set; } = [];

    /// <summary>The line of the current row in the file (1 = the first line), as a spreadsheet shows it.</summary>
    public int Line { get; protected set; }

    /// <summary>The current row's cells, aligned on <see cref="Headers"/> (missing cells are null).</summary>
    public string?[] Cells { get; protected set; } = [];

    /// <summary>How many cells the current row really had, to report rows longer than the headers.</summary>
    public int CellCount { get; protected set; }

    /// <summary>What the reader refused in the file's layout (merged headers, formulas…), before any row.</summary>
    public IReadOnlyList<ImportProblemInfo> LayoutProblems { get; protected set; } = [];

    /// <summary>How the file was understood, for the person ("CSV, séparateur « ; », encodage Windows-1252").</summary>
    public string Description { get; protected set; } = "";

    /// <summary>Whether every row must have as many cells as the headers (CSV); a spreadsheet's rows end at their last value.</summary>
    public bool FixedWidth { get; protected set; }

    /// <summary>How far into the file the reading is, from 0 to 1, for the time left.</summary>
    public abstract double Fraction { get; }

    public abstract bool Read();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    protected static bool IsBlank(string?[] cells, int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (!string.IsNullOrWhiteSpace(cells[i]))
            {
                return false;
            }
        }

        return true;
    }
}

public sealed record ImportProblemInfo(int Line, string? Column, string Message);

/// <summary>Opens a file by its content and name: XLSX, XLS, CSV (and SIRENE stock files, which are CSV) or JSON.</summary>
public static class TabularFile
{
    /// <summary>Longer cells are refused rather than stored cut: no column of an actor takes more.</summary>
    public const int MaxCellLength = 32_767;

    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    static TabularFile() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Windows1252 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    public static TabularSource Open(string path, string fileName)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            return Open(stream, fileName);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The reader of <paramref name="stream"/> (seekable); it owns the stream.</summary>
    public static TabularSource Open(Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.Length == 0)
        {
            throw new ImportFileException("Le fichier est vide (0 octet) : choisissez le fichier enregistré depuis votre tableur.");
        }

        var head = new byte[8];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var isZip = read >= 4 && head.AsSpan(0, 4).SequenceEqual(ZipMagic);
        var isOle = read >= 8 && head.AsSpan().SequenceEqual(OleMagic);
        if (extension is ".xlsx" or ".xlsm" && !isZip || extension == ".xls" && !isOle && !isZip)
        {
            throw new ImportFileException($"« {fileName} » n'est pas un classeur Excel lisible : son contenu ne correspond pas à l'extension {extension}. " +
                                          "Ouvrez-le dans votre tableur et enregistrez-le à nouveau au format .xlsx, ou en CSV.");
        }

        if (isZip || isOle)
        {
            return new ExcelSource(stream, fileName, isZip);
        }

        if (extension == ".json" || extension == "" && StartsLikeJson(stream))
        {
            return new JsonSource(stream);
        }

        if (extension is not ("" or ".csv" or ".txt" or ".tsv"))
        {
            throw new ImportFileException($"Le format « {extension} » n'est pas pris en charge : importez un fichier .xlsx, .xls, .csv ou .json.");
        }

        return new CsvSource(stream);
    }

    /// <summary>Whether the first character after white space (and a BOM) opens a JSON array.</summary>
    private static bool StartsLikeJson(Stream stream)
    {
        var head = new byte[256];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        var text = head.AsSpan(0, read);
        if (text.StartsWith("\uFEFF"u8))
        {
            text = text[3..];
        }

        text = text.TrimStart(" \t\r\n"u8);
        return text.Length > 0 && text[0] == (byte)'[';
    }
}

/// <summary>
/// CSV as French Excel and INSEE write it: separator sniffed on the first line (« ; », « , » or tabulation),
/// UTF-8 with or without BOM, or Windows-1252 when the start of the file is not valid UTF-8.
/// </summary>
internal sealed class CsvSource : TabularSource
{
    private const int SniffBytes = 64 * 1024;
    private readonly Stream _stream;
    private readonly StreamReader _text;
    private readonly CsvRecordReader _csv;
    private readonly string _encodingName;

    public CsvSource(Stream stream)
    {
        _stream = stream;
        var sample = new byte[SniffBytes];
        var length = stream.ReadAtLeast(sample, SniffBytes, throwOnEndOfStream: false);
        stream.Position = 0;
        var bytes = sample.AsSpan(0, length);
        if (bytes.StartsWith(new byte[] { 0xFF, 0xFE }) || bytes.StartsWith(new byte[] { 0xFE, 0xFF }) || LooksLikeUtf16(bytes))
        {
            throw new ImportFileException("Le fichier est encodé en UTF-16 (« Texte Unicode » d'Excel), que l'import ne lit pas : " +
                                          "enregistrez-le en « CSV UTF-8 (délimité par des virgules) » ou en .xlsx.");
        }

        if (bytes.IndexOf((byte)0) >= 0)
        {
            throw new ImportFileException("Le fichier contient des octets nuls : ce n'est pas un fichier texte CSV. Importez un .csv, .xlsx ou .xls.");
        }

        Encoding encoding;
        if (bytes.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }) || IsUtf8(bytes, cutAtEnd: length == SniffBytes))
        {
            // A Windows-1252 byte met after the sample becomes U+FFFD, which the reader refuses with its line.
            encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
            _encodingName = "UTF-8";
        }
        else
        {
            encoding = TabularFile.Windows1252;
            _encodingName = "Windows-1252";
        }

        var firstLine = FirstLine((_encodingName == "UTF-8" ? Encoding.UTF8 : encoding).GetString(bytes));
        var delimiter = SniffDelimiter(firstLine);
        _text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, 1 << 16);
        _csv = new CsvRecordReader(_text, delimiter[0], refuseReplacement: _encodingName == "UTF-8");
        FixedWidth = true;
        Description = $"CSV, séparateur « {(delimiter == "\t" ? "tabulation" : delimiter)} », encodage {_encodingName}";
        ReadHeaders();
    }

    public override double Fraction => _stream.Length == 0 ? 1 : (double)_stream.Position / _stream.Length;

    public override bool Read()
    {
        while (Next())
        {
            if (!IsBlank(Cells, Math.Min(CellCount, Cells.Length)) || CellCount > Cells.Length)
            {
                return true;
            }
        }

        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _text.Dispose();
            _stream.Dispose();
        }

        base.Dispose(disposing);
    }

    private void ReadHeaders()
    {
        while (NextRaw(out var record))
        {
            if (record.Any(c => !string.IsNullOrWhiteSpace(c)))
            {
                Headers = [.. record.Select(h => h.Trim())];
                Cells = new string?[Headers.Count];
                return;
            }
        }

        throw new ImportFileException("Le fichier ne contient aucune ligne : il faut au moins une ligne d'en-têtes puis une ligne par acteur.");
    }

    private bool Next()
    {
        if (!NextRaw(out var record))
        {
            return false;
        }

        CellCount = record.Length;
        for (var i = 0; i < Cells.Length; i++)
        {
            Cells[i] = i < record.Length ? Maillage.Actors.Transfer.CsvSheetWriter.Restore(record[i]) : null;
        }

        return true;
    }

    private bool NextRaw(out string[] record)
    {
        if (!_csv.Read())
        {
            record = [];
            return false;
        }

        Line = _csv.Line;
        record = _csv.Record;
        return true;
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    private static string SniffDelimiter(string line)
    {
        var semicolons = line.Count(c => c == ';');
        var commas = line.Count(c => c == ',');
        var tabs = line.Count(c => c == '\t');
        return tabs > semicolons && tabs > commas ? "\t" : semicolons >= commas && semicolons > 0 ? ";" : commas > 0 ? "," : ";";
    }

    private static bool LooksLikeUtf16(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4)
        {
            return false;
        }

        var zeros = 0;
        var count = Math.Min(bytes.Length, 200);
        for (var i = 1; i < count; i += 2)
        {
            zeros += bytes[i] == 0 || bytes[i - 1] == 0 ? 1 : 0;
        }

        return zeros > count / 4;
    }

    /// <summary>Whether the sample is valid UTF-8; a sequence cut by the end of the sample does not count as invalid.</summary>
    private static bool IsUtf8(ReadOnlySpan<byte> bytes, bool cutAtEnd)
    {
        var status = System.Text.Unicode.Utf8.ToUtf16(bytes, new char[bytes.Length].AsSpan(), out var consumed, out _, replaceInvalidSequences: false, isFinalBlock: !cutAtEnd);
        return status == System.Buffers.OperationStatus.Done || (cutAtEnd && status == System.Buffers.OperationStatus.NeedMoreData && bytes.Length - consumed < 4);
    }
}

/// <summary>
/// The first sheet of an XLSX or XLS workbook, through ExcelDataReader (it streams the sheet's XML). Numbers come
/// back as Excel shows them without thousands separators; merged header cells are refused.
/// </summary>
internal sealed class ExcelSource : TabularSource
{
    private readonly IExcelDataReader _reader;
    private readonly Stream _stream;

    public ExcelSource(Stream stream, string fileName, bool isZip)
    {
        _stream = stream;
        var problems = new List<ImportProblemInfo>();
        if (isZip)
        {
            problems.AddRange(XlsxInspection.FindFormulas(stream, fileName));
            stream.Position = 0;
        }

        try
        {
            _reader = isZip
                ? ExcelReaderFactory.CreateOpenXmlReader(stream, new ExcelReaderConfiguration { LeaveOpen = true })
                : ExcelReaderFactory.CreateBinaryReader(stream, new ExcelReaderConfiguration { LeaveOpen = true, FallbackEncoding = TabularFile.Windows1252 });
        }
        catch (Exception e) when (e is not ImportFileException and not OutOfMemoryException)
        {
            throw Unreadable(fileName);
        }

        Description = (isZip ? "Classeur Excel (.xlsx)" : "Classeur Excel 97-2003 (.xls)") + $", feuille « {_reader.Name} »";
        ReadHeaders(fileName);
        foreach (var merged in _reader.MergeCells ?? [])
        {
            if (merged.FromRow <= HeaderRowIndex && merged.ToRow >= HeaderRowIndex)
            {
                problems.Add(new ImportProblemInfo(HeaderRowIndex + 1, null,
                    $"Ligne {HeaderRowIndex + 1} : des cellules d'en-tête sont fusionnées (colonnes {ColumnName(merged.FromColumn)} à {ColumnName(merged.ToColumn)}). " +
                    "Défusionnez-les pour que chaque colonne ait son propre en-tête."));
            }
        }

        LayoutProblems = problems;
    }

    private int HeaderRowIndex { get; set; }

    public override double Fraction => _reader.RowCount == 0 ? 1 : Math.Min(1, (double)Line / _reader.RowCount);

    public override bool Read()
    {
        while (Next())
        {
            if (!IsBlank(Cells, Cells.Length) || CellCount > Cells.Length)
            {
                return true;
            }
        }

        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reader.Dispose();
            _stream.Dispose();
        }

        base.Dispose(disposing);
    }

    private static ImportFileException Unreadable(string fileName) =>
        new($"« {fileName} » n'est pas un classeur Excel lisible (fichier abîmé ou d'un autre format). " +
            "Ouvrez-le dans votre tableur et enregistrez-le à nouveau au format .xlsx, ou en CSV.");

    private void ReadHeaders(string fileName)
    {
        var row = -1;
        try
        {
            while (_reader.Read())
            {
                row++;
                var headers = new string[_reader.FieldCount];
                var any = false;
                for (var i = 0; i < headers.Length; i++)
                {
                    headers[i] = Text(_reader.GetValue(i))?.Trim() ?? "";
                    any |= headers[i].Length > 0;
                }

                if (any)
                {
                    var last = Array.FindLastIndex(headers, h => h.Length > 0);
                    Headers = headers[..(last + 1)];
                    Cells = new string?[Headers.Count];
                    HeaderRowIndex = row;
                    Line = row + 1;
                    return;
                }
            }
        }
        catch (Exception e) when (e is not ImportFileException and not OutOfMemoryException)
        {
            throw Unreadable(fileName);
        }

        throw new ImportFileException("La première feuille du classeur ne contient aucune ligne : il faut une ligne d'en-têtes puis une ligne par acteur.");
    }

    private bool Next()
    {
        if (!_reader.Read())
        {
            return false;
        }

        Line++;
        var count = _reader.FieldCount;
        CellCount = 0;
        for (var i = 0; i < Cells.Length; i++)
        {
            Cells[i] = i < count ? Text(_reader.GetValue(i)) : null;
            if (Cells[i] is { Length: > 0 })
            {
                CellCount = i + 1;
            }
        }

        for (var i = Cells.Length; i < count; i++)
        {
            if (Text(_reader.GetValue(i)) is { Length: > 0 })
            {
                CellCount = i + 1;
            }
        }

        return true;
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        double d => d.ToString("0.###############", CultureInfo.InvariantCulture),
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : t.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture),
        bool b => b ? "VRAI" : "FAUX",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    internal static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + (n - 1) % 26) + name;
        }

        return name;
    }
}
