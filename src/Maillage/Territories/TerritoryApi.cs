using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Maillage.Accounts;
using Maillage.Data;
using Maillage.Infrastructure;
using Maillage.Territories.Reference;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Maillage.Territories;

public static class TerritoryApi
{
    public sealed record AreaDto(string Kind, string Code, string Name, string Detail);

    public sealed record TerritoryDto(Guid Id, string Name, string? Description, IReadOnlyList<string> Perimeter,
        IReadOnlyList<AreaDto> PerimeterAreas, int CommuneCount, string Role, bool IsDemo, long Version,
        DateTime CreatedAt, string? CreatedBy, DateTime UpdatedAt, string? UpdatedBy);

    public sealed class TerritoryInput
    {
        [Required(ErrorMessage = "Le nom du territoire est obligatoire.")]
        [StringLength(Territory.NameMaxLength, ErrorMessage = "Le nom du territoire ne doit pas dépasser {1} caractères.")]
        public string? Name { get; set; }

        [StringLength(Territory.DescriptionMaxLength, ErrorMessage = "La description ne doit pas dépasser {1} caractères.")]
        public string? Description { get; set; }

        /// <summary>INSEE codes: commune (5 characters), EPCI SIREN (9 digits), département, or <c>region:NN</c>.</summary>
        public List<string>? Perimeter { get; set; }

        /// <summary>The version read before editing; a stale one is refused with 409 instead of overwriting.</summary>
        public long? Version { get; set; }
    }

    public sealed record MemberDto(Guid Id, string UserId, string? Email, string? DisplayName, string Role, long Version);

    public sealed class MemberInput
    {
        [Required(ErrorMessage = "L'adresse électronique du membre est obligatoire.")]
        [EmailAddress(ErrorMessage = "L'adresse électronique n'est pas valide.")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Le rôle est obligatoire (administrateur, pilote, partenaire ou lecteur).")]
        public string? Role { get; set; }
    }

    public static RouteGroupBuilder MapTerritoryApi(this RouteGroupBuilder api)
    {
        var territories = api.MapGroup("/territories").WithTags("Territoires");
        territories.MapGet("/", ListAsync).WithSummary("Les territoires visibles par la personne connectée.");
        territories.MapPost("/", CreateAsync).AddEndpointFilter<ValidationFilter<TerritoryInput>>()
            .WithSummary("Crée un territoire (administrateur de l'installation).");

        var territory = territories.MapGroup("/{territoryId:guid}").AddEndpointFilter<TerritoryEndpointFilter>();
        territory.MapGet("/", GetAsync).WithSummary("Un territoire et son périmètre.");
        territory.MapPut("/", UpdateAsync).AddEndpointFilter<ValidationFilter<TerritoryInput>>()
            .RequireTerritoryRole(TerritoryRole.Administrateur).WithSummary("Modifie un territoire.");
        territory.MapDelete("/", DeleteAsync).RequireTerritoryRole(TerritoryRole.Administrateur).WithSummary("Supprime un territoire.");

        territory.MapGet("/members", MembersAsync).WithSummary("Les membres du territoire et leur rôle.");
        territory.MapPost("/members", AddMemberAsync).AddEndpointFilter<ValidationFilter<MemberInput>>()
            .RequireTerritoryRole(TerritoryRole.Administrateur).WithSummary("Ajoute un membre (compte existant) avec un rôle.");
        territory.MapDelete("/members", RemoveMemberByEmailAsync).RequireTerritoryRole(TerritoryRole.Administrateur)
            .WithSummary("Retire un membre désigné par ?email=.");
        territory.MapDelete("/members/{memberId:guid}", RemoveMemberAsync).RequireTerritoryRole(TerritoryRole.Administrateur)
            .WithSummary("Retire un membre.");
        return api;
    }

    private static async Task<Ok<ListResult<TerritoryDto>>> ListAsync(TerritoryAccess access, ClaimsPrincipal user,
        AppDbContext db, PerimeterResolver perimeters, CancellationToken cancellationToken)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var rows = await access.Visible(user).AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new
            {
                Territory = t,
                Role = db.TerritoryMembers.Where(m => m.TerritoryId == t.Id && m.UserId == userId).Select(m => (TerritoryRole?)m.Role).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => ToDto(r.Territory, user.IsAdministrator() ? TerritoryRole.Administrateur : r.Role ?? TerritoryRole.Lecteur, perimeters)).ToList();
        return TypedResults.Ok(new ListResult<TerritoryDto>(items, items.Count));
    }

    private static async Task<IResult> CreateAsync(TerritoryInput input, ClaimsPrincipal user, AppDbContext db,
        PerimeterResolver perimeters, CancellationToken cancellationToken)
    {
        if (!user.IsAdministrator())
        {
            return Problems.Forbidden("Seul un administrateur de l'installation peut créer un territoire.");
        }

        var territory = new Territory(input.Name!, input.Description, perimeters.Resolve(input.Perimeter ?? []));
        db.Territories.Add(territory);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/territories/{territory.Id}", ToDto(territory, TerritoryRole.Administrateur, perimeters));
    }

    private static async Task<IResult> GetAsync(Guid territoryId, CurrentTerritory current, AppDbContext db,
        PerimeterResolver perimeters, CancellationToken cancellationToken)
    {
        var territory = await db.Territories.AsNoTracking().SingleAsync(t => t.Id == territoryId, cancellationToken);
        return TypedResults.Ok(ToDto(territory, current.Required.Role, perimeters));
    }

    private static async Task<IResult> UpdateAsync(Guid territoryId, TerritoryInput input, HttpRequest request,
        CurrentTerritory current, AppDbContext db, PerimeterResolver perimeters, CancellationToken cancellationToken)
    {
        var territory = await db.Territories.SingleAsync(t => t.Id == territoryId, cancellationToken);
        await db.ExpectVersionAsync(territory, input.Version ?? request.IfMatchVersion(), cancellationToken);
        territory.Rename(input.Name!, input.Description);
        if (input.Perimeter is not null)
        {
            territory.SetPerimeter(perimeters.Resolve(input.Perimeter));
        }

        await db.SaveCheckedAsync(cancellationToken);
        return TypedResults.Ok(ToDto(territory, current.Required.Role, perimeters));
    }

    private static async Task<IResult> DeleteAsync(Guid territoryId, AppDbContext db, CancellationToken cancellationToken)
    {
        var territory = await db.Territories.SingleAsync(t => t.Id == territoryId, cancellationToken);
        db.Territories.Remove(territory);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ListResult<MemberDto>>> MembersAsync(Guid territoryId, AppDbContext db, CancellationToken cancellationToken)
    {
        var items = await db.TerritoryMembers.AsNoTracking()
            .Where(m => m.TerritoryId == territoryId)
            .OrderByDescending(m => m.Role).ThenBy(m => m.User!.Email)
            .Select(m => new { m.Id, m.UserId, m.User!.Email, m.User.DisplayName, m.Role, m.Version })
            .ToListAsync(cancellationToken);
        var dtos = items.Select(m => new MemberDto(m.Id, m.UserId, m.Email, m.DisplayName, m.Role.Code(), m.Version)).ToList();
        return TypedResults.Ok(new ListResult<MemberDto>(dtos, dtos.Count));
    }

    private static async Task<IResult> AddMemberAsync(Guid territoryId, MemberInput input, AppDbContext db, CancellationToken cancellationToken)
    {
        if (!TerritoryRoles.TryParse(input.Role, out var role))
        {
            return Problems.Validation(new Dictionary<string, string[]>
            {
                ["role"] = [$"Rôle inconnu « {input.Role} » : administrateur, pilote, partenaire ou lecteur."],
            });
        }

        var member = await Members.AddAsync(db, territoryId, input.Email!, role, cancellationToken);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == member.UserId, cancellationToken);
        return TypedResults.Created($"/api/v1/territories/{territoryId}/members/{member.Id}",
            new MemberDto(member.Id, member.UserId, user.Email, user.DisplayName, member.Role.Code(), member.Version));
    }

    private static async Task<IResult> RemoveMemberAsync(Guid territoryId, Guid memberId, ClaimsPrincipal user, AppDbContext db,
        CancellationToken cancellationToken)
    {
        var member = await db.TerritoryMembers.SingleOrDefaultAsync(m => m.Id == memberId && m.TerritoryId == territoryId, cancellationToken);
        if (member is null)
        {
            return Problems.NotFound("Ce membre n'existe pas dans ce territoire.");
        }

        await Members.RemoveAsync(db, member, user.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RemoveMemberByEmailAsync(Guid territoryId, string? email, ClaimsPrincipal user, AppDbContext db,
        CancellationToken cancellationToken)
    {
        var normalized = email?.Trim().ToUpperInvariant();
        var member = await db.TerritoryMembers
            .SingleOrDefaultAsync(m => m.TerritoryId == territoryId && m.User!.NormalizedEmail == normalized, cancellationToken);
        if (member is null)
        {
            return Problems.NotFound($"Aucun membre {email} dans ce territoire.");
        }

        await Members.RemoveAsync(db, member, user.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken);
        return TypedResults.NoContent();
    }

    private static TerritoryDto ToDto(Territory t, TerritoryRole role, PerimeterResolver perimeters)
    {
        var perimeter = t.Perimeter;
        return new TerritoryDto(t.Id, t.Name, t.Description, perimeter.Areas.Select(a => a.ToString()).ToList(),
            perimeters.Describe(perimeter).Select(a => new AreaDto(ReferenceApi.KindCode(a.Kind), a.Code, a.Name, a.Detail)).ToList(),
            perimeters.CommuneCount(perimeter), role.Code(), t.IsDemo, t.Version, t.CreatedAt, t.CreatedBy, t.UpdatedAt, t.UpdatedBy);
    }
}

public sealed record ListResult<T>(IReadOnlyList<T> Items, int Total);

/// <summary>Membership changes shared by the members page and the API.</summary>
public static class Members
{
    public static async Task<TerritoryMember> AddAsync(AppDbContext db, Guid territoryId, string email, TerritoryRole role, CancellationToken cancellationToken)
    {
        var normalized = email.Trim().ToUpperInvariant();
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken)
            ?? throw new DomainException($"Aucun compte n'existe pour {email.Trim()} : un administrateur de l'installation doit d'abord le créer.");
        var territory = await db.Territories.Include(t => t.Members).SingleAsync(t => t.Id == territoryId, cancellationToken);
        var member = territory.AddMember(user.Id, role);
        await db.SaveChangesAsync(cancellationToken);
        return member;
    }

    public static async Task<TerritoryMember> FindAsync(AppDbContext db, Guid territoryId, Guid memberId, CancellationToken cancellationToken) =>
        await db.TerritoryMembers.SingleOrDefaultAsync(m => m.Id == memberId && m.TerritoryId == territoryId, cancellationToken)
        ?? throw new NotFoundException("Ce membre n'existe pas dans ce territoire.");

    /// <summary>Changes a role edited at <paramref name="version"/>; a stale version is a conflict, not an overwrite.</summary>
    public static async Task ChangeRoleAsync(AppDbContext db, TerritoryMember member, TerritoryRole role, long? version,
        string? actingUserId, CancellationToken cancellationToken)
    {
        await db.ExpectVersionAsync(member, version, cancellationToken);
        if (role != TerritoryRole.Administrateur)
        {
            await EnsureNotLastAdministratorAsync(db, member, actingUserId,
                "Vous êtes le seul administrateur de ce territoire : nommez d'abord un autre administrateur avant de changer votre propre rôle.",
                cancellationToken);
        }

        member.ChangeRole(role);
        await db.SaveCheckedAsync(cancellationToken);
    }

    public static async Task RemoveAsync(AppDbContext db, TerritoryMember member, string? actingUserId, CancellationToken cancellationToken)
    {
        await EnsureNotLastAdministratorAsync(db, member, actingUserId,
            "Vous êtes le seul administrateur de ce territoire : nommez d'abord un autre administrateur avant de vous en retirer.",
            cancellationToken);
        db.TerritoryMembers.Remove(member);
        await db.SaveChangesAsync(cancellationToken);
    }

    // A territory whose only administrator leaves or steps down can no longer be managed by its own members.
    private static async Task EnsureNotLastAdministratorAsync(AppDbContext db, TerritoryMember member, string? actingUserId,
        string message, CancellationToken cancellationToken)
    {
        if (member.UserId == actingUserId && member.Role == TerritoryRole.Administrateur
            && !await db.TerritoryMembers.AnyAsync(
                m => m.TerritoryId == member.TerritoryId && m.Id != member.Id && m.Role == TerritoryRole.Administrateur, cancellationToken))
        {
            throw new DomainException(message);
        }
    }
}
