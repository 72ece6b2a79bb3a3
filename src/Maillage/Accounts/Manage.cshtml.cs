using System.ComponentModel.DataAnnotations;
using Maillage.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Maillage.Accounts;

/// <summary>The signed-in person's own account: profile, password, second factor and API tokens.</summary>
public sealed class ManageModel(
    AppDbContext db,
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed class ProfileInput
    {
        [StringLength(200, ErrorMessage = "Le nom affiché ne doit pas dépasser 200 caractères.")]
        public string? DisplayName { get; set; }
    }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Indiquez votre mot de passe actuel.")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Choisissez un nouveau mot de passe.")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Confirmez le nouveau mot de passe.")]
        [Compare(nameof(NewPassword), ErrorMessage = "Les deux mots de passe ne correspondent pas.")]
        public string ConfirmPassword { get; set; } = "";
    }

    public sealed class TokenInput
    {
        [Required(ErrorMessage = "Donnez un nom au jeton.")]
        [StringLength(100, ErrorMessage = "Le nom du jeton ne doit pas dépasser 100 caractères.")]
        public string Name { get; set; } = "";
    }

    public sealed record TokenRow(Guid Id, string Name, string Hint, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

    private AppUser _user = null!;

    public ProfileInput Profile { get; set; } = new();
    public PasswordInput Password { get; set; } = new();
    public TokenInput Token { get; set; } = new();

    public string Email { get; private set; } = "";
    public bool TwoFactorEnabled { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public IReadOnlyList<TokenRow> Tokens { get; private set; } = [];

    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Shown once, right after creation; only its hash is stored.</summary>
    [TempData]
    public string? NewTokenSecret { get; set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            context.Result = Challenge();
            return;
        }

        _user = user;
        Profile = new ProfileInput { DisplayName = user.DisplayName };
        var executed = await next();
        // Whichever handler renders the page (a GET, or a form sent back with its errors) needs the same data.
        if (executed.Result is PageResult)
        {
            await LoadAsync(HttpContext.RequestAborted);
        }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostProfileAsync([FromForm(Name = nameof(Profile))] ProfileInput profile)
    {
        Profile = profile;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        _user.DisplayName = string.IsNullOrWhiteSpace(profile.DisplayName) ? null : profile.DisplayName.Trim();
        (await users.UpdateAsync(_user)).ThrowIfFailed();
        await signIn.RefreshSignInAsync(_user);
        StatusMessage = localizer["Votre profil a été enregistré."];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPasswordAsync([FromForm(Name = nameof(Password))] PasswordInput password)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await users.ChangePasswordAsync(_user, password.CurrentPassword, password.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                    ? $"{nameof(Password)}.{nameof(PasswordInput.CurrentPassword)}"
                    : $"{nameof(Password)}.{nameof(PasswordInput.NewPassword)}";
                ModelState.AddModelError(field, error.Description);
            }

            return Page();
        }

        // The password change renewed the security stamp: without this, this very session would end within a minute.
        await signIn.RefreshSignInAsync(_user);
        StatusMessage = localizer["Votre mot de passe a été modifié. Vos sessions ouvertes ailleurs seront fermées d'ici une minute."];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCreateTokenAsync([FromForm(Name = nameof(Token))] TokenInput token, CancellationToken cancellationToken)
    {
        Token = token;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (created, secret) = PersonalAccessToken.Create(_user.Id, token.Name, time.GetUtcNow().UtcDateTime);
        db.PersonalAccessTokens.Add(created);
        await db.SaveChangesAsync(cancellationToken);
        NewTokenSecret = secret;
        StatusMessage = localizer["Le jeton « {0} » a été créé.", created.Name];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeTokenAsync(Guid tokenId, CancellationToken cancellationToken)
    {
        var token = await db.PersonalAccessTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == _user.Id, cancellationToken);
        if (token is null)
        {
            return NotFound();
        }

        token.Revoke(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        StatusMessage = localizer["Le jeton « {0} » a été révoqué : il ne donne plus accès à l'API.", token.Name];
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Email = _user.Email ?? _user.UserName ?? "";
        TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(_user);
        RecoveryCodesLeft = TwoFactorEnabled ? await users.CountRecoveryCodesAsync(_user) : 0;
        Tokens = await db.PersonalAccessTokens.AsNoTracking()
            .Where(t => t.UserId == _user.Id)
            .OrderBy(t => t.RevokedAt != null).ThenByDescending(t => t.CreatedAt)
            .Select(t => new TokenRow(t.Id, t.Name, t.Hint, t.CreatedAt, t.LastUsedAt, t.RevokedAt))
            .Take(200)
            .ToListAsync(cancellationToken);
    }
}
