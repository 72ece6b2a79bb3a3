using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Maillage.Accounts;

/// <summary>
/// Makes a sign-in with an address that has no account behave like one with a wrong password: the same hashing
/// time, and after the same number of failures the same "locked" answer. Otherwise the lockout message would tell
/// which addresses have an account.
/// </summary>
public sealed class UnknownAccountAttempts : IDisposable
{
    // Bounded, so that trying millions of addresses cannot fill the memory; beyond it they simply never "lock".
    private readonly MemoryCache _failures = new(new MemoryCacheOptions { SizeLimit = 10_000 });
    private readonly LockoutOptions _lockout;
    private readonly PasswordHasher<AppUser> _hasher;
    private readonly TimeProvider _time;
    private readonly Lazy<string> _dummyHash;

    public UnknownAccountAttempts(IOptions<IdentityOptions> identity, IOptions<PasswordHasherOptions> hashing, TimeProvider time)
    {
        _lockout = identity.Value.Lockout;
        var hasher = new PasswordHasher<AppUser>(hashing);
        _hasher = hasher;
        _time = time;
        _dummyHash = new Lazy<string>(() => hasher.HashPassword(new AppUser(), Guid.NewGuid().ToString()));
    }

    public bool IsLockedOut(string email) =>
        _failures.TryGetValue(Key(email), out Counter? counter) && counter!.LockedUntil > _time.GetUtcNow();

    /// <summary>Spends the time a real password check takes, counts the failure, and says whether it now locks.</summary>
    public bool Fail(string email, string password)
    {
        _hasher.VerifyHashedPassword(new AppUser(), _dummyHash.Value, password);
        var counter = _failures.GetOrCreate(Key(email), entry =>
        {
            entry.Size = 1;
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromDays(1);
            return new Counter();
        })!;
        lock (counter)
        {
            counter.Failures++;
            if (counter.Failures < _lockout.MaxFailedAccessAttempts)
            {
                return false;
            }

            counter.Failures = 0;
            counter.LockedUntil = _time.GetUtcNow() + _lockout.DefaultLockoutTimeSpan;
            return true;
        }
    }

    public void Dispose() => _failures.Dispose();

    private static string Key(string email) => email.Trim().ToUpperInvariant();

    private sealed class Counter
    {
        public int Failures { get; set; }
        public DateTimeOffset LockedUntil { get; set; }
    }
}
