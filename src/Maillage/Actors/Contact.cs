using System.Net.Mail;
using Maillage.Data;

namespace Maillage.Actors;

/// <summary>Where the contact stands in its organisation (source 004: hierarchy levels must match in a meeting).</summary>
public enum HierarchyLevel
{
    Elu = 1,
    Direction = 2,
    Encadrement = 3,
    Technique = 4,
}

/// <summary>Source 000: "l'interlocuteur … doit avoir effectivement un pouvoir de décision".</summary>
public enum DecisionPower
{
    Oui = 1,
    Partiel = 2,
    Non = 3,
}

/// <summary>The RGPD lawful basis on which a territory holds a contact's data (article 6).</summary>
public enum LawfulBasis
{
    MissionInteretPublic = 1,
    InteretLegitime = 2,
    Consentement = 3,
}

public static class ContactCodes
{
    public static string Code(this HierarchyLevel level) => level switch
    {
        HierarchyLevel.Elu => "elu",
        HierarchyLevel.Direction => "direction",
        HierarchyLevel.Encadrement => "encadrement",
        HierarchyLevel.Technique => "technique",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    public static string Label(this HierarchyLevel level) => level switch
    {
        HierarchyLevel.Elu => "Élu",
        HierarchyLevel.Direction => "Direction",
        HierarchyLevel.Encadrement => "Encadrement",
        HierarchyLevel.Technique => "Technique",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    public static string Code(this DecisionPower power) => power switch
    {
        DecisionPower.Oui => "oui",
        DecisionPower.Partiel => "partiel",
        DecisionPower.Non => "non",
        _ => throw new ArgumentOutOfRangeException(nameof(power)),
    };

    public static string Label(this DecisionPower power) => power switch
    {
        DecisionPower.Oui => "Oui",
        DecisionPower.Partiel => "Partiel",
        DecisionPower.Non => "Non",
        _ => throw new ArgumentOutOfRangeException(nameof(power)),
    };

    public static string Code(this LawfulBasis basis) => basis switch
    {
        LawfulBasis.MissionInteretPublic => "mission-interet-public",
        LawfulBasis.InteretLegitime => "interet-legitime",
        LawfulBasis.Consentement => "consentement",
        _ => throw new ArgumentOutOfRangeException(nameof(basis)),
    };

    public static string Label(this LawfulBasis basis) => basis switch
    {
        LawfulBasis.MissionInteretPublic => "Mission d'intérêt public",
        LawfulBasis.InteretLegitime => "Intérêt légitime",
        LawfulBasis.Consentement => "Consentement",
        _ => throw new ArgumentOutOfRangeException(nameof(basis)),
    };

    public static bool TryParse<T>(string? code, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(code?.Trim(), CodeOf(candidate), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The value of a code, null for a blank one; an unknown code is a French error naming <paramref name="field"/>.</summary>
    public static T? ParseOptional<T>(string? code, string field)
        where T : struct, Enum =>
        string.IsNullOrWhiteSpace(code) ? null
        : TryParse<T>(code, out var value) ? value
        : throw new DomainException($"{field} : « {code.Trim()} » est inconnu ({ExpectedCodes<T>()}).");

    public static string ExpectedCodes<T>()
        where T : struct, Enum =>
        string.Join(", ", Enum.GetValues<T>().Select(v => CodeOf(v)));

    private static string CodeOf<T>(T value)
        where T : struct, Enum => value switch
        {
            HierarchyLevel h => h.Code(),
            DecisionPower d => d.Code(),
            LawfulBasis l => l.Code(),
            _ => value.ToString(),
        };
}

/// <summary>
/// An "interlocuteur" of an actor: a person, whose data the territory holds on a lawful basis, can export
/// and can anonymise (RGPD articles 6, 15 and 17).
/// </summary>
public sealed class Contact : AuditedEntity
{
    public const int NameMaxLength = 100;
    public const int FunctionMaxLength = 200;
    public const int AvailabilityMaxLength = 500;
    public const int EmailMaxLength = 256;
    public const int PhoneMaxLength = 30;
    public const int LawfulBasisSourceMaxLength = 500;
    public const string AnonymisedName = "Personne anonymisée";

    /// <summary>After this long without an interaction, a contact is listed for review or purge.</summary>
    public static readonly TimeSpan ReviewAfter = TimeSpan.FromDays(3 * 365);

    /// <summary>The properties that say who the person is; anonymisation removes them, from the history too.</summary>
    public static readonly IReadOnlySet<string> IdentityProperties = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(FirstName), nameof(LastName), nameof(Function), nameof(Availability), nameof(Email), nameof(Phone),
    };

    private Contact()
    {
    }

    public Contact(Actor actor, string? firstName, string lastName, LawfulBasis lawfulBasis, string? lawfulBasisSource)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ActorId = actor.Id;
        TerritoryId = actor.TerritoryId;
        Identify(firstName, lastName);
        SetLawfulBasis(lawfulBasis, lawfulBasisSource);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid ActorId { get; private set; }
    public Guid TerritoryId { get; private set; }
    public string? FirstName { get; private set; }
    public string LastName { get; private set; } = "";
    public string? Function { get; private set; }
    public HierarchyLevel? HierarchyLevel { get; private set; }
    public DecisionPower? DecisionPower { get; private set; }
    public string? Availability { get; private set; }
    public string? Email { get; private set; }
    public string? Phone { get; private set; }
    public LawfulBasis LawfulBasis { get; private set; }

    /// <summary>Where the data comes from (a business card, the structure's website, the person…): owed to the person (article 14).</summary>
    public string? LawfulBasisSource { get; private set; }

    public DateTime? LastInteractionAt { get; private set; }
    public DateTime? AnonymisedAt { get; private set; }

    public bool IsAnonymised => AnonymisedAt is not null;

    public string DisplayName => FirstName is null ? LastName : $"{FirstName} {LastName}";

    public override Guid? AuditTerritoryId => TerritoryId;
    public override string AuditKey => Id.ToString();

    public void Identify(string? firstName, string lastName)
    {
        EnsureNotAnonymised();
        var last = lastName?.Trim() ?? "";
        if (last.Length == 0)
        {
            throw new DomainException("Nom : le nom de l'interlocuteur est obligatoire.");
        }

        LastName = Limit(last, NameMaxLength, "Nom")!;
        FirstName = Limit(firstName, NameMaxLength, "Prénom");
    }

    public void SetRole(string? function, HierarchyLevel? level, DecisionPower? decisionPower, string? availability)
    {
        EnsureNotAnonymised();
        if (level is { } l && !Enum.IsDefined(l))
        {
            throw new DomainException($"Niveau hiérarchique : valeur inconnue ({ContactCodes.ExpectedCodes<Actors.HierarchyLevel>()}).");
        }

        if (decisionPower is { } d && !Enum.IsDefined(d))
        {
            throw new DomainException($"Pouvoir de décision : valeur inconnue ({ContactCodes.ExpectedCodes<Actors.DecisionPower>()}).");
        }

        Function = Limit(function, FunctionMaxLength, "Fonction");
        HierarchyLevel = level;
        DecisionPower = decisionPower;
        Availability = Limit(availability, AvailabilityMaxLength, "Disponibilité");
    }

    public void SetCoordinates(string? email, string? phone)
    {
        EnsureNotAnonymised();
        var mail = Limit(email, EmailMaxLength, "Adresse électronique");
        if (mail is not null && (!MailAddress.TryCreate(mail, out var parsed) || parsed.Address != mail || !parsed.Host.Contains('.', StringComparison.Ordinal)))
        {
            throw new DomainException($"Adresse électronique : « {mail} » n'est pas une adresse valide (par exemple prenom.nom@exemple.fr).");
        }

        var tel = Limit(phone, PhoneMaxLength, "Téléphone");
        if (tel is not null)
        {
            var digits = tel.Count(char.IsAsciiDigit);
            if (digits < 6 || digits > 15 || tel.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '.' or '-' or '+' or '(' or ')')))
            {
                throw new DomainException($"Téléphone : « {tel} » n'est pas un numéro de téléphone (chiffres, espaces, points, + et tirets).");
            }
        }

        Email = mail;
        Phone = tel;
    }

    public void SetLawfulBasis(LawfulBasis basis, string? source)
    {
        EnsureNotAnonymised();
        if (!Enum.IsDefined(basis))
        {
            throw new DomainException($"Base légale : valeur inconnue ({ContactCodes.ExpectedCodes<LawfulBasis>()}).");
        }

        LawfulBasis = basis;
        LawfulBasisSource = Limit(source, LawfulBasisSourceMaxLength, "Source des données");
    }

    public void RecordInteraction(DateTime? at, DateTime now)
    {
        EnsureNotAnonymised();
        if (at is { } when && when.ToUniversalTime() > now.AddMinutes(5))
        {
            throw new DomainException("Dernière interaction : la date ne peut pas être dans le futur.");
        }

        LastInteractionAt = at?.ToUniversalTime();
    }

    /// <summary>
    /// Removes who the person is (names, function, availability, email, phone) and keeps the row, so the actor's
    /// history still shows that someone was there; <see cref="ContactPrivacy"/> removes the values from the history.
    /// </summary>
    public void Anonymise(DateTime now)
    {
        if (IsAnonymised)
        {
            throw new DomainException("Cette personne est déjà anonymisée.");
        }

        FirstName = null;
        LastName = AnonymisedName;
        Function = null;
        Availability = null;
        Email = null;
        Phone = null;
        AnonymisedAt = now;
    }

    private void EnsureNotAnonymised()
    {
        if (IsAnonymised)
        {
            throw new DomainException("Cette personne a été anonymisée : ses informations ne peuvent plus être modifiées.");
        }
    }

    private static string? Limit(string? value, int maxLength, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        return trimmed.Length <= maxLength ? trimmed : throw new DomainException($"{field} : {maxLength} caractères au plus.");
    }
}
