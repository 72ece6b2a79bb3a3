using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Maillage.Data.Migrations;

/// <summary>An actor's reference in another file or system, by which an import finds it again (unique per territory).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122000300_ActorExternalId")]
public sealed class ActorExternalId : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("ExternalId", "Actors", maxLength: 100, nullable: true);
        migrationBuilder.CreateIndex("IX_Actors_TerritoryId_ExternalId", "Actors", ["TerritoryId", "ExternalId"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Actors_TerritoryId_ExternalId", "Actors");
        migrationBuilder.DropColumn("ExternalId", "Actors");
    }
}
