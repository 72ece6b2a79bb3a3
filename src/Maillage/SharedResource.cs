namespace Maillage;

/// <summary>
/// Marker type of <c>Resources/SharedResource.en.resx</c>: the French text is the key, the English text the value.
/// It lives in the root namespace so its resource name is <c>Maillage.Resources.SharedResource</c>.
/// </summary>
public sealed class SharedResource;
