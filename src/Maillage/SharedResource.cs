namespace Maillage;

/// <summary>
/// Marker type of the shared resource file (<c>Resources/SharedResource.en.resx</c>); French is the key.
/// It must sit in the root namespace: the localizer looks for <c>{root}.Resources.{type path below root}</c>, so in
/// <c>Maillage.Infrastructure</c> it looked for <c>Resources/Infrastructure/SharedResource</c> and found no English.
/// </summary>
public sealed class SharedResource;
