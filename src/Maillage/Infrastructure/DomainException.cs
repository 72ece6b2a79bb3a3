namespace Maillage;

/// <summary>A rule of the domain was broken; the message is French and is shown to the person as is.</summary>
public class DomainException(string message) : Exception(message);

/// <summary>The object asked for does not exist in the current territory (answers 404).</summary>
public sealed class NotFoundException(string message = "Élément introuvable.") : Exception(message);

/// <summary>
/// A stale edit: someone saved the object since the version the person edited.
/// <see cref="Changes"/> lists what they changed, so the person sees it instead of overwriting it.
/// </summary>
public sealed class ConcurrencyConflictException(IReadOnlyList<Data.AuditEntry> changes)
    : DomainException("Quelqu'un a modifié cet élément pendant que vous le modifiiez. Vos changements n'ont pas été enregistrés : relisez la version actuelle ci-dessous puis refaites-les.")
{
    public IReadOnlyList<Data.AuditEntry> Changes { get; } = changes;
}
