using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Maillage.Data.Migrations;

/// <summary>La cible (rings, placements, snapshots) and the environment analysis of source 004.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122000400_Cibles")]
public sealed class Cibles : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Cibles",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TerritoryId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 120, nullable: false),
                Centre = table.Column<string>(maxLength: 80, nullable: true),
                RingCount = table.Column<int>(nullable: false),
                Ring1 = table.Column<string>(maxLength: 60, nullable: true),
                Ring2 = table.Column<string>(maxLength: 60, nullable: true),
                Ring3 = table.Column<string>(maxLength: 60, nullable: true),
                Ring4 = table.Column<string>(maxLength: 60, nullable: true),
                Ring5 = table.Column<string>(maxLength: 60, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 256, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 256, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Cibles", x => x.Id);
                table.ForeignKey("FK_Cibles_Territories_TerritoryId", x => x.TerritoryId, "Territories", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Cibles_TerritoryId_Name", "Cibles", ["TerritoryId", "Name"]);

        migrationBuilder.CreateTable(
            name: "CiblePlacements",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CibleId = table.Column<Guid>(nullable: false),
                TerritoryId = table.Column<Guid>(nullable: false),
                ActorId = table.Column<Guid>(nullable: false),
                Current = table.Column<int>(nullable: true),
                Ideal = table.Column<int>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 256, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 256, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CiblePlacements", x => x.Id);
                table.ForeignKey("FK_CiblePlacements_Actors_ActorId", x => x.ActorId, "Actors", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_CiblePlacements_Cibles_CibleId", x => x.CibleId, "Cibles", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_CiblePlacements_Territories_TerritoryId", x => x.TerritoryId, "Territories", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_CiblePlacements_CibleId_ActorId", "CiblePlacements", ["CibleId", "ActorId"], unique: true);
        migrationBuilder.CreateIndex("IX_CiblePlacements_ActorId", "CiblePlacements", "ActorId");
        migrationBuilder.CreateIndex("IX_CiblePlacements_TerritoryId", "CiblePlacements", "TerritoryId");

        migrationBuilder.CreateTable(
            name: "CibleSnapshots",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CibleId = table.Column<Guid>(nullable: false),
                TerritoryId = table.Column<Guid>(nullable: false),
                TakenAt = table.Column<DateTime>(nullable: false),
                TakenBy = table.Column<string>(maxLength: 256, nullable: true),
                Note = table.Column<string>(maxLength: 500, nullable: true),
                Content = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CibleSnapshots", x => x.Id);
                table.ForeignKey("FK_CibleSnapshots_Cibles_CibleId", x => x.CibleId, "Cibles", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_CibleSnapshots_Territories_TerritoryId", x => x.TerritoryId, "Territories", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_CibleSnapshots_CibleId_TakenAt", "CibleSnapshots", ["CibleId", "TakenAt"]);
        migrationBuilder.CreateIndex("IX_CibleSnapshots_TerritoryId", "CibleSnapshots", "TerritoryId");

        migrationBuilder.CreateTable(
            name: "EnvironmentAnalyses",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TerritoryId = table.Column<Guid>(nullable: false),
                Title = table.Column<string>(maxLength: 120, nullable: false),
                Organisation = table.Column<string>(maxLength: 200, nullable: true),
                Answer1 = table.Column<string>(maxLength: 4000, nullable: true),
                Answer2 = table.Column<string>(maxLength: 4000, nullable: true),
                Answer3 = table.Column<string>(maxLength: 4000, nullable: true),
                Answer4 = table.Column<string>(maxLength: 4000, nullable: true),
                Answer5 = table.Column<string>(maxLength: 4000, nullable: true),
                Answer6 = table.Column<string>(maxLength: 4000, nullable: true),
                Answer7 = table.Column<string>(maxLength: 4000, nullable: true),
                Answer8 = table.Column<string>(maxLength: 4000, nullable: true),
                Answer9 = table.Column<string>(maxLength: 4000, nullable: true),
                Answer10 = table.Column<string>(maxLength: 4000, nullable: true),
                Answer11 = table.Column<string>(maxLength: 4000, nullable: true),
                Answer12 = table.Column<string>(maxLength: 4000, nullable: true),
                Answer13 = table.Column<string>(maxLength: 4000, nullable: true),
                Answer14 = table.Column<string>(maxLength: 4000, nullable: true),
                InternalMet1 = table.Column<bool>(nullable: false),
                InternalNote1 = table.Column<string>(maxLength: 1000, nullable: true),
                InternalMet2 = table.Column<bool>(nullable: false),
                InternalNote2 = table.Column<string>(maxLength: 1000, nullable: true),
                InternalMet3 = table.Column<bool>(nullable: false),
                InternalNote3 = table.Column<string>(maxLength: 1000, nullable: true),
                InternalMet4 = table.Column<bool>(nullable: false),
                InternalNote4 = table.Column<string>(maxLength: 1000, nullable: true),
                InternalMet5 = table.Column<bool>(nullable: false),
                InternalNote5 = table.Column<string>(maxLength: 1000, nullable: true),
                InternalMet6 = table.Column<bool>(nullable: false),
                InternalNote6 = table.Column<string>(maxLength: 1000, nullable: true),
                ExternalMet1 = table.Column<bool>(nullable: false),
                ExternalNote1 = table.Column<string>(maxLength: 1000, nullable: true),
                ExternalMet2 = table.Column<bool>(nullable: false),
                ExternalNote2 = table.Column<string>(maxLength: 1000, nullable: true),
                ExternalMet3 = table.Column<bool>(nullable: false),
                ExternalNote3 = table.Column<string>(maxLength: 1000, nullable: true),
                ExternalMet4 = table.Column<bool>(nullable: false),
                ExternalNote4 = table.Column<string>(maxLength: 1000, nullable: true),
                ExternalMet5 = table.Column<bool>(nullable: false),
                ExternalNote5 = table.Column<string>(maxLength: 1000, nullable: true),
                ExternalMet6 = table.Column<bool>(nullable: false),
                ExternalNote6 = table.Column<string>(maxLength: 1000, nullable: true),
                Way = table.Column<int>(nullable: true),
                Reasons = table.Column<string>(maxLength: 4000, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 256, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 256, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_EnvironmentAnalyses", x => x.Id);
                table.ForeignKey("FK_EnvironmentAnalyses_Territories_TerritoryId", x => x.TerritoryId, "Territories", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_EnvironmentAnalyses_TerritoryId_Title", "EnvironmentAnalyses", ["TerritoryId", "Title"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "EnvironmentAnalyses", "CibleSnapshots", "CiblePlacements", "Cibles" })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
