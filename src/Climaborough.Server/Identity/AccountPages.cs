namespace Climaborough.Server.Identity;

using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Climaborough.Abstractions.Cities;
using Climaborough.Abstractions.Labs;
using Climaborough.Abstractions.Users;
using Climaborough.Contracts;
using Climaborough.Server.Identity.Pages;
using Climaborough.Server.Identity.Resources;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.WebEncoders;

/// <summary>
/// The server-rendered account pages: sign in, register (by invitation, or openly when allowed),
/// change password, sign out. Plain HTML forms with antiforgery tokens, in the app's look and in
/// English or Bulgarian (<c>lang</c>, else the app's <c>ui_locales</c>, else the browser's language).
/// The handlers here decide; the pages are Razor components (<c>Identity/Pages</c>) rendered on the
/// server, their words in <c>Identity/Resources/AccountStrings*.resx</c>.
/// </summary>
public static partial class AccountPages
{
    /// <summary>
    /// Registers what the pages need: the Razor component renderer (static server rendering only; no
    /// interactive render mode is added) and an HTML encoder that leaves letters of every script as they are
    /// (the default writes Cyrillic as <c>&amp;#x…;</c>); it still encodes <c>&lt; &gt; &amp; " '</c>.
    /// </summary>
    public static IServiceCollection AddAccountPages(this IServiceCollection services)
    {
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorComponents();
        return services;
    }

    /// <summary>Maps <c>/account/*</c>.</summary>
    public static IEndpointRouteBuilder MapAccountPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account").ExcludeFromDescription().AllowAnonymous();
        group.MapGet("/login", ShowLogin);
        group.MapPost("/login", LoginAsync);
        group.MapGet("/register", RegisterPageAsync);
        group.MapPost("/register", RegisterAsync);
        group.MapGet("/password", PasswordPageAsync);
        group.MapPost("/password", ChangePasswordAsync);
        group.MapMethods("/logout", ["GET", "POST"], LogoutAsync).DisableAntiforgery();
        return app;
    }

    private static string Language(HttpContext context) =>
        AccountStrings.Pick(context.Request.Query["lang"].FirstOrDefault() ?? (context.Request.HasFormContentType ? context.Request.Form["lang"].FirstOrDefault() : null)
            ?? context.Request.Headers.AcceptLanguage.FirstOrDefault());

    // The rule of Url.IsLocalUrl (which LocalRedirect enforces): one leading '/', not "//" or "/\\", and no
    // control characters anywhere (browsers drop tab and line breaks, so "/\t/evil.example" is "//evil.example").
    private static string LocalOrRoot(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl) ? url : "/";

    /// <summary>
    /// Reads a posted form and checks its antiforgery token. Anything malformed (not a form, an unreadable
    /// body, a field with a control character such as U+0000, a missing or stale antiforgery cookie) is the
    /// caller's error: the refusal is a 400 page, never an exception.
    /// </summary>
    private static async Task<(IFormCollection? Form, string? Problem)> ReadFormAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!context.Request.HasFormContentType)
        {
            return (null, "BadRequest");
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException or InvalidOperationException)
        {
            return (null, "BadRequest");
        }

        if (form.Any(f => f.Value.Any(v => v is not null && TextRules.HasControlCharacters(v))) || form.Keys.Any(TextRules.HasControlCharacters))
        {
            return (null, "BadRequest");
        }

        return await antiforgery.IsRequestValidAsync(context) ? (form, null) : (form, "FormExpired");
    }

    private static string QueryLanguage(HttpContext context) =>
        AccountStrings.Pick(context.Request.Query["lang"].FirstOrDefault() ?? context.Request.Headers.AcceptLanguage.FirstOrDefault());

    // ---- sign in ----------------------------------------------------------------------------

    private static RazorComponentResult<LoginPage> ShowLogin(HttpContext context, IAntiforgery antiforgery) =>
        LoginForm(context, antiforgery, Language(context), context.Request.Query["returnUrl"], null, null);

    private static RazorComponentResult<LoginPage> LoginForm(HttpContext context, IAntiforgery antiforgery, string lang, string? returnUrl, string? userName, string? error) =>
        Render<LoginPage>(error is null ? 200 : 400, new()
        {
            [nameof(LoginPage.T)] = AccountStrings.For(lang),
            [nameof(LoginPage.Antiforgery)] = antiforgery.GetAndStoreTokens(context),
            [nameof(LoginPage.ReturnUrl)] = LocalOrRoot(returnUrl),
            [nameof(LoginPage.UserName)] = userName,
            [nameof(LoginPage.Error)] = error,
        });

    private static async Task<IResult> LoginAsync(HttpContext context, IAntiforgery antiforgery, SignInManager<ClimaboroughUser> signIn, UserManager<ClimaboroughUser> users, AuthSettings settings)
    {
        var (form, problem) = await ReadFormAsync(context, antiforgery);
        if (form is null)
        {
            return Message(QueryLanguage(context), "SignInTitle", problem!, 400);
        }

        var lang = Language(context);
        var returnUrl = LocalOrRoot(form["returnUrl"]);
        if (problem is not null)
        {
            // A stale or missing antiforgery cookie: the form again, with a fresh token.
            return LoginForm(context, antiforgery, lang, returnUrl, form["userName"].ToString().Trim(), AccountStrings.For(lang)[problem]);
        }

        string login = form["userName"].ToString().Trim();
        string password = form["password"].ToString();
        var user = login.Contains('@', StringComparison.Ordinal) ? await users.FindByEmailAsync(login) : await users.FindByNameAsync(login);
        if (user is not null && password.Length > 0)
        {
            var result = await signIn.PasswordSignInAsync(user, password, isPersistent: true, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                return Results.LocalRedirect(returnUrl);
            }
        }

        // One answer for every failure (unknown user, wrong password, locked out): nothing is revealed.
        var message = AccountStrings.For(lang).Format("SignInFailed", settings.LockoutAttempts, (int)settings.LockoutDuration.TotalMinutes);
        return LoginForm(context, antiforgery, lang, returnUrl, login, message);
    }

    // ---- register ---------------------------------------------------------------------------

    /// <summary>A registration as typed (what the form shows again).</summary>
    public sealed record Registration(string UserName, string DisplayName, string Email, string CityId, string Language);

    /// <summary>An invitation to a lab by link (<c>/labs/{id}/join?token=…</c>): it lets a newcomer register too.</summary>
    private sealed record LabLink(string LabId, string Token, InvitationByLink Found);

    private static async Task<LabLink?> FindLabInvitationAsync(IGrainFactory grains, string? labId, string? token)
    {
        if (!LabIds.IsValid(labId) || token is not { Length: > 0 and <= 100 })
        {
            return null;
        }

        var found = await grains.GetGrain<ILabGrain>(labId!).PreviewInvitationAsync(Invitations.Hash(token));
        return found.Ok ? new LabLink(labId!, token, found.Value!) : null;
    }

    private static async Task<IResult> RegisterPageAsync(HttpContext context, IAntiforgery antiforgery, IdentityDb db, IGrainFactory grains, AuthSettings settings)
    {
        var lang = Language(context);
        string? token = context.Request.Query["invitation"];
        var invitation = await FindInvitationAsync(db, token);
        var labLink = invitation is null ? await FindLabInvitationAsync(grains, context.Request.Query["lab"], context.Request.Query["labInvitation"]) : null;
        if (invitation is null && labLink is null && !settings.SelfRegistration)
        {
            return Message(lang, "RegisterTitle", token is null && !context.Request.Query.ContainsKey("labInvitation") ? "InvitationNeeded" : "InvitationInvalid", 400);
        }

        var draft = new Registration(string.Empty, string.Empty, invitation?.Email ?? labLink?.Found.Email ?? string.Empty, invitation?.CityId ?? string.Empty, lang);
        return await RegisterFormAsync(context, antiforgery, grains, lang, token, invitation, labLink, draft, new Dictionary<string, string>());
    }

    private static async Task<IResult> RegisterFormAsync(HttpContext context, IAntiforgery antiforgery, IGrainFactory grains, string lang, string? token, Invitation? invitation, LabLink? labLink, Registration draft, Dictionary<string, string> errors)
    {
        var t = AccountStrings.For(lang);
        var cities = await CityChoicesAsync(grains);

        // A lab's invitation gives no city: belonging to a partner city opens its network labs, and only a
        // city coordinator's invitation (or an administrator) grants that.
        var cityLocked = invitation?.CityId is not null || labLink is not null;
        var invitedToLab = labLink?.Found.Preview is { } lab
            ? t.Format("InvitedToLab", lab.InvitedBy, lab.LabTitle, cities.FirstOrDefault(c => c.Id == lab.CityId).Name ?? lab.CityId, t["LabRole_" + lab.Role])
            : null;
        return Render<RegisterPage>(errors.Count == 0 ? 200 : 400, new()
        {
            [nameof(RegisterPage.T)] = t,
            [nameof(RegisterPage.Antiforgery)] = antiforgery.GetAndStoreTokens(context),
            [nameof(RegisterPage.Invitation)] = token ?? string.Empty,
            [nameof(RegisterPage.Lab)] = labLink is null ? null : (labLink.LabId, labLink.Token),
            [nameof(RegisterPage.InvitedToLab)] = invitedToLab,
            [nameof(RegisterPage.Draft)] = draft,
            [nameof(RegisterPage.Cities)] = cities,
            [nameof(RegisterPage.CityLocked)] = cityLocked,
            [nameof(RegisterPage.Errors)] = errors,
        });
    }

    private static async Task<IResult> RegisterAsync(HttpContext context, IAntiforgery antiforgery, IdentityDb db, UserManager<ClimaboroughUser> users, SignInManager<ClimaboroughUser> signIn, IGrainFactory grains, AuthSettings settings, TimeProvider time)
    {
        var (form, problem) = await ReadFormAsync(context, antiforgery);
        if (form is null || problem is not null)
        {
            return Message(form is null ? QueryLanguage(context) : Language(context), "RegisterTitle", problem!, 400);
        }

        var lang = Language(context);
        string token = form["invitation"].ToString();
        var invitation = await FindInvitationAsync(db, token);
        var labLink = invitation is null ? await FindLabInvitationAsync(grains, form["lab"], form["labInvitation"]) : null;
        if (invitation is null && labLink is null && (!settings.SelfRegistration || form.ContainsKey("labInvitation")))
        {
            return Message(lang, "RegisterTitle", "InvitationInvalid", 400);
        }

        var t = AccountStrings.For(lang);
        string T(string key) => t[key];
        var draft = new Registration(
            form["userName"].ToString().Trim(),
            TextRules.NormalizeName(form["displayName"].ToString()),
            form["email"].ToString().Trim(),
            labLink is not null ? string.Empty : invitation?.CityId ?? form["city"].ToString(),
            lang);
        string password = form["password"].ToString();
        var errors = new Dictionary<string, string>();
        if (!UserNamePattern().IsMatch(draft.UserName))
        {
            errors["userName"] = T(draft.UserName.Length == 0 ? "Required" : "UserNameInvalid");
        }
        else if (await users.FindByNameAsync(draft.UserName) is not null)
        {
            errors["userName"] = T("UserNameTaken");
        }

        if (draft.DisplayName.Length == 0)
        {
            errors["displayName"] = T("Required");
        }
        else if (draft.DisplayName.Length > 100)
        {
            errors["displayName"] = t.Format("TooLong", 100);
        }
        else if (TextRules.CheckName(draft.DisplayName) is var nameProblem and not NameProblem.None)
        {
            errors["displayName"] = nameProblem == NameProblem.StackedMarks
                ? t.Format("NameMarks", TextRules.MaxCombiningMarks)
                : T("NameInvisible");
        }

        if (draft.Email.Length == 0)
        {
            errors["email"] = T("Required");
        }
        else if (draft.Email.Length > 256 || !EmailPattern().IsMatch(draft.Email))
        {
            errors["email"] = T("EmailInvalid");
        }
        else if (await users.FindByEmailAsync(draft.Email) is not null)
        {
            errors["email"] = T("EmailTaken");
        }

        if (password.Length < 10)
        {
            errors["password"] = T(password.Length == 0 ? "Required" : "PasswordShort");
        }
        else if (password.Length > 256)
        {
            errors["password"] = t.Format("TooLong", 256);
        }

        if (form["confirm"] != password)
        {
            errors["confirm"] = T("PasswordMismatch");
        }

        if (draft.CityId.Length > 0 && !(await CityChoicesAsync(grains)).Any(c => c.Id == draft.CityId))
        {
            errors["city"] = T("UnknownCity");
        }

        if (errors.Count > 0)
        {
            return await RegisterFormAsync(context, antiforgery, grains, lang, token, invitation, labLink, draft, errors);
        }

        var user = new ClimaboroughUser
        {
            UserName = draft.UserName,
            Email = draft.Email,
            EmailConfirmed = (invitation?.Email ?? labLink?.Found.Email) is { } invited && string.Equals(invited, draft.Email, StringComparison.OrdinalIgnoreCase),
            DisplayName = draft.DisplayName,
            CityId = draft.CityId.Length > 0 ? draft.CityId : null,
            Language = lang,
        };

        // The invitation is spent first, atomically: a second use of the same link finds it used.
        if (invitation is not null)
        {
            var now = time.GetUtcNow();
            var spent = await db.Invitations.Where(i => i.Id == invitation.Id && i.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, now));
            if (spent == 0)
            {
                return Message(lang, "RegisterTitle", "InvitationInvalid", 400);
            }
        }

        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            if (invitation is not null)
            {
                await db.Invitations.Where(i => i.Id == invitation.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.UsedAt, (DateTimeOffset?)null));
            }

            errors["password"] = string.Join(" ", created.Errors.Select(e => e.Description));
            return await RegisterFormAsync(context, antiforgery, grains, lang, token, invitation, labLink, draft, errors);
        }

        var roles = new List<string> { PlatformRoles.Member };
        roles.AddRange((invitation?.Roles ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Where(PlatformRoles.Assignable.Contains));
        await users.AddToRolesAsync(user, roles.Distinct());
        if (labLink is not null)
        {
            // The lab spends its link atomically: if someone used it meanwhile, this account is not made after all.
            var joined = await grains.GetGrain<ILabGrain>(labLink.LabId).AcceptAsync(new Actor(user.Id, user.DisplayName, null, user.UserName), null, Invitations.Hash(labLink.Token));
            if (!joined.Ok)
            {
                await users.DeleteAsync(user);
                return Message(lang, "RegisterTitle", "InvitationInvalid", 400);
            }
        }

        await grains.GetGrain<IUserGrain>(user.Id).SetAsync(new UserProfile(user.DisplayName, user.CityId, user.UserName), roles);
        await signIn.SignInAsync(user, isPersistent: true);

        // Into the app, which signs in through the standard flow (at once: the sign-in cookie is set); after a
        // lab's invitation, its join page finishes the sign-in and opens the lab.
        return Results.LocalRedirect(labLink is null ? "/authentication/login" : $"/labs/{labLink.LabId}/join?joined=1");
    }

    private static async Task<Invitation?> FindInvitationAsync(IdentityDb db, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Invitations.Hash(token);
        var found = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash);
        return found is { UsedAt: null } && found.ExpiresAt > DateTimeOffset.UtcNow ? found : null;
    }

    private static async Task<List<(string Id, string Name)>> CityChoicesAsync(IGrainFactory grains)
    {
        var ids = await grains.GetGrain<ICityDirectoryGrain>(ICityDirectoryGrain.NetworkKey).ListAsync();
        var cities = new List<(string, string)>();
        foreach (var id in ids)
        {
            if (await grains.GetGrain<ICityGrain>(id).GetAsync() is { } city)
            {
                cities.Add((id, city.Profile.Name));
            }
        }

        return cities;
    }

    // ---- password ---------------------------------------------------------------------------

    private static async Task<IResult> PasswordPageAsync(HttpContext context, IAntiforgery antiforgery, UserManager<ClimaboroughUser> users)
    {
        var lang = Language(context);
        return await users.GetUserAsync((await context.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Principal ?? new()) is null
            ? Results.Redirect($"/account/login?lang={lang}&returnUrl={Uri.EscapeDataString("/account/password?lang=" + lang)}")
            : PasswordForm(context, antiforgery, lang, new Dictionary<string, string>(), null);
    }

    private static RazorComponentResult<PasswordPage> PasswordForm(HttpContext context, IAntiforgery antiforgery, string lang, Dictionary<string, string> errors, string? done) =>
        Render<PasswordPage>(errors.Count == 0 ? 200 : 400, new()
        {
            [nameof(PasswordPage.T)] = AccountStrings.For(lang),
            [nameof(PasswordPage.Antiforgery)] = antiforgery.GetAndStoreTokens(context),
            [nameof(PasswordPage.Errors)] = errors,
            [nameof(PasswordPage.Done)] = done,
        });

    private static async Task<IResult> ChangePasswordAsync(HttpContext context, IAntiforgery antiforgery, UserManager<ClimaboroughUser> users, SignInManager<ClimaboroughUser> signIn)
    {
        var (form, problem) = await ReadFormAsync(context, antiforgery);
        if (form is null || problem is not null)
        {
            return Message(form is null ? QueryLanguage(context) : Language(context), "PasswordTitle", problem!, 400);
        }

        var lang = Language(context);
        var user = await users.GetUserAsync((await context.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Principal ?? new());
        if (user is null)
        {
            return Results.Redirect($"/account/login?lang={lang}");
        }

        var t = AccountStrings.For(lang);
        string T(string key) => t[key];
        string password = form["password"].ToString();
        var errors = new Dictionary<string, string>();
        if (password.Length < 10)
        {
            errors["password"] = T(password.Length == 0 ? "Required" : "PasswordShort");
        }

        if (form["confirm"] != password)
        {
            errors["confirm"] = T("PasswordMismatch");
        }

        if (errors.Count == 0)
        {
            var changed = await users.ChangePasswordAsync(user, form["current"].ToString(), password);
            if (changed.Succeeded)
            {
                await signIn.RefreshSignInAsync(user);
                return PasswordForm(context, antiforgery, lang, errors, T("PasswordChanged"));
            }

            errors["current"] = T("PasswordWrong");
        }

        return PasswordForm(context, antiforgery, lang, errors, null);
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, SignInManager<ClimaboroughUser> signIn)
    {
        await signIn.SignOutAsync();
        return Results.LocalRedirect(LocalOrRoot(context.Request.Query["returnUrl"]));
    }

    // ---- pages -------------------------------------------------------------------------------

    /// <summary>
    /// A page component rendered on the server into the response (static rendering: no interactivity, no
    /// script). Razor encodes every value it writes, in text and in attributes; nothing here is written raw.
    /// </summary>
    private static RazorComponentResult<TPage> Render<TPage>(int status, Dictionary<string, object?> parameters)
        where TPage : IComponent =>
        new(parameters) { StatusCode = status, PreventStreamingRendering = true };

    private static RazorComponentResult<MessagePage> Message(string lang, string titleKey, string messageKey, int status)
    {
        var t = AccountStrings.For(lang);
        return Render<MessagePage>(status, new()
        {
            [nameof(MessagePage.T)] = t,
            [nameof(MessagePage.Title)] = t[titleKey],
            [nameof(MessagePage.Message)] = t[messageKey],
        });
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{3,32}$")]
    private static partial Regex UserNamePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}

/// <summary>Invitation tokens: random, shown once in the link, stored as a hash.</summary>
public static class Invitations
{
    /// <summary>A new token (URL-safe).</summary>
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    /// <summary>What is stored for a token.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
