using Maillage.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Maillage.Accounts;

public static class AccountsSetup
{
    public const string PolicyScheme = "Maillage";

    public static IServiceCollection AddMaillageAccounts(this IServiceCollection services)
    {
        services.AddSingleton<SetupState>();
        services.AddSingleton<UnknownAccountAttempts>();
        services.AddScoped<IdentityErrorDescriber, FrenchIdentityErrors>();
        services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // The user name is the email address, which may hold accents (Élodie@…): no character list.
                options.User.AllowedUserNameCharacters = "";
                options.Password.RequiredLength = 10;
                options.Password.RequiredUniqueChars = 4;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<FrenchIdentityErrors>()
            .AddClaimsPrincipalFactory<MaillageClaimsFactory>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = PolicyScheme;
                options.DefaultChallengeScheme = PolicyScheme;
            })
            .AddPolicyScheme(PolicyScheme, "Cookie ou jeton", policy => policy.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? TokenAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = "maillage";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = "/connexion";
            cookie.LogoutPath = "/deconnexion";
            cookie.AccessDeniedPath = "/erreur/403";
            cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
            cookie.SlidingExpiration = true;
            cookie.Events.OnRedirectToLogin = context => ApiAware(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => ApiAware(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthorization();
        return services;
    }

    /// <summary>The API answers 401/403 as problems; pages redirect to the login page.</summary>
    private static Task ApiAware(HttpContext context, string redirectUri, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Results.Problem(statusCode: status).ExecuteAsync(context);
        }

        context.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}
