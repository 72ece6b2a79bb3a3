using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Maillage.Data.Migrations;

/// <summary>The organisation (actor) a member belongs to: a Partenaire edits that actor and its contacts.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122000310_MemberOrganisation")]
public sealed class MemberOrganisation : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            // SQLite adds no constraint to an existing table, except a REFERENCES clause on a new nullable column
            // (EF would rebuild the table, which needs the model snapshot these hand-written migrations lack).
            migrationBuilder.Sql("""
                ALTER TABLE "TerritoryMembers" ADD COLUMN "OrganisationId" TEXT NULL
                    CONSTRAINT "FK_TerritoryMembers_Actors_OrganisationId" REFERENCES "Actors" ("Id") ON DELETE SET NULL;
                """);
        }
        else
        {
            migrationBuilder.AddColumn<Guid>("OrganisationId", "TerritoryMembers", nullable: true);
            migrationBuilder.AddForeignKey("FK_TerritoryMembers_Actors_OrganisationId", "TerritoryMembers", "OrganisationId", "Actors",
                principalColumn: "Id", onDelete: ReferentialAction.SetNull);
        }

        migrationBuilder.CreateIndex("IX_TerritoryMembers_OrganisationId", "TerritoryMembers", "OrganisationId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (!migrationBuilder.IsSqlite())
        {
            migrationBuilder.DropForeignKey("FK_TerritoryMembers_Actors_OrganisationId", "TerritoryMembers");
        }

        migrationBuilder.DropIndex("IX_TerritoryMembers_OrganisationId", "TerritoryMembers");
        migrationBuilder.DropColumn("OrganisationId", "TerritoryMembers");
    }
}
