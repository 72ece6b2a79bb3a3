using Maillage.Actors;
using Maillage.Projects;
using Maillage.Territories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Data;

internal sealed class ProjectParticipationConfiguration : IEntityTypeConfiguration<ProjectParticipation>
{
    public void Configure(EntityTypeBuilder<ProjectParticipation> builder)
    {
        builder.Property(p => p.Role).HasMaxLength(ProjectRole.LabelMaxLength);
        builder.Property(p => p.Function).HasMaxLength(ProjectParticipation.FunctionMaxLength);
        builder.Property(p => p.ConditionsMet).HasMaxLength(ProjectRole.TextMaxLength);
        builder.Ignore(p => p.ConditionCodes);
        builder.HasOne<Project>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Actor>().WithMany().HasForeignKey(p => p.ActorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Contact>().WithMany().HasForeignKey(p => p.RepresentativeContactId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(p => new { p.ProjectId, p.ActorId, p.Role }).IsUnique();
        builder.HasIndex(p => p.ActorId);
        builder.HasIndex(p => p.RepresentativeContactId);
    }
}

internal sealed class ProjectRoleConfiguration : IEntityTypeConfiguration<ProjectRole>
{
    public void Configure(EntityTypeBuilder<ProjectRole> builder)
    {
        builder.Property(r => r.Code).HasMaxLength(ProjectRole.LabelMaxLength);
        builder.Property(r => r.Label).HasMaxLength(ProjectRole.LabelMaxLength);
        builder.Property(r => r.Description).HasMaxLength(ProjectRole.TextMaxLength);
        builder.Property(r => r.Conditions).HasMaxLength(ProjectRole.TextMaxLength);
        builder.HasOne<Territory>().WithMany().HasForeignKey(r => r.TerritoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.TerritoryId, r.Code }).IsUnique();
    }
}
