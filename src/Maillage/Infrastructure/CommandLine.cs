using Maillage.Accounts;
using Maillage.Data;

namespace Maillage.Infrastructure;

public sealed record HostOptions(string[] HostArgs, bool Demo);

/// <summary>A command run from the shell instead of the web server: <c>migrate</c>, <c>admin create</c>, …</summary>
public sealed class CliCommand(string[] words)
{
    private const string Usage = """
        Commandes :
          migrate                                   applique les migrations de la base puis s'arrête
          admin create --email E --password P       crée un administrateur de l'installation
          user create --email E --password P        crée un compte ordinaire
          token create --email E --name N           crée un jeton d'API (affiché une seule fois)
        Options : --data-dir DOSSIER, --demo (crée le territoire de démonstration au démarrage)
        """;

    public async Task<int> RunAsync(IServiceProvider services)
    {
        CommandLineUser.Current = "ligne de commande";
        try
        {
            switch (words)
            {
                case ["migrate", ..]:
                    await DatabaseSetup.MigrateAsync(services);
                    Console.WriteLine("Base de données à jour.");
                    return 0;
                case ["admin", "create", ..]:
                    await DatabaseSetup.MigrateAsync(services);
                    return await AccountCommands.CreateUserAsync(services, Option("--email"), Option("--password"), administrator: true);
                case ["user", "create", ..]:
                    await DatabaseSetup.MigrateAsync(services);
                    return await AccountCommands.CreateUserAsync(services, Option("--email"), Option("--password"), administrator: false);
                case ["token", "create", ..]:
                    await DatabaseSetup.MigrateAsync(services);
                    return await AccountCommands.CreateTokenAsync(services, Option("--email"), Option("--name"));
                default:
                    await Console.Error.WriteLineAsync(Usage);
                    return 2;
            }
        }
        catch (DomainException e)
        {
            await Console.Error.WriteLineAsync("Erreur : " + e.Message);
            return 1;
        }
    }

    private string? Option(string name)
    {
        var index = Array.IndexOf(words, name);
        return index >= 0 && index + 1 < words.Length ? words[index + 1] : null;
    }
}

public static class CommandLine
{
    private static readonly HashSet<string> Verbs = ["migrate", "admin", "user", "token", "help", "--help"];

    public static readonly Dictionary<string, string> SwitchMappings = new()
    {
        ["--data-dir"] = "Maillage:DataDirectory",
    };

    /// <summary>Splits the arguments into an optional command and the options the web host understands.</summary>
    public static (CliCommand? Command, HostOptions Options) Parse(string[] args)
    {
        var demo = args.Contains("--demo");
        var rest = args.Where(a => a != "--demo").ToList();
        if (rest.Count > 0 && Verbs.Contains(rest[0]))
        {
            // The command's own words stay out of the host's configuration; --data-dir still reaches it.
            var hostArgs = new List<string>();
            var dataDir = rest.IndexOf("--data-dir");
            if (dataDir >= 0 && dataDir + 1 < rest.Count)
            {
                hostArgs.AddRange(["--data-dir", rest[dataDir + 1]]);
            }

            return (new CliCommand([.. rest]), new HostOptions([.. hostArgs], demo));
        }

        return (null, new HostOptions([.. rest], demo));
    }
}
