namespace Maillage.Browser.Infrastructure;

/// <summary>Where the journeys leave what CI keeps: <c>$MAILLAGE_TEST_RESULTS</c>, or test-results/ at the repository root.</summary>
public static class Artifacts
{
    public static string Screenshots { get; } = Path.Combine(Results(), "screenshots");

    private static string Results()
    {
        var configured = Environment.GetEnvironmentVariable("MAILLAGE_TEST_RESULTS");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Maillage.slnx")))
            {
                return Path.Combine(directory.FullName, "test-results");
            }
        }

        throw new InvalidOperationException("Maillage.slnx introuvable au-dessus de " + AppContext.BaseDirectory + " : définissez MAILLAGE_TEST_RESULTS.");
    }
}
