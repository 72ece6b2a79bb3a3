using Maillage.Actors;
using Maillage.Analysis;
using Maillage.Cibles;
using Maillage.Projects;
using Maillage.Territories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Data;

internal sealed class CibleConfiguration : IEntityTypeConfiguration<Cible>
{
    public void Configure(EntityTypeBuilder<Cible> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(Cible.NameMaxLength);
        builder.Property(c => c.Centre).HasMaxLength(Cible.CentreMaxLength);
        foreach (var ring in new[] { nameof(Cible.Ring1), nameof(Cible.Ring2), nameof(Cible.Ring3), nameof(Cible.Ring4), nameof(Cible.Ring5) })
        {
            builder.Property(ring).HasMaxLength(Cible.RingNameMaxLength);
        }

        builder.Ignore(c => c.Rings);
        builder.Ignore(c => c.CentreLabel);
        builder.HasOne<Territory>().WithMany().HasForeignKey(c => c.TerritoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.TerritoryId, c.Name });

        // A project's cible outlives the project as the organisation's: the picture is work worth keeping.
        builder.HasOne<Project>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class CiblePlacementConfiguration : IEntityTypeConfiguration<CiblePlacement>
{
    public void Configure(EntityTypeBuilder<CiblePlacement> builder)
    {
        builder.HasOne<Cible>().WithMany().HasForeignKey(p => p.CibleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Actor>().WithMany().HasForeignKey(p => p.ActorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Territory>().WithMany().HasForeignKey(p => p.TerritoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.CibleId, p.ActorId }).IsUnique();
        builder.HasIndex(p => p.ActorId);
    }
}

internal sealed class CibleSnapshotConfiguration : IEntityTypeConfiguration<CibleSnapshot>
{
    public void Configure(EntityTypeBuilder<CibleSnapshot> builder)
    {
        builder.Property(s => s.TakenBy).HasMaxLength(256);
        builder.Property(s => s.Note).HasMaxLength(CibleSnapshot.NoteMaxLength);
        builder.HasOne<Cible>().WithMany().HasForeignKey(s => s.CibleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Territory>().WithMany().HasForeignKey(s => s.TerritoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.CibleId, s.TakenAt });
    }
}

internal sealed class EnvironmentAnalysisConfiguration : IEntityTypeConfiguration<EnvironmentAnalysis>
{
    public void Configure(EntityTypeBuilder<EnvironmentAnalysis> builder)
    {
        builder.Property(a => a.Title).HasMaxLength(EnvironmentAnalysis.TitleMaxLength);
        builder.Property(a => a.Organisation).HasMaxLength(EnvironmentAnalysis.OrganisationMaxLength);
        builder.Property(a => a.Reasons).HasMaxLength(EnvironmentAnalysis.ReasonsMaxLength);
        for (var i = 1; i <= EnvironmentGrid.Questions.Count; i++)
        {
            builder.Property($"Answer{i}").HasMaxLength(EnvironmentAnalysis.AnswerMaxLength);
        }

        for (var i = 1; i <= EnvironmentGrid.InternalConditions.Count; i++)
        {
            builder.Property($"InternalNote{i}").HasMaxLength(EnvironmentAnalysis.NoteMaxLength);
        }

        for (var i = 1; i <= EnvironmentGrid.ExternalConditions.Count; i++)
        {
            builder.Property($"ExternalNote{i}").HasMaxLength(EnvironmentAnalysis.NoteMaxLength);
        }

        foreach (var ignored in new[] { nameof(EnvironmentAnalysis.Answers), nameof(EnvironmentAnalysis.InternalMet), nameof(EnvironmentAnalysis.InternalNotes),
                     nameof(EnvironmentAnalysis.ExternalMet), nameof(EnvironmentAnalysis.ExternalNotes), nameof(EnvironmentAnalysis.Answered), nameof(EnvironmentAnalysis.ConditionsMet) })
        {
            builder.Ignore(ignored);
        }

        builder.HasOne<Territory>().WithMany().HasForeignKey(a => a.TerritoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.TerritoryId, a.Title });
    }
}
