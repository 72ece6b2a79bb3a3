using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Maillage.Data.Migrations;

/// <summary>A cible may be a project's (issue 5: « for a project or for the organisation »); null stays the organisation's.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122001100_CibleProject")]
public sealed class CibleProject : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            // As in MemberOrganisation: a REFERENCES clause on a new nullable column, since EF's table rebuild needs
            // the model snapshot these hand-written migrations lack.
            migrationBuilder.Sql("""
                ALTER TABLE "Cibles" ADD COLUMN "ProjectId" TEXT NULL
                    CONSTRAINT "FK_Cibles_Projects_ProjectId" REFERENCES "Projects" ("Id") ON DELETE SET NULL;
                """);
        }
        else
        {
            migrationBuilder.AddColumn<Guid>("ProjectId", "Cibles", nullable: true);
            migrationBuilder.AddForeignKey("FK_Cibles_Projects_ProjectId", "Cibles", "ProjectId", "Projects",
                principalColumn: "Id", onDelete: ReferentialAction.SetNull);
        }

        migrationBuilder.CreateIndex("IX_Cibles_ProjectId", "Cibles", "ProjectId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (!migrationBuilder.IsSqlite())
        {
            migrationBuilder.DropForeignKey("FK_Cibles_Projects_ProjectId", "Cibles");
        }

        migrationBuilder.DropIndex("IX_Cibles_ProjectId", "Cibles");
        migrationBuilder.DropColumn("ProjectId", "Cibles");
    }
}
