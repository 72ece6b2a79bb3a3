using Maillage.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Accounts;

/// <summary>Account creation shared by the setup page, the administration page and the shell commands.</summary>
public static class AccountCommands
{
    public static async Task<AppUser> CreateAsync(UserManager<AppUser> users, TimeProvider time, string email, string password,
        bool administrator, string? displayName = null)
    {
        email = email.Trim();
        if (await users.FindByEmailAsync(email) is not null)
        {
            throw new DomainException($"Un compte existe déjà pour {email}.");
        }

        var user = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(),
            IsAdministrator = administrator,
            LockoutEnabled = true,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        return user;
    }

    public static async Task<int> CreateUserAsync(IServiceProvider services, string? email, string? password, bool administrator)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            await Console.Error.WriteLineAsync("Indiquez --email et --password.");
            return 2;
        }

        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await CreateAsync(users, scope.ServiceProvider.GetRequiredService<TimeProvider>(), email, password, administrator);
        if (administrator)
        {
            scope.ServiceProvider.GetRequiredService<SetupState>().AdministratorCreated();
        }

        Console.WriteLine(administrator ? $"Administrateur {email} créé." : $"Compte {email} créé.");
        return 0;
    }

    public static async Task<int> CreateTokenAsync(IServiceProvider services, string? email, string? name)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(name))
        {
            await Console.Error.WriteLineAsync("Indiquez --email et --name.");
            return 2;
        }

        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var normalized = email.Trim().ToUpperInvariant();
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized)
            ?? throw new DomainException($"Aucun compte pour {email}.");
        var (token, secret) = PersonalAccessToken.Create(user.Id, name, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        db.PersonalAccessTokens.Add(token);
        await db.SaveChangesAsync();
        Console.WriteLine(secret);
        return 0;
    }
}
