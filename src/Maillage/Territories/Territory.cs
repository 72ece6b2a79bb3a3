using Maillage.Data;

namespace Maillage.Territories;

/// <summary>A workspace: the territory on which partnerships are built, with its official perimeter.</summary>
public sealed class Territory : AuditedEntity
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 4000;

    private Territory()
    {
    }

    public Territory(string name, string? description, Perimeter perimeter)
    {
        Rename(name, description);
        PerimeterCodes = perimeter.ToString();
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }

    /// <summary>The perimeter as canonical codes separated by spaces (see <see cref="Perimeter"/>).</summary>
    public string PerimeterCodes { get; private set; } = "";

    public bool IsDemo { get; private set; }

    public ICollection<TerritoryMember> Members { get; } = [];

    public Perimeter Perimeter => Perimeter.Parse(PerimeterCodes);

    public override Guid? AuditTerritoryId => Id;
    public override string AuditKey => Id.ToString();

    public void Rename(string name, string? description)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("Le nom du territoire est obligatoire.");
        }

        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
    }

    public void SetPerimeter(Perimeter perimeter) => PerimeterCodes = perimeter.ToString();

    public void MarkAsDemo() => IsDemo = true;

    public TerritoryMember AddMember(string userId, TerritoryRole role)
    {
        if (Members.Any(m => m.UserId == userId))
        {
            throw new DomainException("Cette personne est déjà membre du territoire.");
        }

        var member = new TerritoryMember(Id, userId, role);
        Members.Add(member);
        return member;
    }
}
