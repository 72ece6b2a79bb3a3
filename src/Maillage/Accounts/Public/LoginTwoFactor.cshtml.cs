using System.ComponentModel.DataAnnotations;
using Maillage.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Maillage.Accounts;

[EnableRateLimiting(WebSetup.LoginRateLimit)]
public sealed class LoginTwoFactorModel(SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed class TwoFactorInput
    {
        [Required(ErrorMessage = "Saisissez le code à 6 chiffres.")]
        [RegularExpression(@"^\s*\d{3}[\s-]?\d{3}\s*$", ErrorMessage = "Le code doit compter 6 chiffres.")]
        public string Code { get; set; } = "";

        public bool RememberMachine { get; set; }
    }

    [BindProperty]
    public TwoFactorInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect("/connexion") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return Redirect("/connexion");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = new string([.. Input.Code.Where(char.IsAsciiDigit)]);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, Input.RememberMachine);
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrls.Safe(Url, ReturnUrl));
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? SignInMessages.LockedOut(localizer, signIn.Options.Lockout)
            : localizer["Code incorrect. Vérifiez l'heure de votre téléphone et saisissez le code affiché en ce moment."]);
        return Page();
    }
}
