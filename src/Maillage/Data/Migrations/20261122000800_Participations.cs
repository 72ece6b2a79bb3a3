using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Maillage.Data.Migrations;

/// <summary>Actors taking part in projects with a role (source 000), and the roles a territory adds.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122000800_Participations")]
public sealed class Participations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ProjectRoles",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                TerritoryId = table.Column<Guid>(nullable: false),
                Code = table.Column<string>(maxLength: 100, nullable: false),
                Label = table.Column<string>(maxLength: 100, nullable: false),
                Description = table.Column<string>(maxLength: 4000, nullable: true),
                Conditions = table.Column<string>(maxLength: 4000, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 256, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 256, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProjectRoles", x => x.Id);
                table.ForeignKey("FK_ProjectRoles_Territories_TerritoryId", x => x.TerritoryId, "Territories", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_ProjectRoles_TerritoryId_Code", "ProjectRoles", ["TerritoryId", "Code"], unique: true);

        migrationBuilder.CreateTable(
            name: "ProjectParticipations",
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ProjectId = table.Column<Guid>(nullable: false),
                TerritoryId = table.Column<Guid>(nullable: false),
                ActorId = table.Column<Guid>(nullable: false),
                Role = table.Column<string>(maxLength: 100, nullable: false),
                Function = table.Column<string>(maxLength: 300, nullable: true),
                ConditionsMet = table.Column<string>(maxLength: 4000, nullable: false),
                Mobilisation = table.Column<int>(nullable: false),
                Wave = table.Column<int>(nullable: false),
                DecisionWeight = table.Column<int>(nullable: false),
                RepresentativeContactId = table.Column<Guid>(nullable: true),
                IsActive = table.Column<bool>(nullable: false),
                LastActivityDate = table.Column<DateOnly>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 256, nullable: true),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(maxLength: 256, nullable: true),
                Version = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ProjectParticipations", x => x.Id);
                table.ForeignKey("FK_ProjectParticipations_Projects_ProjectId", x => x.ProjectId, "Projects", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ProjectParticipations_Actors_ActorId", x => x.ActorId, "Actors", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ProjectParticipations_Contacts_RepresentativeContactId", x => x.RepresentativeContactId, "Contacts", "Id",
                    onDelete: ReferentialAction.SetNull);
            });
        migrationBuilder.CreateIndex("IX_ProjectParticipations_ProjectId_ActorId_Role", "ProjectParticipations", ["ProjectId", "ActorId", "Role"], unique: true);
        migrationBuilder.CreateIndex("IX_ProjectParticipations_ActorId", "ProjectParticipations", "ActorId");
        migrationBuilder.CreateIndex("IX_ProjectParticipations_RepresentativeContactId", "ProjectParticipations", "RepresentativeContactId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("ProjectParticipations");
        migrationBuilder.DropTable("ProjectRoles");
    }
}
