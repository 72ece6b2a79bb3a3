using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Maillage.Accounts;

internal static class SignInMessages
{
    public static string LockedOut(IStringLocalizer localizer, LockoutOptions lockout) =>
        localizer["Après {0} tentatives infructueuses, ce compte est verrouillé pendant {1} minutes. Réessayez plus tard, ou demandez à un administrateur de le déverrouiller.",
            lockout.MaxFailedAccessAttempts, (int)lockout.DefaultLockoutTimeSpan.TotalMinutes];
}
