using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Maillage.Browser.Infrastructure;

/// <summary>
/// What an authenticator app does (RFC 6238 over RFC 4226: HMAC-SHA1, 30-second steps, 6 digits), written here
/// so that the journey proves the key shown on the page works in any such app.
/// </summary>
public static class Totp
{
    private const string Base32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Code(string base32Key, DateTimeOffset at)
    {
        var counter = at.ToUnixTimeSeconds() / 30;
        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, counter);
        // SHA-1 is what RFC 6238 and every authenticator app use; here it is an HMAC, not a signature.
#pragma warning disable CA5350
        var hash = HMACSHA1.HashData(Base32Decode(base32Key), message);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7FFFFFFF) % 1_000_000;
        return binary.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Decodes the key as people copy it: any case, with spaces or dashes between groups, with or without padding.</summary>
    public static byte[] Base32Decode(string text)
    {
        var output = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text)
        {
            if (c is ' ' or '-' or '=')
            {
                continue;
            }

            var value = Base32Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"« {c} » n'est pas un caractère base32.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return [.. output];
    }
}
