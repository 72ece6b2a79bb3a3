using Maillage.Projects;
using Maillage.Territories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Data;

internal sealed class BuiltInRoleConditionsConfiguration : IEntityTypeConfiguration<BuiltInRoleConditions>
{
    public void Configure(EntityTypeBuilder<BuiltInRoleConditions> builder)
    {
        builder.Property(c => c.RoleCode).HasMaxLength(ProjectRole.LabelMaxLength);
        builder.Property(c => c.Conditions).HasMaxLength(RoleConditionLines.MaxLength);
        builder.Ignore(c => c.IsEdited);
        builder.HasOne<Territory>().WithMany().HasForeignKey(c => c.TerritoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.TerritoryId, c.RoleCode }).IsUnique();
    }
}
