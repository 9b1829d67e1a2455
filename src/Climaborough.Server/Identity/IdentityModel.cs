namespace Climaborough.Server.Identity;

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

/// <summary>A person who signs in: city staff, a stakeholder, an administrator.</summary>
public sealed class ClimaboroughUser : IdentityUser
{
    /// <summary>How the person is shown to others.</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>The partner city they belong to (a city id), if any.</summary>
    public string? CityId { get; set; }

    /// <summary>Preferred language: <c>en</c> or <c>bg</c>.</summary>
    public string Language { get; set; } = "en";
}

/// <summary>An invitation to register: the link carries the token; only its hash is stored.</summary>
public sealed class Invitation
{
    /// <summary>Row id.</summary>
    public string Id { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>SHA-256 of the token in the link (hex).</summary>
    public string TokenHash { get; set; } = string.Empty;

    /// <summary>Who is invited (pre-filled on the form; may be empty).</summary>
    public string? Email { get; set; }

    /// <summary>The city the new account belongs to.</summary>
    public string? CityId { get; set; }

    /// <summary>Platform roles given on registration, comma-separated (besides <c>member</c>).</summary>
    public string Roles { get; set; } = string.Empty;

    /// <summary>The inviting user's id.</summary>
    public string CreatedBy { get; set; } = string.Empty;

    /// <summary>When it was made.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>After this it is refused.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When it was used (an invitation is used once).</summary>
    public DateTimeOffset? UsedAt { get; set; }
}

/// <summary>Users, roles, invitations and OpenIddict's applications, authorizations and tokens.</summary>
public sealed class IdentityDb(DbContextOptions<IdentityDb> options) : IdentityDbContext<ClimaboroughUser>(options)
{
    /// <summary>Invitations, used or not.</summary>
    public DbSet<Invitation> Invitations => Set<Invitation>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<ClimaboroughUser>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(100);
            u.Property(x => x.CityId).HasMaxLength(64);
            u.Property(x => x.Language).HasMaxLength(8);
        });
        builder.Entity<Invitation>(i =>
        {
            i.HasKey(x => x.Id);
            i.HasIndex(x => x.TokenHash).IsUnique();
            i.Property(x => x.TokenHash).HasMaxLength(64);
            i.Property(x => x.Email).HasMaxLength(256);
            i.Property(x => x.CityId).HasMaxLength(64);
            i.Property(x => x.Roles).HasMaxLength(200);
        });
    }
}
