using System.ComponentModel.DataAnnotations;
using Maillage.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Maillage.Accounts;

[EnableRateLimiting(WebSetup.LoginRateLimit)]
public sealed class LoginRecoveryCodeModel(SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> localizer, ILogger<LoginRecoveryCodeModel> logger)
    : PageModel
{
    public sealed class RecoveryInput
    {
        [Required(ErrorMessage = "Saisissez un code de secours.")]
        [StringLength(50, ErrorMessage = "Ce code de secours n'est pas valide.")]
        public string RecoveryCode { get; set; } = "";
    }

    [BindProperty]
    public RecoveryInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect("/connexion") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return Redirect("/connexion");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = Input.RecoveryCode.Replace(" ", "", StringComparison.Ordinal).Trim();
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            logger.LogInformation("Le compte {UserId} s'est connecté avec un code de secours.", user.Id);
            return LocalRedirect(ReturnUrls.Safe(Url, ReturnUrl));
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? SignInMessages.LockedOut(localizer, signIn.Options.Lockout)
            : localizer["Ce code de secours n'est pas valide, ou il a déjà servi."]);
        return Page();
    }
}
