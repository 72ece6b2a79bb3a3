using System.Globalization;
using System.Text;
using System.Text.Json;
using Maillage.Actors.Transfer;

namespace Maillage.Imports;

/// <summary>
/// A JSON array of actors, as the JSON export writes it (the API's field names), read one object at a time: each
/// object is a row, its fields the columns. Lists (competences, modes, perimeter) are joined as the spreadsheet
/// columns write them. The row's "line" is the actor's rank in the array, the only position a one-line file has.
/// </summary>
internal sealed class JsonSource : TabularSource
{
    /// <summary>One actor larger than this is refused rather than buffered without end.</summary>
    private const int MaxObjectBytes = 16 * 1024 * 1024;

    /// <summary>Fields the export writes that the import does not read: the app's own id, version and dates.</summary>
    private static readonly string[] ExportOnly = ["id", "version", "createdAt", "updatedAt"];

    private readonly Stream _stream;
    private readonly Dictionary<string, int> _positions;
    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _final;
    private bool _done;
    private JsonReaderState _state;

    public JsonSource(Stream stream)
    {
        _stream = stream;
        Headers = [.. ActorColumns.All.Select(c => c.Key), .. ExportOnly];
        _positions = Headers.Select((h, i) => (h, i)).ToDictionary(p => p.h, p => p.i, StringComparer.Ordinal);
        Description = "JSON, un tableau d'acteurs (les champs de l'API) ; « ligne N » désigne le N-ième acteur du tableau";
        _state = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        Fill();
        if (_end - _start >= 3 && _buffer.AsSpan(_start, 3).SequenceEqual("\uFEFF"u8))
        {
            _start += 3;
        }

        if (!Next(startOfArray: true))
        {
            throw new ImportFileException("Le fichier JSON doit être un tableau d'acteurs « [ { … }, { … } ] », comme l'export JSON de Maillage.");
        }
    }

    public override double Fraction => _stream.Length == 0 ? 1 : (double)(_stream.Position - (_end - _start)) / _stream.Length;

    public override bool Read()
    {
        if (_done)
        {
            return false;
        }

        Line++;
        if (Next(startOfArray: false))
        {
            return true;
        }

        _done = true;
        return false;
    }

    /// <summary>
    /// Reads the array's opening bracket, or one object into <see cref="TabularSource.Cells"/>. An object cut by the
    /// end of the buffer is read again from its start once more bytes are in: the reader's state is kept only
    /// past a whole object.
    /// </summary>
    private bool Next(bool startOfArray)
    {
        while (true)
        {
            var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
            bool? found;
            try
            {
                found = startOfArray ? ReadStart(ref reader) : ReadObject(ref reader);
            }
            catch (JsonException e)
            {
                throw new ImportFileException(
                    $"Le fichier JSON est mal formé ou incomplet (ligne {e.LineNumber + 1}, position {e.BytePositionInLine + 1}" +
                    (startOfArray ? "" : $", acteur n° {Line}") + ") : vérifiez les guillemets, virgules et crochets, ou exportez-le à nouveau.");
            }

            if (found is { } complete)
            {
                _start += (int)reader.BytesConsumed;
                _state = reader.CurrentState;
                return complete;
            }

            // At the end of the file the reader throws on a cut value rather than asking for more bytes; this guard
            // only keeps a reader that would not from asking forever.
            if (_final)
            {
                throw new ImportFileException("Le fichier JSON est incomplet : il s'arrête avant la fin du tableau.");
            }

            Fill();
        }
    }

    /// <summary>True at the array's start, false for anything else; null when more bytes are needed.</summary>
    private static bool? ReadStart(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType == JsonTokenType.StartArray : null;

    /// <summary>True with a row read, false at the array's end; null when more bytes are needed.</summary>
    private bool? ReadObject(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.EndArray)
        {
            return false;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ImportFileException($"Acteur n° {Line} : le tableau doit contenir des objets « {{ \"name\": … }} », pas {Kind(reader.TokenType)}.");
        }

        var cells = new string?[Headers.Count];
        var count = 0;
        while (true)
        {
            if (!reader.Read())
            {
                return null;
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                break;
            }

            var name = reader.GetString()!;
            if (!_positions.TryGetValue(name, out var position))
            {
                throw new ImportFileException($"Acteur n° {Line} : le champ « {name} » n'est pas un champ d'acteur. " +
                                              $"Champs reconnus : {string.Join(", ", ActorColumns.All.Select(c => c.Key))}.");
            }

            if (!reader.Read())
            {
                return null;
            }

            if (ReadValue(ref reader, name) is not { } value)
            {
                return null;
            }

            cells[position] = value.Text;
            count = Math.Max(count, position + 1);
        }

        Cells = cells;
        CellCount = count;
        return true;
    }

    private readonly record struct Value(string? Text);

    /// <summary>The field's value as a cell; a list joined as the spreadsheet column writes it. Null when more bytes are needed.</summary>
    private Value? ReadValue(ref Utf8JsonReader reader, string name)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return new Value(null);
            case JsonTokenType.String:
                return new Value(Cell(reader.GetString()!, name));
            case JsonTokenType.Number:
            case JsonTokenType.True:
            case JsonTokenType.False:
                return new Value(Encoding.UTF8.GetString(reader.ValueSpan));
            case JsonTokenType.StartArray:
                var items = new List<string>();
                while (true)
                {
                    if (!reader.Read())
                    {
                        return null;
                    }

                    if (reader.TokenType == JsonTokenType.EndArray)
                    {
                        break;
                    }

                    items.Add(reader.TokenType switch
                    {
                        JsonTokenType.String => reader.GetString()!,
                        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                        _ => throw new ImportFileException($"Acteur n° {Line}, champ « {name} » : la liste doit contenir des textes, pas {Kind(reader.TokenType)}."),
                    });
                }

                var separator = name switch
                {
                    ActorColumns.Competences => ActorColumns.CompetenceSeparator,
                    ActorColumns.Perimeter => " ",
                    _ => ActorColumns.ListSeparator,
                };
                return new Value(items.Count == 0 ? null : Cell(string.Join(separator, items), name));
            default:
                throw new ImportFileException($"Acteur n° {Line}, champ « {name} » : attendu un texte, un nombre ou une liste, pas {Kind(reader.TokenType)}.");
        }
    }

    private string Cell(string text, string name) =>
        text.Length <= TabularFile.MaxCellLength ? text
            : throw new ImportFileException($"Acteur n° {Line}, champ « {name} » : le texte dépasse {TabularFile.MaxCellLength.ToString("N0", CultureInfo.GetCultureInfo("fr-FR"))} caractères, " +
                                            "la limite d'une cellule Excel ; raccourcissez-le.");

    private static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "un objet",
        JsonTokenType.StartArray => "une liste",
        JsonTokenType.String => "un texte",
        JsonTokenType.Number => "un nombre",
        JsonTokenType.True or JsonTokenType.False => "un booléen",
        JsonTokenType.Null => "null",
        _ => "autre chose",
    };

    /// <summary>Moves the unread bytes to the front and reads more after them, growing the buffer when one object fills it.</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxObjectBytes)
            {
                throw new ImportFileException($"L'acteur n° {Math.Max(Line, 1)} du fichier JSON dépasse {MaxObjectBytes / (1024 * 1024)} Mo : ce n'est pas un acteur.");
            }

            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += read;
        _final = read == 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stream.Dispose();
        }

        base.Dispose(disposing);
    }
}
