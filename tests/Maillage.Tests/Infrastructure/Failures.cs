namespace Maillage.Tests.Infrastructure;

/// <summary>Checks that gather every misbehaviour before failing, so one run lists them all.</summary>
public static class Failures
{
    public static void ShouldBeNone(this IReadOnlyCollection<string> failures, string title)
    {
        if (failures.Count > 0)
        {
            Assert.Fail($"{title} ({failures.Count}) :\n  " + string.Join("\n  ", failures));
        }
    }
}
