using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Maillage.Data.Migrations;

/// <summary>Partnership projects framed as source 003: the frame, its three phases, their deliverables and the copils.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122000700_Projects")]
public sealed class Projects : Migration
{
    // A shipped migration never follows the model's constants: the schema it made stays as it was.
    private const int Text = 8000;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Projects",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TerritoryId = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                Motives = table.Column<string>(maxLength: Text, nullable: true),
                Objectives = table.Column<string>(maxLength: Text, nullable: true),
                PerimeterCodes = table.Column<string>(maxLength: Text, nullable: false),
                Description = table.Column<string>(maxLength: Text, nullable: true),
                Principles = table.Column<string>(maxLength: Text, nullable: true),
                Positioning = table.Column<string>(maxLength: Text, nullable: true),
                OperationalRoles = table.Column<string>(maxLength: Text, nullable: true),
                Themes = table.Column<string>(maxLength: 400, nullable: false),
                TargetPopulation = table.Column<string>(maxLength: 2000, nullable: true),
                StartDate = table.Column<DateOnly>(nullable: true),
                EndDate = table.Column<DateOnly>(nullable: true),
                TargetsCompanies = table.Column<bool>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 256, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 256, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Projects", x => x.Id);
                table.ForeignKey("FK_Projects_Territories_TerritoryId", x => x.TerritoryId, "Territories", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Projects_TerritoryId_Name", "Projects", ["TerritoryId", "Name"]);

        migrationBuilder.CreateTable(
            name: "ProjectPhases",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ProjectId = table.Column<Guid>(nullable: false),
                TerritoryId = table.Column<Guid>(nullable: false),
                Kind = table.Column<int>(nullable: false),
                Objectives = table.Column<string>(maxLength: Text, nullable: true),
                Description = table.Column<string>(maxLength: Text, nullable: true),
                Method = table.Column<string>(maxLength: Text, nullable: true),
                StartDate = table.Column<DateOnly>(nullable: true),
                EndDate = table.Column<DateOnly>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 256, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 256, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProjectPhases", x => x.Id);
                table.ForeignKey("FK_ProjectPhases_Projects_ProjectId", x => x.ProjectId, "Projects", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_ProjectPhases_ProjectId_Kind", "ProjectPhases", ["ProjectId", "Kind"], unique: true);

        migrationBuilder.CreateTable(
            name: "ProjectDeliverables",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ProjectId = table.Column<Guid>(nullable: false),
                TerritoryId = table.Column<Guid>(nullable: false),
                Phase = table.Column<int>(nullable: false),
                Title = table.Column<string>(maxLength: 300, nullable: false),
                DueDate = table.Column<DateOnly>(nullable: true),
                Owner = table.Column<string>(maxLength: 200, nullable: true),
                Status = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 256, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 256, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProjectDeliverables", x => x.Id);
                table.ForeignKey("FK_ProjectDeliverables_Projects_ProjectId", x => x.ProjectId, "Projects", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_ProjectDeliverables_ProjectId_Phase", "ProjectDeliverables", ["ProjectId", "Phase"]);

        migrationBuilder.CreateTable(
            name: "ProjectCopils",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ProjectId = table.Column<Guid>(nullable: false),
                TerritoryId = table.Column<Guid>(nullable: false),
                Date = table.Column<DateOnly>(nullable: false),
                Label = table.Column<string>(maxLength: 200, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 256, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 256, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProjectCopils", x => x.Id);
                table.ForeignKey("FK_ProjectCopils_Projects_ProjectId", x => x.ProjectId, "Projects", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_ProjectCopils_ProjectId_Date", "ProjectCopils", ["ProjectId", "Date"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "ProjectCopils", "ProjectDeliverables", "ProjectPhases", "Projects" })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
