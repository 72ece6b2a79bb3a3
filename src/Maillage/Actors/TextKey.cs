using System.Globalization;
using System.Text;

namespace Maillage.Actors;

/// <summary>
/// The searchable form of a text: lower case, accents and ligatures folded, every run of other characters turned
/// into one space. Names, acronyms and competences are stored in this form so that the database compares them
/// byte by byte, with the same result on SQLite and PostgreSQL, and with an index.
/// </summary>
public static class TextKey
{
    /// <summary>Greater than every character a key may hold: <c>key &lt; prefix + Last</c> bounds a prefix search.</summary>
    public const char Last = '\uFFFD';

    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            // Letters outside the basic plane (surrogates) are dropped: they would break the prefix bound above.
            var folded = ch switch
            {
                'œ' or 'Œ' => "oe",
                'æ' or 'Æ' => "ae",
                'ß' => "ss",
                _ when char.IsLetterOrDigit(ch) && !char.IsSurrogate(ch) && ch < Last => null,
                _ => "",
            };
            if (folded == "")
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            if (folded is null)
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
            else
            {
                sb.Append(folded);
            }
        }

        return sb.ToString();
    }

    /// <summary>The key without its spaces, to compare "Cap Emploi" with "CapEmploi".</summary>
    public static string Compact(string key) => key.Replace(" ", "", StringComparison.Ordinal);

    /// <summary>A code made from a label, for a territory's own subtypes and relation types: "Club de DRH" → "club-de-drh".</summary>
    public static string Slug(string label) => Normalize(label).Replace(' ', '-');
}
