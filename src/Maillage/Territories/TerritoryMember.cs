using Maillage.Accounts;
using Maillage.Data;

namespace Maillage.Territories;

public sealed class TerritoryMember : AuditedEntity
{
    private TerritoryMember()
    {
    }

    internal TerritoryMember(Guid territoryId, string userId, TerritoryRole role)
    {
        TerritoryId = territoryId;
        UserId = userId;
        Role = role;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TerritoryId { get; private set; }
    public string UserId { get; private set; } = "";
    public AppUser? User { get; private set; }
    public TerritoryRole Role { get; private set; }

    /// <summary>
    /// The actor a Partenaire belongs to: it "updates what its organisation brings and needs" (PRODUCT.md), so it may
    /// edit that actor and its contacts, and only those.
    /// </summary>
    public Guid? OrganisationId { get; private set; }

    public override Guid? AuditTerritoryId => TerritoryId;
    public override string AuditKey => Id.ToString();

    public void ChangeRole(TerritoryRole role) => Role = role;

    public void AttachTo(Guid? organisationId) => OrganisationId = organisationId;
}
