using System.Text;

namespace Maillage.Imports;

/// <summary>
/// A streaming RFC 4180 reader: quoted cells may hold separators, doubled quotes and line breaks; the line where
/// each record starts is kept for the error messages. Written here rather than with CsvHelper 34, whose
/// rewritten API gives no line numbers (see docs/decisions/0010-imports.md).
/// </summary>
internal sealed class CsvRecordReader(TextReader reader, char delimiter, bool refuseReplacement)
{
    private readonly char[] _buffer = new char[1 << 16];
    private readonly StringBuilder _cell = new();
    private readonly List<string> _cells = [];
    private int _position;
    private int _length;
    private int _line = 1;

    /// <summary>The line where the last record read starts (1 = first line).</summary>
    public int Line { get; private set; }

    public string[] Record { get; private set; } = [];

    public bool Read()
    {
        if (!Fill())
        {
            return false;
        }

        Line = _line;
        _cells.Clear();
        _cell.Clear();
        var quoted = false;
        var wasQuoted = false;
        while (true)
        {
            if (_position >= _length && !Fill())
            {
                if (quoted)
                {
                    throw new ImportFileException($"Ligne {Line} : un guillemet ouvert n'est jamais refermé ; la fin du fichier arrive au milieu d'une cellule.");
                }

                EndCell();
                break;
            }

            var c = _buffer[_position++];
            if (quoted)
            {
                if (c == '"')
                {
                    if (_position >= _length && !Fill())
                    {
                        quoted = false;
                        continue;
                    }

                    if (_buffer[_position] == '"')
                    {
                        _position++;
                        Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        _line++;
                    }

                    Append(c);
                }

                continue;
            }

            if (c == delimiter)
            {
                EndCell();
                wasQuoted = false;
            }
            else if (c == '"' && _cell.Length == 0 && !wasQuoted)
            {
                quoted = wasQuoted = true;
            }
            else if (c == '\r')
            {
                if ((_position < _length || Fill()) && _buffer[_position] == '\n')
                {
                    _position++;
                }

                _line++;
                EndCell();
                break;
            }
            else if (c == '\n')
            {
                _line++;
                EndCell();
                break;
            }
            else
            {
                Append(c);
            }
        }

        Record = [.. _cells];
        return true;
    }

    private void Append(char c)
    {
        if (c == '\uFFFD' && refuseReplacement)
        {
            throw new ImportFileException($"Ligne {_line} : le fichier mélange deux encodages (UTF-8 au début, puis des caractères " +
                                          "d'un autre encodage, sans doute Windows-1252). Enregistrez-le à nouveau en « CSV UTF-8 » depuis votre tableur.");
        }

        if (_cell.Length >= TabularFile.MaxCellLength)
        {
            throw new ImportFileException($"Ligne {Line} : une cellule dépasse {TabularFile.MaxCellLength} caractères, la limite d'une cellule Excel ; " +
                                          "vérifiez qu'un guillemet n'est pas resté ouvert.");
        }

        _cell.Append(c);
    }

    private void EndCell()
    {
        _cells.Add(_cell.Length == 0 ? "" : _cell.ToString());
        _cell.Clear();
    }

    private bool Fill()
    {
        if (_position < _length)
        {
            return true;
        }

        _length = reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0;
    }
}
