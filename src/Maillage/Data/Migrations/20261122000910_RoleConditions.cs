using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Maillage.Data.Migrations;

/// <summary>A territory's own wording of the conditions of exercise of source 000's four roles (null: the source's).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122000910_RoleConditions")]
public sealed class RoleConditions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "BuiltInRoleConditions",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TerritoryId = table.Column<Guid>(nullable: false),
                RoleCode = table.Column<string>(maxLength: 100, nullable: false),
                Conditions = table.Column<string>(maxLength: 4000, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 256, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 256, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_BuiltInRoleConditions", x => x.Id);
                table.ForeignKey("FK_BuiltInRoleConditions_Territories_TerritoryId", x => x.TerritoryId, "Territories", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_BuiltInRoleConditions_TerritoryId_RoleCode", "BuiltInRoleConditions", ["TerritoryId", "RoleCode"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("BuiltInRoleConditions");
}
