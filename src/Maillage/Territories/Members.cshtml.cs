using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Maillage.Data;
using Maillage.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using MemberChanges = Maillage.Territories.Members;

namespace Maillage.Territories;

[TerritoryPage(TerritoryRole.Lecteur, TerritoryRole.Administrateur)]
public sealed class MembersModel(AppDbContext db, CurrentTerritory current) : PageModel
{
    public sealed class MemberForm
    {
        [Required(ErrorMessage = "L'adresse électronique du membre est obligatoire.")]
        [EmailAddress(ErrorMessage = "L'adresse électronique n'est pas valide.")]
        [StringLength(256, ErrorMessage = "L'adresse électronique ne doit pas dépasser {1} caractères.")]
        public string? Email { get; set; }

        [Required(ErrorMessage = "Choisissez le rôle du membre.")]
        public TerritoryRole? Role { get; set; }
    }

    public sealed record Row(Guid Id, string UserId, string? Email, string? DisplayName, TerritoryRole Role, long Version, bool IsMe)
    {
        /// <summary>The organisation (actor) the member is attached to, if any.</summary>
        public Guid? OrganisationId { get; init; }

        public string? OrganisationName { get; init; }
    }

    public IReadOnlyList<Row> Members { get; private set; } = [];

    /// <summary>The form to add a member; bound by <see cref="OnPostAddAsync"/> only, so that the other forms do not validate it.</summary>
    public MemberForm NewMember { get; set; } = new() { Role = TerritoryRole.Lecteur };

    public bool CanManage => current.Required.Can(TerritoryRole.Administrateur);

    [TempData]
    public string? StatusMessage { get; set; }

    private string? UserId => User.FindFirstValue(ClaimTypes.NameIdentifier);

    public Task OnGetAsync(Guid territoryId, CancellationToken cancellationToken) => LoadAsync(territoryId, cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(Guid territoryId, [Bind(Prefix = nameof(NewMember))] MemberForm newMember,
        CancellationToken cancellationToken)
    {
        NewMember = newMember;
        await LoadAsync(territoryId, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var member = await MemberChanges.AddAsync(db, territoryId, newMember.Email!, newMember.Role!.Value, cancellationToken);
        StatusMessage = $"{newMember.Email!.Trim()} est maintenant membre du territoire ({member.Role.Label()}).";
        return Redirect($"/territoires/{territoryId}/membres");
    }

    public async Task<IActionResult> OnPostChangeRoleAsync(Guid territoryId, Guid memberId, TerritoryRole role, long version,
        CancellationToken cancellationToken)
    {
        await LoadAsync(territoryId, cancellationToken);
        if (!ModelState.IsValid)
        {
            ModelState.AddModelError(string.Empty, "Choisissez un rôle parmi Administrateur, Pilote, Partenaire et Lecteur.");
            return Page();
        }

        var member = await MemberChanges.FindAsync(db, territoryId, memberId, cancellationToken);
        await MemberChanges.ChangeRoleAsync(db, member, role, version, UserId, cancellationToken);
        StatusMessage = $"Le rôle de {Label(member.Id)} est maintenant : {role.Label()}.";
        return Redirect($"/territoires/{territoryId}/membres");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid territoryId, Guid memberId, CancellationToken cancellationToken)
    {
        await LoadAsync(territoryId, cancellationToken);
        var member = await MemberChanges.FindAsync(db, territoryId, memberId, cancellationToken);
        await MemberChanges.RemoveAsync(db, member, UserId, cancellationToken);
        StatusMessage = $"{Label(member.Id)} ne fait plus partie du territoire.";
        return Redirect($"/territoires/{territoryId}/membres");
    }

    private string Label(Guid memberId) =>
        Members.FirstOrDefault(m => m.Id == memberId) is { } row ? row.Email ?? row.DisplayName ?? row.UserId : "Ce membre";

    // Loaded before any change, so that a form refused by a rule or a conflict is shown again with the list.
    private async Task LoadAsync(Guid territoryId, CancellationToken cancellationToken)
    {
        var userId = UserId;
        Members = await db.TerritoryMembers.AsNoTracking()
            .Where(m => m.TerritoryId == territoryId)
            .OrderByDescending(m => m.Role).ThenBy(m => m.User!.Email)
            .Select(m => new Row(m.Id, m.UserId, m.User!.Email, m.User.DisplayName, m.Role, m.Version, m.UserId == userId)
            {
                OrganisationId = m.OrganisationId,
                OrganisationName = db.Actors.Where(a => a.Id == m.OrganisationId).Select(a => a.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
    }
}
