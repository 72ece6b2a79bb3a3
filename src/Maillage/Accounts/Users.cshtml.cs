using System.ComponentModel.DataAnnotations;
using Maillage.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Maillage.Accounts;

/// <summary>Accounts of the installation, for its administrators.</summary>
public sealed class UsersModel(
    AppDbContext db,
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    SetupState setup,
    TimeProvider time,
    IStringLocalizer<SharedResource> localizer,
    ILogger<UsersModel> logger) : PageModel
{
    public const int PageSize = 25;

    public sealed class CreateInput
    {
        [Required(ErrorMessage = "Indiquez l'adresse électronique.")]
        [EmailAddress(ErrorMessage = "Cette adresse électronique n'est pas valide.")]
        [StringLength(256, ErrorMessage = "L'adresse électronique est trop longue.")]
        public string Email { get; set; } = "";

        [StringLength(200, ErrorMessage = "Le nom affiché ne doit pas dépasser 200 caractères.")]
        public string? DisplayName { get; set; }

        [Required(ErrorMessage = "Choisissez un mot de passe.")]
        public string Password { get; set; } = "";

        public bool IsAdministrator { get; set; }
    }

    public sealed class ResetPasswordInput
    {
        [Required(ErrorMessage = "Choisissez un nouveau mot de passe.")]
        public string NewPassword { get; set; } = "";
    }

    public sealed record AccountRow(string Id, string Email, string? DisplayName, bool IsAdministrator, bool TwoFactorEnabled,
        DateTimeOffset? LockoutEnd, DateTime CreatedAt);

    private AppUser _me = null!;

    [BindProperty(Name = "q", SupportsGet = true)]
    public string? Query { get; set; }

    // Not "page": Razor Pages keeps that route value for the page's own path.
    [BindProperty(Name = "p", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public int PageCount { get; private set; } = 1;
    public int TotalCount { get; private set; }
    public IReadOnlyList<AccountRow> Accounts { get; private set; } = [];
    public string CurrentUserId => _me.Id;
    public DateTimeOffset Now { get; private set; }

    public CreateInput Create { get; set; } = new();

    /// <summary>The account whose actions stay open, because its form came back with an error.</summary>
    public string? OpenAccountId { get; private set; }

    [TempData]
    public string? StatusMessage { get; set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        // Read from the database rather than the cookie: a right just removed stops working at once.
        var me = await users.GetUserAsync(User);
        if (me is null || !me.IsAdministrator)
        {
            context.Result = Forbid();
            return;
        }

        _me = me;
        var executed = await next();
        if (executed.Result is PageResult)
        {
            await LoadAsync(HttpContext.RequestAborted);
        }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostCreateAsync([FromForm(Name = nameof(Create))] CreateInput create)
    {
        Create = create;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var account = await AccountCommands.CreateAsync(users, time, create.Email, create.Password, create.IsAdministrator, create.DisplayName);
        logger.LogInformation("Compte {UserId} créé par {AdministratorId} (administrateur : {IsAdministrator}).", account.Id, _me.Id, account.IsAdministrator);
        StatusMessage = account.IsAdministrator
            ? localizer["Le compte {0} a été créé, avec les droits d'administrateur de l'installation.", account.Email!]
            : localizer["Le compte {0} a été créé. Transmettez le mot de passe à cette personne par un canal sûr.", account.Email!];
        return BackToList();
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(string userId, [FromForm(Name = "Reset")] ResetPasswordInput reset)
    {
        var account = await users.FindByIdAsync(userId);
        if (account is null)
        {
            return NotFound();
        }

        OpenAccountId = account.Id;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var token = await users.GeneratePasswordResetTokenAsync(account);
        var result = await users.ResetPasswordAsync(account, token, reset.NewPassword);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, localizer["Mot de passe de {0} : {1}", account.Email!, string.Join(" ", result.Errors.Select(e => e.Description))]);
            return Page();
        }

        await users.SetLockoutEndDateAsync(account, null);
        await users.ResetAccessFailedCountAsync(account);
        if (account.Id == _me.Id)
        {
            await signIn.RefreshSignInAsync(account);
        }

        logger.LogInformation("Mot de passe du compte {UserId} réinitialisé par {AdministratorId}.", account.Id, _me.Id);
        StatusMessage = localizer["Le mot de passe de {0} a été réinitialisé et le compte déverrouillé. Ses sessions ouvertes sont fermées ; transmettez le nouveau mot de passe à cette personne par un canal sûr.", account.Email!];
        return BackToList();
    }

    public async Task<IActionResult> OnPostUnlockAsync(string userId)
    {
        var account = await users.FindByIdAsync(userId);
        if (account is null)
        {
            return NotFound();
        }

        (await users.SetLockoutEndDateAsync(account, null)).ThrowIfFailed();
        (await users.ResetAccessFailedCountAsync(account)).ThrowIfFailed();
        StatusMessage = localizer["Le compte {0} a été déverrouillé.", account.Email!];
        return BackToList();
    }

    /// <summary>For a person who lost both the phone and the recovery codes.</summary>
    public async Task<IActionResult> OnPostDisableTwoFactorAsync(string userId)
    {
        var account = await users.FindByIdAsync(userId);
        if (account is null)
        {
            return NotFound();
        }

        (await users.SetTwoFactorEnabledAsync(account, false)).ThrowIfFailed();
        (await users.ResetAuthenticatorKeyAsync(account)).ThrowIfFailed();
        if (account.Id == _me.Id)
        {
            await signIn.RefreshSignInAsync(account);
        }

        logger.LogInformation("Double authentification du compte {UserId} désactivée par {AdministratorId}.", account.Id, _me.Id);
        StatusMessage = localizer["La double authentification de {0} a été désactivée. Invitez cette personne à la réactiver depuis « Mon compte ».", account.Email!];
        return BackToList();
    }

    public Task<IActionResult> OnPostGrantAdministratorAsync(string userId) => SetAdministratorAsync(userId, administrator: true);

    public Task<IActionResult> OnPostRevokeAdministratorAsync(string userId) => SetAdministratorAsync(userId, administrator: false);

    private async Task<IActionResult> SetAdministratorAsync(string userId, bool administrator)
    {
        var account = await users.FindByIdAsync(userId);
        if (account is null)
        {
            return NotFound();
        }

        if (!administrator && account.Id == _me.Id)
        {
            OpenAccountId = account.Id;
            ModelState.AddModelError(string.Empty, localizer["Vous ne pouvez pas retirer vos propres droits d'administrateur : demandez-le à un autre administrateur."]);
            return Page();
        }

        await setup.AdministratorsLock.WaitAsync(HttpContext.RequestAborted);
        try
        {
            if (!administrator && account.IsAdministrator && await db.Users.CountAsync(u => u.IsAdministrator, HttpContext.RequestAborted) <= 1)
            {
                OpenAccountId = account.Id;
                ModelState.AddModelError(string.Empty, localizer["{0} est le dernier administrateur de l'installation : nommez d'abord un autre administrateur.", account.Email!]);
                return Page();
            }

            account.IsAdministrator = administrator;
            // Saves the change and renews the security stamp, so the person's sessions do not keep the old right in their cookie.
            (await users.UpdateSecurityStampAsync(account)).ThrowIfFailed();
        }
        finally
        {
            setup.AdministratorsLock.Release();
        }

        logger.LogInformation("Droits d'administrateur du compte {UserId} : {IsAdministrator}, par {AdministratorId}.", account.Id, administrator, _me.Id);
        StatusMessage = administrator
            ? localizer["{0} est maintenant administrateur de l'installation.", account.Email!]
            : localizer["{0} n'est plus administrateur de l'installation.", account.Email!];
        return BackToList();
    }

    private RedirectToPageResult BackToList() => RedirectToPage(new { q = Query, p = PageNumber });

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        var accounts = db.Users.AsNoTracking();
        var term = Query?.Trim();
        if (!string.IsNullOrEmpty(term))
        {
            term = term.Length > 100 ? term[..100] : term;
            var email = users.NormalizeEmail(term);
            var upper = term.ToUpperInvariant();
            // The name also matches as typed: SQLite's UPPER folds only ASCII letters, so "É" and "é" stay apart there.
            // ToUpper is what EF Core translates to SQL; the StringComparison overload CA1862 suggests has no translation.
#pragma warning disable CA1862
            accounts = accounts.Where(u => u.NormalizedEmail!.Contains(email)
                || u.DisplayName!.Contains(term)
                || u.DisplayName!.ToUpper().Contains(upper));
#pragma warning restore CA1862
        }

        TotalCount = await accounts.CountAsync(cancellationToken);
        PageCount = Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, PageCount);
        Accounts = await accounts
            .OrderBy(u => u.NormalizedEmail)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize)
            .Select(u => new AccountRow(u.Id, u.Email ?? u.UserName ?? u.Id, u.DisplayName, u.IsAdministrator, u.TwoFactorEnabled,
                u.LockoutEnd, u.CreatedAt))
            .ToListAsync(cancellationToken);
    }
}
