using Microsoft.AspNetCore.Identity;

namespace Maillage.Accounts;

public sealed class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>An installation administrator creates territories, sees them all and manages accounts.</summary>
    public bool IsAdministrator { get; set; }

    public DateTime CreatedAt { get; set; }

    public string Label => string.IsNullOrWhiteSpace(DisplayName) ? Email ?? UserName ?? Id : DisplayName;
}
