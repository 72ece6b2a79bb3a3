using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Maillage.Data.Migrations;

/// <summary>The decision on what follows a partnership once it ends (reconduction, evolution, arrêt), its date and reasons.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122000900_ProjectFollowUp")]
public sealed class ProjectFollowUp : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>("FollowUp", "Projects", nullable: true);
        migrationBuilder.AddColumn<DateOnly>("FollowUpDecidedOn", "Projects", nullable: true);
        migrationBuilder.AddColumn<string>("FollowUpNote", "Projects", maxLength: 2000, nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("FollowUpNote", "Projects");
        migrationBuilder.DropColumn("FollowUpDecidedOn", "Projects");
        migrationBuilder.DropColumn("FollowUp", "Projects");
    }
}
