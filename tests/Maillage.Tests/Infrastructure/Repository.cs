namespace Maillage.Tests.Infrastructure;

public static class Repository
{
    /// <summary>The repository's root, found from the test's output directory by walking up to Maillage.slnx.</summary>
    public static string Root { get; } = FindRoot();

    public static string WebProject => Path.Combine(Root, "src", "Maillage");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Maillage.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Maillage.slnx introuvable au-dessus de {AppContext.BaseDirectory}.");
    }
}
