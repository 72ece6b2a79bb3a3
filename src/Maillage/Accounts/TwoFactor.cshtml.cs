using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace Maillage.Accounts;

/// <summary>Second factor by TOTP (an authenticator application), with single-use recovery codes.</summary>
public sealed class TwoFactorModel(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    IStringLocalizer<SharedResource> localizer,
    ILogger<TwoFactorModel> logger) : PageModel
{
    private const string Issuer = "Maillage";
    private const int RecoveryCodeCount = 10;

    public sealed class EnableInput
    {
        [Required(ErrorMessage = "Saisissez le code à 6 chiffres.")]
        [RegularExpression(@"^\s*\d{3}[\s-]?\d{3}\s*$", ErrorMessage = "Le code doit compter 6 chiffres.")]
        public string Code { get; set; } = "";
    }

    public sealed class DisableInput
    {
        [Required(ErrorMessage = "Indiquez votre mot de passe pour confirmer.")]
        public string Password { get; set; } = "";
    }

    private AppUser _user = null!;

    public EnableInput Enable { get; set; } = new();
    public DisableInput Disable { get; set; } = new();

    public string Email { get; private set; } = "";
    public bool TwoFactorEnabled { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public bool MachineRemembered { get; private set; }

    /// <summary>The secret key in groups of four, for typing it by hand.</summary>
    public string FormattedKey { get; private set; } = "";

    public string QrCodeDataUri { get; private set; } = "";

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Shown once, right after they are generated.</summary>
    [TempData]
    public string[]? RecoveryCodes { get; set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            context.Result = Challenge();
            return;
        }

        _user = user;
        var executed = await next();
        if (executed.Result is PageResult)
        {
            await LoadAsync();
        }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostEnableAsync([FromForm(Name = nameof(Enable))] EnableInput enable)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = new string([.. enable.Code.Where(char.IsAsciiDigit)]);
        if (!await users.VerifyTwoFactorTokenAsync(_user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError($"{nameof(Enable)}.{nameof(EnableInput.Code)}",
                localizer["Code incorrect. Vérifiez l'heure de votre téléphone et saisissez le code affiché en ce moment."]);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(_user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(_user, RecoveryCodeCount) ?? []];
        await signIn.RefreshSignInAsync(_user);
        logger.LogInformation("Le compte {UserId} a activé la double authentification.", _user.Id);
        StatusMessage = localizer["La double authentification est activée."];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (!await users.GetTwoFactorEnabledAsync(_user))
        {
            return RedirectToPage();
        }

        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(_user, RecoveryCodeCount) ?? []];
        StatusMessage = localizer["De nouveaux codes de secours ont été générés ; les anciens ne fonctionnent plus."];
        return RedirectToPage();
    }

    /// <summary>A new key before activation, if the previous one may have been seen by someone else.</summary>
    public async Task<IActionResult> OnPostResetKeyAsync()
    {
        if (await users.GetTwoFactorEnabledAsync(_user))
        {
            return RedirectToPage();
        }

        await users.ResetAuthenticatorKeyAsync(_user);
        await signIn.RefreshSignInAsync(_user);
        StatusMessage = localizer["Une nouvelle clé a été générée : scannez le nouveau QR code."];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync([FromForm(Name = nameof(Disable))] DisableInput disable)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Asking for the password keeps a session left open on a shared computer from turning the protection off.
        var check = await signIn.CheckPasswordSignInAsync(_user, disable.Password, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            ModelState.AddModelError($"{nameof(Disable)}.{nameof(DisableInput.Password)}", check.IsLockedOut
                ? SignInMessages.LockedOut(localizer, signIn.Options.Lockout)
                : localizer["Mot de passe incorrect."]);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(_user, false);
        // A new key, so that the application already set up on a phone cannot serve again without a new scan.
        await users.ResetAuthenticatorKeyAsync(_user);
        await signIn.ForgetTwoFactorClientAsync();
        await signIn.RefreshSignInAsync(_user);
        logger.LogInformation("Le compte {UserId} a désactivé la double authentification.", _user.Id);
        StatusMessage = localizer["La double authentification est désactivée."];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostForgetBrowserAsync()
    {
        await signIn.ForgetTwoFactorClientAsync();
        StatusMessage = localizer["Ce navigateur a été oublié : le code sera de nouveau demandé à la prochaine connexion."];
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Email = _user.Email ?? _user.UserName ?? "";
        TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(_user);
        if (TwoFactorEnabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(_user);
            MachineRemembered = await signIn.IsTwoFactorClientRememberedAsync(_user);
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(_user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(_user);
            await signIn.RefreshSignInAsync(_user);
            key = await users.GetAuthenticatorKeyAsync(_user) ?? "";
        }

        FormattedKey = FormatKey(key);
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(Email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        var png = PngByteQRCodeHelper.GetQRCode(uri, QRCodeGenerator.ECCLevel.M, 6, drawQuietZones: true);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(png);
    }

    private static string FormatKey(string key)
    {
        var formatted = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            formatted.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return formatted.ToString().TrimEnd();
    }
}
