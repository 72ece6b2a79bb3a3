using System.ComponentModel.DataAnnotations;
using Maillage.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace Maillage.Accounts;

[EnableRateLimiting(WebSetup.LoginRateLimit)]
public sealed class LoginModel(
    SignInManager<AppUser> signIn,
    UnknownAccountAttempts unknownAccounts,
    IStringLocalizer<SharedResource> localizer,
    ILogger<LoginModel> logger) : PageModel
{
    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Indiquez votre adresse électronique.")]
        [StringLength(256, ErrorMessage = "L'adresse électronique est trop longue.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Indiquez votre mot de passe.")]
        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(ReturnUrls.Safe(Url, ReturnUrl)) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email.Trim();
        var user = await signIn.UserManager.FindByEmailAsync(email);
        if (user is null)
        {
            var locked = unknownAccounts.IsLockedOut(email) || unknownAccounts.Fail(email, Input.Password);
            return Refuse(locked);
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(ReturnUrls.Safe(Url, ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return Redirect(QueryHelpers.AddQueryString("/connexion/second-facteur", new Dictionary<string, string?>
            {
                ["ReturnUrl"] = ReturnUrls.Safe(Url, ReturnUrl),
                ["RememberMe"] = Input.RememberMe ? "true" : "false",
            }));
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Connexion refusée : le compte {UserId} est verrouillé.", user.Id);
        }

        return Refuse(result.IsLockedOut);
    }

    private PageResult Refuse(bool lockedOut)
    {
        ModelState.AddModelError(string.Empty, lockedOut
            ? SignInMessages.LockedOut(localizer, signIn.Options.Lockout)
            : localizer["Adresse ou mot de passe incorrect."]);
        return Page();
    }
}
