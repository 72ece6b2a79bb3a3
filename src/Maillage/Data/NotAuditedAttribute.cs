namespace Maillage.Data;

/// <summary>
/// A property derived from others (a search key, a sort key): the history records the properties it comes from,
/// so recording it too would only repeat them in an unreadable form.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotAuditedAttribute : Attribute;
