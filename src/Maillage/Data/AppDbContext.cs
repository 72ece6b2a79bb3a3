using Maillage.Accounts;
using Maillage.Actors;
using Maillage.Analysis;
using Maillage.Cibles;
using Maillage.Projects;
using Maillage.Territories;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Maillage.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Territory> Territories => Set<Territory>();
    public DbSet<TerritoryMember> TerritoryMembers => Set<TerritoryMember>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Actor> Actors => Set<Actor>();
    public DbSet<ActorSubtype> ActorSubtypes => Set<ActorSubtype>();
    public DbSet<Competence> Competences => Set<Competence>();
    public DbSet<ActorCompetence> ActorCompetences => Set<ActorCompetence>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<RelationType> RelationTypes => Set<RelationType>();
    public DbSet<ActorRelation> ActorRelations => Set<ActorRelation>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<ProjectPhase> ProjectPhases => Set<ProjectPhase>();
    public DbSet<ProjectDeliverable> ProjectDeliverables => Set<ProjectDeliverable>();
    public DbSet<ProjectCopil> ProjectCopils => Set<ProjectCopil>();
    public DbSet<Imports.Import> Imports => Set<Imports.Import>();
    public DbSet<Imports.ImportProblem> ImportProblems => Set<Imports.ImportProblem>();
    public DbSet<Imports.ImportColumnChoice> ImportColumnChoices => Set<Imports.ImportColumnChoice>();
    public DbSet<Cible> Cibles => Set<Cible>();
    public DbSet<CiblePlacement> CiblePlacements => Set<CiblePlacement>();
    public DbSet<CibleSnapshot> CibleSnapshots => Set<CibleSnapshot>();
    public DbSet<EnvironmentAnalysis> EnvironmentAnalyses => Set<EnvironmentAnalysis>();
    public DbSet<ProjectParticipation> ProjectParticipations => Set<ProjectParticipation>();
    public DbSet<ProjectRole> ProjectRoles => Set<ProjectRole>();
    public DbSet<BuiltInRoleConditions> BuiltInRoleConditions => Set<BuiltInRoleConditions>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is stored in UTC; SQLite gives back an unspecified kind, PostgreSQL requires UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        if (Database.IsNpgsql())
        {
            ActorConfiguration.ConfigureForPostgreSql(builder);
        }

        foreach (var entity in builder.Model.GetEntityTypes().Where(t => typeof(AuditedEntity).IsAssignableFrom(t.ClrType)))
        {
            builder.Entity(entity.ClrType).Property(nameof(AuditedEntity.Version)).IsConcurrencyToken();
            builder.Entity(entity.ClrType).Property(nameof(AuditedEntity.CreatedBy)).HasMaxLength(256);
            builder.Entity(entity.ClrType).Property(nameof(AuditedEntity.UpdatedBy)).HasMaxLength(256);
            builder.Entity(entity.ClrType).Ignore(nameof(AuditedEntity.AuditTerritoryId));
            builder.Entity(entity.ClrType).Ignore(nameof(AuditedEntity.AuditKey));

            // Entities make their own Guid v7 key. Left "generated on add", a child added through a navigation
            // (territory.AddMember) arrives with its key set, is taken for an existing row and never inserted.
            if (entity.FindPrimaryKey()?.Properties is [{ ClrType: var keyType } key] && keyType == typeof(Guid))
            {
                builder.Entity(entity.ClrType).Property(key.Name).ValueGeneratedNever();
            }
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
