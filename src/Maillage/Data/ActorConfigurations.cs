using Maillage.Actors;
using Maillage.Territories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maillage.Data;

internal sealed class ActorConfiguration : IEntityTypeConfiguration<Actor>
{
    public const string TrigramIndex = "IX_Actors_SearchText_Trigram";

    public void Configure(EntityTypeBuilder<Actor> builder)
    {
        builder.Property(a => a.Name).HasMaxLength(Actor.NameMaxLength);
        builder.Property(a => a.NameKey).HasMaxLength(Actor.NameKeyMaxLength);
        builder.Property(a => a.Acronym).HasMaxLength(Actor.AcronymMaxLength);
        builder.Property(a => a.Subtype).HasMaxLength(Actor.SubtypeMaxLength);
        builder.Property(a => a.Siren).HasMaxLength(9);
        builder.Property(a => a.Siret).HasMaxLength(14);
        builder.Property(a => a.Rna).HasMaxLength(10);
        builder.Property(a => a.ExternalId).HasMaxLength(Actor.ExternalIdMaxLength);
        builder.Property(a => a.NafCode).HasMaxLength(Actor.NafCodeMaxLength);
        builder.Property(a => a.NafVersion).HasMaxLength(Actor.NafVersionMaxLength);
        builder.Property(a => a.WorkforceBand).HasMaxLength(2);
        builder.Property(a => a.AddressLine1).HasMaxLength(Actor.AddressLineMaxLength);
        builder.Property(a => a.AddressLine2).HasMaxLength(Actor.AddressLineMaxLength);
        builder.Property(a => a.PostalCode).HasMaxLength(5);
        builder.Property(a => a.CommuneCode).HasMaxLength(5);
        builder.Property(a => a.CollaborativeLogic).HasMaxLength(Actor.CollaborativeLogicMaxLength);
        builder.Property(a => a.Website).HasMaxLength(Actor.WebsiteMaxLength);
        builder.Property(a => a.Notes).HasMaxLength(Actor.NotesMaxLength);
        builder.Ignore(a => a.Perimeter);
        builder.Ignore(a => a.Competences);

        // SQLite: triggers keep the full-text index, and RETURNING cannot be used on a table with AFTER triggers.
        builder.ToTable(t => t.UseSqlReturningClause(false));

        builder.HasOne<Territory>().WithMany().HasForeignKey(a => a.TerritoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.CompetenceLinks).WithOne().HasForeignKey(l => l.ActorId).OnDelete(DeleteBehavior.Cascade);

        // The directory's filters and orders, each led by the territory and ended by the sort keys, so that a page's
        // ids are read from the index alone (see docs/decisions/0006-actors.md).
        builder.HasIndex(a => new { a.TerritoryId, a.NameKey, a.Id });
        builder.HasIndex(a => new { a.TerritoryId, a.Family, a.NameKey, a.Id });
        builder.HasIndex(a => new { a.TerritoryId, a.UpdatedAt, a.Id });
        builder.HasIndex(a => new { a.TerritoryId, a.Subtype, a.NameKey, a.Id });
        builder.HasIndex(a => new { a.TerritoryId, a.CommuneCode, a.NameKey, a.Id });
        builder.HasIndex(a => new { a.TerritoryId, a.Modes });
        builder.HasIndex(a => new { a.TerritoryId, a.Siren });
        builder.HasIndex(a => new { a.TerritoryId, a.Siret });
        builder.HasIndex(a => new { a.TerritoryId, a.Rna });
        builder.HasIndex(a => new { a.TerritoryId, a.ExternalId }).IsUnique();
    }

    /// <summary>
    /// On PostgreSQL the name key compares byte by byte whatever the database's locale, as on SQLite, so that a
    /// prefix is a range of the index; and the search text has a trigram index for "contains" searches.
    /// </summary>
    public static void ConfigureForPostgreSql(ModelBuilder builder)
    {
        builder.HasPostgresExtension("pg_trgm");
        builder.Entity<Actor>().Property(a => a.NameKey).UseCollation("C");
        builder.Entity<Actor>().HasIndex(a => a.SearchText).HasDatabaseName(TrigramIndex)
            .HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}

internal sealed class ActorCompetenceConfiguration : IEntityTypeConfiguration<ActorCompetence>
{
    public void Configure(EntityTypeBuilder<ActorCompetence> builder)
    {
        builder.HasKey(l => new { l.ActorId, l.CompetenceId });
        builder.HasOne<Competence>().WithMany().HasForeignKey(l => l.CompetenceId).OnDelete(DeleteBehavior.Cascade);
        // Covering: a competence filter reads the actors' ids from the index alone.
        builder.HasIndex(l => new { l.CompetenceId, l.ActorId });
    }
}

internal sealed class CompetenceConfiguration : IEntityTypeConfiguration<Competence>
{
    public void Configure(EntityTypeBuilder<Competence> builder)
    {
        builder.Property(c => c.Label).HasMaxLength(Competence.LabelMaxLength);
        builder.Property(c => c.Key).HasMaxLength(Competence.LabelMaxLength + 50);
        builder.HasOne<Territory>().WithMany().HasForeignKey(c => c.TerritoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.TerritoryId, c.Key }).IsUnique();
    }
}

internal sealed class ActorSubtypeConfiguration : IEntityTypeConfiguration<ActorSubtype>
{
    public void Configure(EntityTypeBuilder<ActorSubtype> builder)
    {
        builder.Property(s => s.Code).HasMaxLength(ActorSubtype.CodeMaxLength);
        builder.Property(s => s.Label).HasMaxLength(ActorSubtype.LabelMaxLength);
        builder.HasOne<Territory>().WithMany().HasForeignKey(s => s.TerritoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.TerritoryId, s.Code }).IsUnique();
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.Property(c => c.FirstName).HasMaxLength(Contact.NameMaxLength);
        builder.Property(c => c.LastName).HasMaxLength(Contact.NameMaxLength);
        builder.Property(c => c.Function).HasMaxLength(Contact.FunctionMaxLength);
        builder.Property(c => c.Availability).HasMaxLength(Contact.AvailabilityMaxLength);
        builder.Property(c => c.Email).HasMaxLength(Contact.EmailMaxLength);
        builder.Property(c => c.Phone).HasMaxLength(Contact.PhoneMaxLength);
        builder.Property(c => c.LawfulBasisSource).HasMaxLength(Contact.LawfulBasisSourceMaxLength);
        builder.Ignore(c => c.IsAnonymised);
        builder.Ignore(c => c.DisplayName);
        builder.HasOne<Actor>().WithMany().HasForeignKey(c => c.ActorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Territory>().WithMany().HasForeignKey(c => c.TerritoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.ActorId);
        builder.HasIndex(c => new { c.TerritoryId, c.LastInteractionAt });
    }
}

internal sealed class RelationTypeConfiguration : IEntityTypeConfiguration<RelationType>
{
    public void Configure(EntityTypeBuilder<RelationType> builder)
    {
        builder.Property(t => t.Code).HasMaxLength(RelationType.CodeMaxLength);
        builder.Property(t => t.Label).HasMaxLength(RelationType.LabelMaxLength);
        builder.Property(t => t.ReverseLabel).HasMaxLength(RelationType.LabelMaxLength);
        builder.HasOne<Territory>().WithMany().HasForeignKey(t => t.TerritoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => new { t.TerritoryId, t.Code }).IsUnique();
    }
}

internal sealed class ActorRelationConfiguration : IEntityTypeConfiguration<ActorRelation>
{
    public void Configure(EntityTypeBuilder<ActorRelation> builder)
    {
        builder.Property(r => r.Type).HasMaxLength(RelationType.CodeMaxLength);
        builder.Property(r => r.Notes).HasMaxLength(ActorRelation.NotesMaxLength);
        builder.HasOne<Actor>().WithMany().HasForeignKey(r => r.SourceActorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Actor>().WithMany().HasForeignKey(r => r.TargetActorId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Territory>().WithMany().HasForeignKey(r => r.TerritoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.SourceActorId, r.TargetActorId });
        builder.HasIndex(r => r.TargetActorId);
        builder.HasIndex(r => new { r.TerritoryId, r.Type });
    }
}
