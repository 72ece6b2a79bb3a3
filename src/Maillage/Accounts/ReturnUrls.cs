using Microsoft.AspNetCore.Mvc;

namespace Maillage.Accounts;

internal static class ReturnUrls
{
    /// <summary>
    /// Where to go after signing in: only a path of this site (no open redirect), and never back to the sign-out page.
    /// </summary>
    public static string Safe(IUrlHelper url, string? returnUrl) =>
        url.IsLocalUrl(returnUrl) && !returnUrl.StartsWith("/deconnexion", StringComparison.OrdinalIgnoreCase) ? returnUrl : "/";
}
