using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Maillage.Data.Migrations;

/// <summary>
/// The ecosystem registry: actors, their subtypes and competences, contacts, relation types and relations.
/// On PostgreSQL the name key is compared in the "C" collation and the search text gets a trigram index
/// (see docs/decisions/0006-actors.md).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122000200_Actors")]
public sealed class Actors : Migration
{
    // Literals, not the model's constants: a shipped migration keeps making the schema it made.
    private const string TrigramIndex = "IX_Actors_SearchText_Trigram";
    private const string SearchTable = "ActorSearch";
    private static readonly string[] TrigramOperators = ["gin_trgm_ops"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var postgres = migrationBuilder.IsNpgsql();

        migrationBuilder.CreateTable(
            name: "Actors",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TerritoryId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                NameKey = table.Column<string>(maxLength: 250, nullable: false, collation: postgres ? "C" : null),
                Acronym = table.Column<string>(maxLength: 50, nullable: true),
                Family = table.Column<int>(nullable: false),
                Subtype = table.Column<string>(maxLength: 60, nullable: true),
                Siren = table.Column<string>(maxLength: 9, nullable: true),
                Siret = table.Column<string>(maxLength: 14, nullable: true),
                Rna = table.Column<string>(maxLength: 10, nullable: true),
                NafCode = table.Column<string>(maxLength: 6, nullable: true),
                NafVersion = table.Column<string>(maxLength: 10, nullable: true),
                WorkforceBand = table.Column<string>(maxLength: 2, nullable: true),
                AddressLine1 = table.Column<string>(maxLength: 200, nullable: true),
                AddressLine2 = table.Column<string>(maxLength: 200, nullable: true),
                PostalCode = table.Column<string>(maxLength: 5, nullable: true),
                CommuneCode = table.Column<string>(maxLength: 5, nullable: true),
                PerimeterCodes = table.Column<string>(nullable: false),
                CompetenceLabels = table.Column<string>(nullable: false),
                Modes = table.Column<int>(nullable: false),
                CollaborativeLogic = table.Column<string>(maxLength: 4000, nullable: true),
                Website = table.Column<string>(maxLength: 500, nullable: true),
                Notes = table.Column<string>(maxLength: 8000, nullable: true),
                SearchText = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 256, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 256, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Actors", x => x.Id);
                table.ForeignKey("FK_Actors_Territories_TerritoryId", x => x.TerritoryId, "Territories", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Actors_TerritoryId_NameKey_Id", "Actors", ["TerritoryId", "NameKey", "Id"]);
        migrationBuilder.CreateIndex("IX_Actors_TerritoryId_Family_NameKey_Id", "Actors", ["TerritoryId", "Family", "NameKey", "Id"]);
        migrationBuilder.CreateIndex("IX_Actors_TerritoryId_UpdatedAt_Id", "Actors", ["TerritoryId", "UpdatedAt", "Id"]);
        migrationBuilder.CreateIndex("IX_Actors_TerritoryId_Subtype_NameKey_Id", "Actors", ["TerritoryId", "Subtype", "NameKey", "Id"]);
        migrationBuilder.CreateIndex("IX_Actors_TerritoryId_CommuneCode_NameKey_Id", "Actors", ["TerritoryId", "CommuneCode", "NameKey", "Id"]);
        migrationBuilder.CreateIndex("IX_Actors_TerritoryId_Modes", "Actors", ["TerritoryId", "Modes"]);
        migrationBuilder.CreateIndex("IX_Actors_TerritoryId_Siren", "Actors", ["TerritoryId", "Siren"]);
        migrationBuilder.CreateIndex("IX_Actors_TerritoryId_Siret", "Actors", ["TerritoryId", "Siret"]);
        migrationBuilder.CreateIndex("IX_Actors_TerritoryId_Rna", "Actors", ["TerritoryId", "Rna"]);
        if (postgres)
        {
            migrationBuilder.EnsurePostgresExtension("pg_trgm");
            migrationBuilder.CreateIndex(TrigramIndex, "Actors", "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", TrigramOperators);
        }
        else if (migrationBuilder.IsSqlite())
        {
            // A trigram full-text index over the search text, kept by triggers: "contains" searches read it
            // instead of scanning the table. It indexes the actors' rowid (see docs/decisions/0006-actors.md).
            migrationBuilder.Sql($"""
                CREATE VIRTUAL TABLE "{SearchTable}" USING fts5("SearchText", content='Actors', content_rowid='rowid', tokenize='trigram');
                CREATE TRIGGER "Actors_SearchInsert" AFTER INSERT ON "Actors" BEGIN
                    INSERT INTO "{SearchTable}"(rowid, "SearchText") VALUES (new.rowid, new."SearchText");
                END;
                CREATE TRIGGER "Actors_SearchDelete" AFTER DELETE ON "Actors" BEGIN
                    INSERT INTO "{SearchTable}"("{SearchTable}", rowid, "SearchText") VALUES ('delete', old.rowid, old."SearchText");
                END;
                CREATE TRIGGER "Actors_SearchUpdate" AFTER UPDATE OF "SearchText" ON "Actors" BEGIN
                    INSERT INTO "{SearchTable}"("{SearchTable}", rowid, "SearchText") VALUES ('delete', old.rowid, old."SearchText");
                    INSERT INTO "{SearchTable}"(rowid, "SearchText") VALUES (new.rowid, new."SearchText");
                END;
                """);
        }

        migrationBuilder.CreateTable(
            name: "ActorSubtypes",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TerritoryId = table.Column<Guid>(nullable: false),
                Family = table.Column<int>(nullable: false),
                Code = table.Column<string>(maxLength: 60, nullable: false),
                Label = table.Column<string>(maxLength: 100, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 256, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 256, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ActorSubtypes", x => x.Id);
                table.ForeignKey("FK_ActorSubtypes_Territories_TerritoryId", x => x.TerritoryId, "Territories", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_ActorSubtypes_TerritoryId_Code", "ActorSubtypes", ["TerritoryId", "Code"], unique: true);

        migrationBuilder.CreateTable(
            name: "Competences",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TerritoryId = table.Column<Guid>(nullable: false),
                Label = table.Column<string>(maxLength: 100, nullable: false),
                Key = table.Column<string>(maxLength: 150, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 256, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 256, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Competences", x => x.Id);
                table.ForeignKey("FK_Competences_Territories_TerritoryId", x => x.TerritoryId, "Territories", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Competences_TerritoryId_Key", "Competences", ["TerritoryId", "Key"], unique: true);

        migrationBuilder.CreateTable(
            name: "ActorCompetences",
            columns: table => new
            {
                ActorId = table.Column<Guid>(nullable: false),
                CompetenceId = table.Column<Guid>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ActorCompetences", x => new { x.ActorId, x.CompetenceId });
                table.ForeignKey("FK_ActorCompetences_Actors_ActorId", x => x.ActorId, "Actors", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ActorCompetences_Competences_CompetenceId", x => x.CompetenceId, "Competences", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_ActorCompetences_CompetenceId_ActorId", "ActorCompetences", ["CompetenceId", "ActorId"]);

        migrationBuilder.CreateTable(
            name: "Contacts",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ActorId = table.Column<Guid>(nullable: false),
                TerritoryId = table.Column<Guid>(nullable: false),
                FirstName = table.Column<string>(maxLength: 100, nullable: true),
                LastName = table.Column<string>(maxLength: 100, nullable: false),
                Function = table.Column<string>(maxLength: 200, nullable: true),
                HierarchyLevel = table.Column<int>(nullable: true),
                DecisionPower = table.Column<int>(nullable: true),
                Availability = table.Column<string>(maxLength: 500, nullable: true),
                Email = table.Column<string>(maxLength: 256, nullable: true),
                Phone = table.Column<string>(maxLength: 30, nullable: true),
                LawfulBasis = table.Column<int>(nullable: false),
                LawfulBasisSource = table.Column<string>(maxLength: 500, nullable: true),
                LastInteractionAt = table.Column<DateTime>(nullable: true),
                AnonymisedAt = table.Column<DateTime>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 256, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 256, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Contacts", x => x.Id);
                table.ForeignKey("FK_Contacts_Actors_ActorId", x => x.ActorId, "Actors", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_Contacts_Territories_TerritoryId", x => x.TerritoryId, "Territories", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Contacts_ActorId", "Contacts", "ActorId");
        migrationBuilder.CreateIndex("IX_Contacts_TerritoryId_LastInteractionAt", "Contacts", ["TerritoryId", "LastInteractionAt"]);

        migrationBuilder.CreateTable(
            name: "RelationTypes",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TerritoryId = table.Column<Guid>(nullable: false),
                Code = table.Column<string>(maxLength: 60, nullable: false),
                Label = table.Column<string>(maxLength: 100, nullable: false),
                ReverseLabel = table.Column<string>(maxLength: 100, nullable: false),
                IsSymmetric = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 256, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 256, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_RelationTypes", x => x.Id);
                table.ForeignKey("FK_RelationTypes_Territories_TerritoryId", x => x.TerritoryId, "Territories", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_RelationTypes_TerritoryId_Code", "RelationTypes", ["TerritoryId", "Code"], unique: true);

        migrationBuilder.CreateTable(
            name: "ActorRelations",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TerritoryId = table.Column<Guid>(nullable: false),
                SourceActorId = table.Column<Guid>(nullable: false),
                TargetActorId = table.Column<Guid>(nullable: false),
                Type = table.Column<string>(maxLength: 60, nullable: false),
                StartDate = table.Column<DateOnly>(nullable: true),
                EndDate = table.Column<DateOnly>(nullable: true),
                Strength = table.Column<int>(nullable: true),
                Notes = table.Column<string>(maxLength: 2000, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 256, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 256, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ActorRelations", x => x.Id);
                table.ForeignKey("FK_ActorRelations_Actors_SourceActorId", x => x.SourceActorId, "Actors", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ActorRelations_Actors_TargetActorId", x => x.TargetActorId, "Actors", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ActorRelations_Territories_TerritoryId", x => x.TerritoryId, "Territories", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_ActorRelations_SourceActorId_TargetActorId", "ActorRelations", ["SourceActorId", "TargetActorId"]);
        migrationBuilder.CreateIndex("IX_ActorRelations_TargetActorId", "ActorRelations", "TargetActorId");
        migrationBuilder.CreateIndex("IX_ActorRelations_TerritoryId_Type", "ActorRelations", ["TerritoryId", "Type"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            migrationBuilder.Sql($"DROP TABLE IF EXISTS \"{SearchTable}\";");
        }

        foreach (var table in new[] { "ActorRelations", "RelationTypes", "Contacts", "ActorCompetences", "Competences", "ActorSubtypes", "Actors" })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
