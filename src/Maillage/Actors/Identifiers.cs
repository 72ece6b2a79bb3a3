namespace Maillage.Actors;

/// <summary>Checks of the French legal identifiers of an organisation.</summary>
public static class Identifiers
{
    /// <summary>La Poste's SIREN: its establishments' SIRETs follow a different check (sum of digits divisible by 5).</summary>
    public const string LaPosteSiren = "356000000";

    /// <summary>Removes the spaces, dots and dashes people type in identifiers ("123 456 789").</summary>
    public static string Clean(string? value) =>
        string.Concat((value ?? "").Where(c => !char.IsWhiteSpace(c) && c is not '.' and not '-')).ToUpperInvariant();

    public static bool IsValidSiren(string? value)
    {
        var siren = Clean(value);
        return siren.Length == 9 && siren.All(char.IsAsciiDigit) && Luhn(siren);
    }

    public static bool IsValidSiret(string? value)
    {
        var siret = Clean(value);
        if (siret.Length != 14 || !siret.All(char.IsAsciiDigit))
        {
            return false;
        }

        if (siret.StartsWith(LaPosteSiren, StringComparison.Ordinal))
        {
            return Luhn(siret) || siret.Sum(c => c - '0') % 5 == 0;
        }

        return IsValidSiren(siret[..9]) && Luhn(siret);
    }

    /// <summary>RNA number of an association: <c>W</c> followed by 9 characters (département code then digits).</summary>
    public static bool IsValidRna(string? value)
    {
        var rna = Clean(value);
        if (rna.Length != 10 || rna[0] != 'W')
        {
            return false;
        }

        var corsica = rna[1] == '2' && rna[2] is 'A' or 'B';
        return (corsica ? rna[3..] : rna[1..]).All(char.IsAsciiDigit);
    }

    /// <summary>The Luhn checksum used by INSEE for SIREN and SIRET.</summary>
    public static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }

    /// <summary>The check digit that makes <paramref name="digitsWithoutKey"/> pass Luhn (used to generate test data).</summary>
    public static int LuhnKey(string digitsWithoutKey)
    {
        for (var key = 0; key <= 9; key++)
        {
            if (Luhn(digitsWithoutKey + (char)('0' + key)))
            {
                return key;
            }
        }

        throw new InvalidOperationException("Aucune clé de Luhn possible.");
    }
}
