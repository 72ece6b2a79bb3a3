using Microsoft.AspNetCore.Identity;

namespace Maillage.Accounts;

internal static class IdentityResults
{
    /// <summary>Turns Identity's (French) errors into a domain error, shown beside the form by the page filter.</summary>
    public static void ThrowIfFailed(this IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
