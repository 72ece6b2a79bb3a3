using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Maillage.Data.Migrations;

/// <summary>Imports of actors: their log and report, their problems (paged), and each territory's remembered column choices.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122000500_Imports")]
public sealed class ImportsTables : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Imports",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TerritoryId = table.Column<Guid>(nullable: false),
                FileName = table.Column<string>(maxLength: 260, nullable: false),
                FileSize = table.Column<long>(nullable: false),
                UserId = table.Column<string>(maxLength: 450, nullable: true),
                UserName = table.Column<string>(maxLength: 256, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                Format = table.Column<string>(maxLength: 300, nullable: false),
                Headers = table.Column<string>(nullable: false),
                Mapping = table.Column<string>(nullable: false),
                Status = table.Column<int>(nullable: false),
                DryRun = table.Column<bool>(nullable: false),
                StartedAt = table.Column<DateTime>(nullable: true),
                FinishedAt = table.Column<DateTime>(nullable: true),
                RowsRead = table.Column<long>(nullable: false),
                Created = table.Column<long>(nullable: false),
                Updated = table.Column<long>(nullable: false),
                Unchanged = table.Column<long>(nullable: false),
                Skipped = table.Column<long>(nullable: false),
                ProblemCount = table.Column<long>(nullable: false),
                RowsPerSecond = table.Column<double>(nullable: false),
                Message = table.Column<string>(maxLength: 2000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Imports", x => x.Id);
                table.ForeignKey("FK_Imports_Territories_TerritoryId", x => x.TerritoryId, "Territories", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_Imports_TerritoryId_CreatedAt", "Imports", ["TerritoryId", "CreatedAt"]);
        migrationBuilder.CreateIndex("IX_Imports_Status", "Imports", "Status");

        migrationBuilder.CreateTable(
            name: "ImportProblems",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).Identity(),
                ImportId = table.Column<Guid>(nullable: false),
                Line = table.Column<int>(nullable: false),
                Column = table.Column<string>(maxLength: 300, nullable: true),
                Message = table.Column<string>(maxLength: 2000, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ImportProblems", x => x.Id);
                table.ForeignKey("FK_ImportProblems_Imports_ImportId", x => x.ImportId, "Imports", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_ImportProblems_ImportId_Id", "ImportProblems", ["ImportId", "Id"]);

        migrationBuilder.CreateTable(
            name: "ImportColumnChoices",
            columns: table => new
            {
                TerritoryId = table.Column<Guid>(nullable: false),
                HeaderKey = table.Column<string>(maxLength: 300, nullable: false),
                ColumnKey = table.Column<string>(maxLength: 60, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ImportColumnChoices", x => new { x.TerritoryId, x.HeaderKey });
                table.ForeignKey("FK_ImportColumnChoices_Territories_TerritoryId", x => x.TerritoryId, "Territories", "Id", onDelete: ReferentialAction.Cascade);
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("ImportColumnChoices");
        migrationBuilder.DropTable("ImportProblems");
        migrationBuilder.DropTable("Imports");
    }
}
