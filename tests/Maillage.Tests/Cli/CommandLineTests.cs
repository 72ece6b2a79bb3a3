using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Maillage.Accounts;
using Maillage.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Maillage.Tests.Cli;

/// <summary>The shell commands, run as a person runs them: the real Maillage.dll in its own process, on a data directory.</summary>
public sealed partial class CommandLineTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [GeneratedRegex("^mlg_[A-Za-z0-9_-]{40,}$", RegexOptions.Multiline)]
    private static partial Regex TokenLine();

    private sealed record Run(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"code {ExitCode}\nsortie : {Output}\nerreurs : {Error}";
    }

    private static async Task<Run> MaillageAsync(string workingDirectory, params string[] arguments)
    {
        var app = Path.Combine(AppContext.BaseDirectory, "Maillage.dll");
        File.Exists(app).ShouldBeTrue($"{app} manque : le projet de tests référence l'application, qui doit être copiée à côté");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(app);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The command must not pick up a database from the test run's environment.
        start.Environment.Remove("ConnectionStrings__Maillage");
        start.Environment.Remove("Maillage__Database__Provider");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancellation);
        var error = process.StandardError.ReadToEndAsync(Cancellation);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Run(process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task Commands_create_accounts_and_tokens_in_the_data_directory()
    {
        var work = Directory.CreateTempSubdirectory("maillage-cli-").FullName;
        var data = Path.Combine(work, "donnees");
        try
        {
            var admin = await MaillageAsync(work, "admin", "create", "--email", "a@b.fr", "--password", MaillageApp.Password, "--data-dir", data);
            admin.ExitCode.ShouldBe(0, admin.ToString());
            admin.Output.ShouldContain("Administrateur a@b.fr créé.");
            File.Exists(Path.Combine(data, "maillage.db")).ShouldBeTrue("la base doit être dans le dossier --data-dir");

            var again = await MaillageAsync(work, "admin", "create", "--email", "a@b.fr", "--password", MaillageApp.Password, "--data-dir", data);
            again.ExitCode.ShouldNotBe(0, again.ToString());
            again.Error.ShouldContain("Un compte existe déjà pour a@b.fr.");

            var user = await MaillageAsync(work, "user", "create", "--email", "c@d.fr", "--password", MaillageApp.Password, "--data-dir", data);
            user.ExitCode.ShouldBe(0, user.ToString());
            user.Output.ShouldContain("Compte c@d.fr créé.");

            var token = await MaillageAsync(work, "token", "create", "--email", "c@d.fr", "--name", "Intégration", "--data-dir", data);
            token.ExitCode.ShouldBe(0, token.ToString());
            var secret = TokenLine().Match(token.Output).Value;
            secret.ShouldStartWith("mlg_", customMessage: token.ToString());

            var migrate = await MaillageAsync(work, "migrate", "--data-dir", data);
            migrate.ExitCode.ShouldBe(0, migrate.ToString());
            migrate.Output.ShouldContain("Base de données à jour.");

            var database = TestDatabase.Existing(DatabaseKind.Sqlite, data);
            await using var app = new MaillageApp(database, withAdministrator: false);
            await app.InitializeAsync();
            await app.WithScopeAsync(async services =>
            {
                var users = services.GetRequiredService<UserManager<AppUser>>();
                var administrator = (await users.FindByEmailAsync("a@b.fr")).ShouldNotBeNull();
                administrator.IsAdministrator.ShouldBeTrue();
                (await users.CheckPasswordAsync(administrator, MaillageApp.Password)).ShouldBeTrue();
                (await users.FindByEmailAsync("c@d.fr")).ShouldNotBeNull().IsAdministrator.ShouldBeFalse();
            });
            (await app.CreateApiClient(secret).GetAsync("/api/v1/territories", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await app.CreateBrowser().GetAsync("/", Cancellation)).RedirectPath().ShouldBe(Browsing.LoginPath, "l'administrateur créé en ligne de commande clôt l'installation");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
