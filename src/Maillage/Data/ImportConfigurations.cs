using Maillage.Imports;
using Maillage.Territories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Data;

internal sealed class ImportConfiguration : IEntityTypeConfiguration<Import>
{
    public void Configure(EntityTypeBuilder<Import> builder)
    {
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.FileName).HasMaxLength(Import.FileNameMaxLength);
        builder.Property(i => i.UserId).HasMaxLength(450);
        builder.Property(i => i.UserName).HasMaxLength(256);
        builder.Property(i => i.Format).HasMaxLength(300);
        builder.Property(i => i.Message).HasMaxLength(Import.MessageMaxLength);
        builder.Ignore(i => i.IsActive);
        builder.Ignore(i => i.HeaderList);
        builder.Ignore(i => i.MappingList);
        builder.HasOne<Territory>().WithMany().HasForeignKey(i => i.TerritoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.TerritoryId, i.CreatedAt });
        builder.HasIndex(i => i.Status);
    }
}

internal sealed class ImportProblemConfiguration : IEntityTypeConfiguration<ImportProblem>
{
    public void Configure(EntityTypeBuilder<ImportProblem> builder)
    {
        builder.Property(p => p.Column).HasMaxLength(ImportProblem.ColumnMaxLength);
        builder.Property(p => p.Message).HasMaxLength(Import.MessageMaxLength);
        builder.HasOne<Import>().WithMany().HasForeignKey(p => p.ImportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.ImportId, p.Id });
    }
}

internal sealed class ImportColumnChoiceConfiguration : IEntityTypeConfiguration<ImportColumnChoice>
{
    public void Configure(EntityTypeBuilder<ImportColumnChoice> builder)
    {
        builder.HasKey(c => new { c.TerritoryId, c.HeaderKey });
        builder.Property(c => c.HeaderKey).HasMaxLength(ImportColumnChoice.HeaderKeyMaxLength);
        builder.Property(c => c.ColumnKey).HasMaxLength(60);
        builder.HasOne<Territory>().WithMany().HasForeignKey(c => c.TerritoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
