using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Maillage.Accounts;
using Maillage.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Options;

namespace Maillage.Infrastructure;

public static class WebSetup
{
    public const string LoginRateLimit = "connexion";

    public static IServiceCollection AddMaillageWeb(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");

        // French text is written as is in the HTML (« é », not « &#xE9; »); the encoder still escapes markup.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = new[] { new CultureInfo("fr-FR"), new CultureInfo("en") };
            options.DefaultRequestCulture = new RequestCulture("fr-FR");
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

        services.AddRazorPages(options =>
            {
                options.RootDirectory = "/";
                options.Conventions.AuthorizeFolder("/");
                options.Conventions.AllowAnonymousToFolder("/Accounts/Public");
                options.Conventions.AllowAnonymousToPage("/Pages/Error");
                options.Conventions.AllowAnonymousToPage("/Pages/Language");
            })
            .AddMvcOptions(mvc =>
            {
                mvc.Filters.Add<TerritoryPageFilter>();
                mvc.Filters.Add<DomainExceptionPageFilter>();
                FrenchModelBinding.Apply(mvc.ModelBindingMessageProvider);
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.Configure<RazorViewEngineOptions>(o => o.PageViewLocationFormats.Add("/Pages/Shared/{0}.cshtml"));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "maillage-af";
            o.HeaderName = "X-CSRF-TOKEN";
        });

        services.AddFrenchProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("base de données");
        services.AddOpenApi("v1", OpenApiSetup.Configure);

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only attempts count: showing the form is not one, and must keep working while attempts are refused.
            limiter.AddPolicy(LoginRateLimit, context => !HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("affichage")
                : RateLimitPartition.GetSlidingWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "inconnu",
                    _ => new SlidingWindowRateLimiterOptions
                    {
                        PermitLimit = 20,
                        Window = TimeSpan.FromMinutes(1),
                        SegmentsPerWindow = 6,
                        QueueLimit = 0,
                    }));
            // No body here: the status code pages answer 429 with the French error page (or a problem for the API).
        });

        services.AddSingleton<IXmlRepository, DatabaseXmlRepository>();
        services.AddDataProtection().SetApplicationName("Maillage");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IXmlRepository>((options, repository) => options.XmlRepository = repository);
        return services;
    }

    public static WebApplication UseMaillagePipeline(this WebApplication app)
    {
        app.UseServerTiming(app.Configuration);
        // The API answers problems (application/problem+json); pages answer a French error page.
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApi(context), pages =>
        {
            pages.UseExceptionHandler("/erreur/500");
            pages.UseStatusCodePagesWithReExecute("/erreur/{0}");
        });
        app.UseSecurityHeaders();
        app.UseRequestLocalization(app.Services.GetRequiredService<IOptions<RequestLocalizationOptions>>().Value);
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseSetupGate();
        app.UseAuthorization();
        return app;
    }

    private static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    public static WebApplication MapMaillageEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapRazorPages();
        app.MapMaillageApi();
        app.Lifetime.ApplicationStarted.Register(() =>
            app.Logger.LogInformation("Maillage est prêt : ouvrez {Urls} dans votre navigateur.", string.Join(", ", app.Urls)));
        return app;
    }
}
