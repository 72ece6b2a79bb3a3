using System.Security.Cryptography;
using System.Text;

namespace Maillage.Accounts;

/// <summary>A token for the JSON API. Only its SHA-256 hash is stored; the token itself is shown once.</summary>
public sealed class PersonalAccessToken
{
    public const string Prefix = "mlg_";

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public required string UserId { get; init; }
    public required string Name { get; init; }
    public required string Hash { get; init; }

    /// <summary>The first characters, to recognise a token in the list without revealing it.</summary>
    public required string Hint { get; init; }

    public DateTime CreatedAt { get; init; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    public static (PersonalAccessToken Token, string Secret) Create(string userId, string name, DateTime now)
    {
        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var token = new PersonalAccessToken
        {
            UserId = userId,
            Name = name.Trim(),
            Hash = HashOf(secret),
            Hint = secret[..10],
            CreatedAt = now,
        };
        return (token, secret);
    }

    public static string HashOf(string secret) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public void Revoke(DateTime now) => RevokedAt ??= now;
}
