using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Maillage.Accounts;

/// <summary>First start: creates the installation administrator. Gone for good once one exists.</summary>
public sealed class SetupModel(SetupState setup, UserManager<AppUser> users, SignInManager<AppUser> signIn, TimeProvider time)
    : PageModel
{
    public sealed class SetupInput
    {
        [Required(ErrorMessage = "Indiquez votre adresse électronique.")]
        [EmailAddress(ErrorMessage = "Cette adresse électronique n'est pas valide.")]
        [StringLength(256, ErrorMessage = "L'adresse électronique est trop longue.")]
        public string Email { get; set; } = "";

        [StringLength(200, ErrorMessage = "Le nom affiché ne doit pas dépasser 200 caractères.")]
        public string? DisplayName { get; set; }

        [Required(ErrorMessage = "Choisissez un mot de passe.")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Confirmez le mot de passe.")]
        [Compare(nameof(Password), ErrorMessage = "Les deux mots de passe ne correspondent pas.")]
        public string ConfirmPassword { get; set; } = "";
    }

    [BindProperty]
    public SetupInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await setup.HasAdministratorAsync(cancellationToken) ? Redirect("/") : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await setup.HasAdministratorAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        AppUser administrator;
        await setup.AdministratorsLock.WaitAsync(cancellationToken);
        try
        {
            // Checked again inside the lock: two people may have submitted the form at the same moment.
            if (await setup.HasAdministratorAsync(cancellationToken))
            {
                return NotFound();
            }

            administrator = await AccountCommands.CreateAsync(users, time, Input.Email, Input.Password, administrator: true, Input.DisplayName);
            setup.AdministratorCreated();
        }
        finally
        {
            setup.AdministratorsLock.Release();
        }

        await signIn.SignInAsync(administrator, isPersistent: false);
        return Redirect("/");
    }
}
