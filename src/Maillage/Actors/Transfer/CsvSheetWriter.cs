using System.Text;

namespace Maillage.Actors.Transfer;

/// <summary>
/// CSV as French Excel opens it by a double click: « ; » between cells, UTF-8 with a byte order mark (without it
/// Excel reads Windows-1252 and garbles accents), CRLF line ends, quotes per RFC 4180. A cell that a spreadsheet would
/// run as a formula (starting with = + - @, a tab or a carriage return) is prefixed with an apostrophe (OWASP's
/// advice against CSV injection), which Excel shows as text.
/// </summary>
public sealed class CsvSheetWriter : IDisposable
{
    public const char Separator = ';';
    public const char FormulaGuard = '\'';

    private readonly StreamWriter _writer;
    private bool _firstCell = true;

    public CsvSheetWriter(Stream output)
    {
        _writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true)
        {
            NewLine = "\r\n",
        };
    }

    public static bool LooksLikeFormula(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>
    /// A cell read back from such a file: the apostrophe put before a formula-like value is taken off again, so that
    /// an export re-imports unchanged (a spreadsheet shows the same text either way).
    /// </summary>
    public static string? Restore(string? value) =>
        value is { Length: > 1 } && value[0] == FormulaGuard && LooksLikeFormula(value[1..]) ? value[1..] : value;

    /// <summary>The cell as written: neutralised, then quoted when it holds a separator, a quote or a line break.</summary>
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var text = LooksLikeFormula(value) ? FormulaGuard + value : value;
        return text.AsSpan().IndexOfAny(";\"\r\n") >= 0 || text[0] == ' ' || text[^1] == ' '
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
    }

    public void Cell(string? value)
    {
        if (!_firstCell)
        {
            _writer.Write(Separator);
        }

        _firstCell = false;
        _writer.Write(Escape(value));
    }

    public void EndRow()
    {
        _writer.WriteLine();
        _firstCell = true;
    }

    /// <summary>Pushes the buffered text down to the stream below.</summary>
    public void Flush() => _writer.Flush();

    public void Dispose() => _writer.Dispose();
}
