using Maillage.Projects;
using Maillage.Territories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Data;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(Project.NameMaxLength);
        builder.Property(p => p.Motives).HasMaxLength(Project.TextMaxLength);
        builder.Property(p => p.Objectives).HasMaxLength(Project.TextMaxLength);
        builder.Property(p => p.PerimeterCodes).HasMaxLength(Project.TextMaxLength);
        builder.Property(p => p.Description).HasMaxLength(Project.TextMaxLength);
        builder.Property(p => p.Principles).HasMaxLength(Project.TextMaxLength);
        builder.Property(p => p.Positioning).HasMaxLength(Project.TextMaxLength);
        builder.Property(p => p.OperationalRoles).HasMaxLength(Project.TextMaxLength);
        builder.Property(p => p.Themes).HasMaxLength(400);
        builder.Property(p => p.TargetPopulation).HasMaxLength(Project.ShortTextMaxLength);
        builder.Property(p => p.FollowUpNote).HasMaxLength(Project.ShortTextMaxLength);
        builder.Ignore(p => p.Perimeter);
        builder.Ignore(p => p.ThemeList);
        builder.HasOne<Territory>().WithMany().HasForeignKey(p => p.TerritoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Phases).WithOne().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Deliverables).WithOne().HasForeignKey(d => d.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Copils).WithOne().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.TerritoryId, p.Name });
    }
}

internal sealed class ProjectPhaseConfiguration : IEntityTypeConfiguration<ProjectPhase>
{
    public void Configure(EntityTypeBuilder<ProjectPhase> builder)
    {
        builder.Property(p => p.Objectives).HasMaxLength(Project.TextMaxLength);
        builder.Property(p => p.Description).HasMaxLength(Project.TextMaxLength);
        builder.Property(p => p.Method).HasMaxLength(Project.TextMaxLength);
        builder.HasIndex(p => new { p.ProjectId, p.Kind }).IsUnique();
    }
}

internal sealed class ProjectDeliverableConfiguration : IEntityTypeConfiguration<ProjectDeliverable>
{
    public void Configure(EntityTypeBuilder<ProjectDeliverable> builder)
    {
        builder.Property(d => d.Title).HasMaxLength(ProjectDeliverable.TitleMaxLength);
        builder.Property(d => d.Owner).HasMaxLength(ProjectDeliverable.OwnerMaxLength);
        builder.HasIndex(d => new { d.ProjectId, d.Phase });
    }
}

internal sealed class ProjectCopilConfiguration : IEntityTypeConfiguration<ProjectCopil>
{
    public void Configure(EntityTypeBuilder<ProjectCopil> builder)
    {
        builder.Property(c => c.Label).HasMaxLength(ProjectCopil.LabelMaxLength);
        builder.HasIndex(c => new { c.ProjectId, c.Date }).IsUnique();
    }
}
