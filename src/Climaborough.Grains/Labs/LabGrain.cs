namespace Climaborough.Grains.Labs;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Cities;
using Climaborough.Abstractions.Realtime;
using Climaborough.Abstractions.Users;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Climaborough.Grains.Realtime;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

/// <summary>See <see cref="ILabGrain"/>. Every decision goes through <see cref="LabPolicy"/>.</summary>
/// <remarks>The grain type stays "workspace" (the class's name before labs were called labs in the code), so the
/// stored state of existing labs (<c>grains/lab/workspace/&lt;id&gt;</c>) is found again.</remarks>
[GrainType("workspace")]
public sealed class LabGrain(
    [PersistentState("lab")] IPersistentState<LabState> state,
    TimeProvider time,
    Microsoft.Extensions.Options.IOptions<LabOptions> options,
    ILogger<LabGrain> logger) : TopicGrain(logger), ILabGrain
{
    private string Id => this.GetPrimaryKeyString();

    private LabState S => state.State;

    public async Task<Outcome<LabDetails>> CreateAsync(Actor actor, CreateLabRequest request)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (S.Created)
        {
            return new Refusal(ErrorCodes.Conflict, "This lab exists already.");
        }

        if (actor.CityId is null)
        {
            return new Refusal(ErrorCodes.Forbidden, "A lab belongs to a city: only people of a partner city create labs.");
        }

        if (Invalid(request?.Title, request?.Theme, request?.Description) is { } problem)
        {
            return new Refusal(ErrorCodes.Invalid, problem);
        }

        if (!Enum.IsDefined(request!.Visibility))
        {
            return new Refusal(ErrorCodes.Invalid, "visibility: one of private, network, public.");
        }

        var now = time.GetUtcNow();
        S.Created = true;
        S.CityId = actor.CityId;
        S.Title = request!.Title.Trim();
        S.Theme = request.Theme.Trim();
        S.Description = request.Description;
        S.DescriptionHtml = Text.MarkdownRenderer.ToSafeHtml(request.Description);
        S.Visibility = request.Visibility;
        S.CreatedAt = now;
        S.Members[actor.UserId] = new StoredMember(actor.Name, actor.CityId, LabRole.Owner, now, actor.UserName);
        AddActivity(actor, "created", [S.Title]);
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<ICityGrain>(S.CityId).AddLabAsync(Id);
        await GrainFactory.GetGrain<IUserGrain>(actor.UserId).SetLabRoleAsync(Id, LabRole.Owner);
        return new(Details(actor));
    }

    public Task<Outcome<LabDetails>> ViewAsync(Actor? actor) =>
        Task.FromResult(Allows(actor, LabAction.Read) ? new Outcome<LabDetails>(Details(actor)) : NotFound<LabDetails>());

    public Task<bool> AllowsAsync(Actor? actor, LabAction action) => Task.FromResult(Allows(actor, action));

    public Task<LabAccess> AccessAsync(Actor? actor) => Task.FromResult(Access(actor));

    public Task<LabSummary?> SummaryAsync(Actor? actor) => Task.FromResult(Allows(actor, LabAction.Read) ? Summary() : null);

    public async Task<Outcome<LabDetails>> UpdateAsync(Actor actor, LabSettingsRequest settings)
    {
        if (Refuse(actor, LabAction.Moderate) is { } refused)
        {
            return refused;
        }

        if (Invalid(settings?.Title, settings?.Theme, settings?.Description) is { } problem)
        {
            return new Refusal(ErrorCodes.Invalid, problem);
        }

        if (!Enum.IsDefined(settings!.Visibility))
        {
            return new Refusal(ErrorCodes.Invalid, "visibility: one of private, network, public.");
        }

        var narrowed = settings.Visibility < S.Visibility;
        S.Title = settings.Title.Trim();
        S.Theme = settings.Theme.Trim();
        S.Description = settings.Description;
        S.DescriptionHtml = Text.MarkdownRenderer.ToSafeHtml(settings.Description);
        S.Visibility = settings.Visibility;
        var line = AddActivity(actor, "settings", [S.Title]);
        await state.WriteStateAsync();

        // Those who may no longer read are dropped first: they do not even hear of the change.
        if (narrowed)
        {
            await RevokeAsync();
        }

        Publish(line);

        return new(Details(actor));
    }

    public async Task<Outcome<LabInvitation>> InviteAsync(Actor actor, string? userId, string? email, string? tokenHash, LabRole role)
    {
        if (Refuse(actor, LabAction.Moderate) is { } refused)
        {
            return refused;
        }

        if (!Enum.IsDefined(role))
        {
            return new Refusal(ErrorCodes.Invalid, "role: one of observer, member, moderator, owner.");
        }

        if (role == LabRole.Owner && Role(actor) != LabRole.Owner)
        {
            return new Refusal(ErrorCodes.Forbidden, "Only an owner makes someone an owner.");
        }

        if (userId is null && tokenHash is null)
        {
            return new Refusal(ErrorCodes.Invalid, "Invite an existing user by user name, or anyone by email.");
        }

        if (userId is not null && S.Members.ContainsKey(userId))
        {
            return new Refusal(ErrorCodes.Conflict, "This person is a member already.");
        }

        // Idempotent: the same person invited again gets the invitation they have.
        var existing = S.Invitations.FirstOrDefault(i => i.AcceptedBy is null && !Expired(i) && ((userId is not null && i.UserId == userId) || (email is not null && string.Equals(i.Email, email, StringComparison.OrdinalIgnoreCase))));
        if (existing is not null)
        {
            return new(ToInvitation(existing));
        }

        var invitation = new StoredInvitation("i" + Guid.NewGuid().ToString("N")[..12], userId, email, tokenHash, role, actor.Name, time.GetUtcNow(), null);
        S.Invitations.Add(invitation);
        var line = AddActivity(actor, "invited", [role.ToString()]);
        await state.WriteStateAsync();
        if (userId is not null)
        {
            await GrainFactory.GetGrain<IUserGrain>(userId).AddInvitationAsync(ToInvitation(invitation));
        }

        Publish(line);
        return new(ToInvitation(invitation));
    }

    public async Task<Outcome<LabDetails>> AcceptAsync(Actor actor, string? invitationId, string? tokenHash)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var invitation = S.Invitations.FirstOrDefault(i => i.AcceptedBy is null && !Expired(i)
            && ((invitationId is not null && i.Id == invitationId && i.UserId == actor.UserId) || (tokenHash is not null && i.TokenHash == tokenHash)));
        if (!S.Created || invitation is null)
        {
            return new Refusal(ErrorCodes.NotFound, NoInvitation);
        }

        S.Invitations[S.Invitations.IndexOf(invitation)] = invitation with { AcceptedBy = actor.UserId };
        if (!S.Members.TryGetValue(actor.UserId, out var member) || member.Role < invitation.Role)
        {
            S.Members[actor.UserId] = new StoredMember(actor.Name, actor.CityId, invitation.Role, member?.Since ?? time.GetUtcNow(), actor.UserName);
        }

        var line = AddActivity(actor, "joined", [S.Members[actor.UserId].Role.ToString()]);
        await state.WriteStateAsync();
        var user = GrainFactory.GetGrain<IUserGrain>(actor.UserId);
        await user.SetLabRoleAsync(Id, S.Members[actor.UserId].Role);
        await user.RemoveInvitationAsync(invitation.Id);
        Publish(line);
        return new(Details(actor));
    }

    public Task<Outcome<InvitationByLink>> PreviewInvitationAsync(string tokenHash)
    {
        var invitation = S.Created && !string.IsNullOrEmpty(tokenHash) ? S.Invitations.FirstOrDefault(i => i.AcceptedBy is null && !Expired(i) && i.TokenHash == tokenHash) : null;
        return Task.FromResult(invitation is null
            ? new Refusal(ErrorCodes.NotFound, NoInvitation)
            : new Outcome<InvitationByLink>(new InvitationByLink(new LabInvitationPreview(Id, S.Title, S.CityId, invitation.InvitedBy, invitation.Role), invitation.Email)));
    }

    public async Task<Outcome<LabDetails>> SetRoleAsync(Actor actor, string userId, LabRole role)
    {
        if (Refuse(actor, LabAction.Moderate) is { } refused)
        {
            return refused;
        }

        if (!Enum.IsDefined(role))
        {
            return new Refusal(ErrorCodes.Invalid, "role: one of observer, member, moderator, owner.");
        }

        if (!S.Members.TryGetValue(userId, out var member))
        {
            return new Refusal(ErrorCodes.Invalid, "userId: this person is not a member of the lab.");
        }

        if ((role == LabRole.Owner || member.Role == LabRole.Owner) && Role(actor) != LabRole.Owner)
        {
            return new Refusal(ErrorCodes.Forbidden, "Only an owner makes or unmakes owners.");
        }

        if (member.Role == LabRole.Owner && role != LabRole.Owner && Owners() == 1)
        {
            return new Refusal(ErrorCodes.Conflict, "A lab keeps at least one owner: make someone else an owner first.");
        }

        S.Members[userId] = member with { Role = role };
        var line = AddActivity(actor, "role", [member.Name, role.ToString()]);
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IUserGrain>(userId).SetLabRoleAsync(Id, role);

        // A moderator no longer: the nodes forget the facilitator mark (a vote's voter count) before the change is heard.
        if (member.Role >= LabRole.Moderator && role < LabRole.Moderator)
        {
            await RevokeAsync();
        }

        Publish(line);
        return new(Details(actor));
    }

    public async Task<Outcome<LabDetails>> RemoveAsync(Actor actor, string userId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var leaving = actor.UserId == userId;
        // Leaving needs only reading; who may not read hears what a lab that does not exist answers.
        var refused = leaving ? (Allows(actor, LabAction.Read) ? null : new Refusal(ErrorCodes.NotFound, NoSuchLab)) : Refuse(actor, LabAction.Moderate);
        if (refused is not null)
        {
            return refused;
        }

        if (!S.Members.TryGetValue(userId, out var member))
        {
            return new Refusal(ErrorCodes.Invalid, "userId: this person is not a member of the lab.");
        }

        if (member.Role == LabRole.Owner && !leaving && Role(actor) != LabRole.Owner)
        {
            return new Refusal(ErrorCodes.Forbidden, "Only an owner removes an owner.");
        }

        if (member.Role == LabRole.Owner && Owners() == 1)
        {
            return new Refusal(ErrorCodes.Conflict, "The last owner cannot be removed: make someone else an owner first.");
        }

        S.Members.Remove(userId);
        var line = AddActivity(actor, leaving ? "left" : "removed", [member.Name]);
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IUserGrain>(userId).SetLabRoleAsync(Id, null);
        await RevokeAsync();
        Publish(line);
        return new(Details(actor));
    }

    public async Task<Outcome<string>> ClaimContentIdAsync(Actor actor, string kind, string requestId, string newId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Access(actor).Refuse(LabAction.Contribute, NoSuchLab, kind == "thread" ? "Starting a thread needs the member role in this lab." : "Creating boards needs the member role in this lab.") is { } refused)
        {
            return refused;
        }

        var id = RequestIds.Claim(S.Requests, kind + "\n" + actor.UserId + "\n" + requestId, newId, out var added);
        if (added)
        {
            await state.WriteStateAsync();
        }

        return new(id);
    }

    public async Task<Outcome<LabContent>> AddContentAsync(Actor actor, LabContent content)
    {
        if (Refuse(actor, LabAction.Contribute) is { } refused)
        {
            return refused;
        }

        ArgumentNullException.ThrowIfNull(content);
        S.Contents.RemoveAll(c => c.Kind == content.Kind && c.Id == content.Id);
        S.Contents.Add(content);
        var line = AddActivity(actor, "added-" + content.Kind, [content.Title]);
        await state.WriteStateAsync();
        Publish(line);
        return new(content);
    }

    public async Task RecordAsync(Actor actor, string kind, IReadOnlyList<string> args)
    {
        if (!S.Created)
        {
            return;
        }

        // "Maria added 12 notes to 'Traffic co-design'": a burst of the same thing by the same person
        // on the same target is one line whose count grows (the first argument).
        LabActivity line;
        if (S.Activity.Count > 0 && S.Activity[^1] is { } last && last.ActorName == actor.Name && last.Kind == kind
            && last.Args.Count == args.Count && args.Count >= 2 && last.Args.Skip(1).SequenceEqual(args.Skip(1))
            && time.GetUtcNow() - last.At < TimeSpan.FromMinutes(10)
            && int.TryParse(last.Args[0], System.Globalization.CultureInfo.InvariantCulture, out var before) && int.TryParse(args[0], System.Globalization.CultureInfo.InvariantCulture, out var more))
        {
            line = last with { At = time.GetUtcNow(), Args = [(before + more).ToString(System.Globalization.CultureInfo.InvariantCulture), .. args.Skip(1)] };
            S.Activity[^1] = line;
        }
        else
        {
            line = AddActivity(actor, kind, args);
        }

        await state.WriteStateAsync();
        Publish(line);
    }

    private bool Allows(Actor? actor, LabAction action) =>
        S.Created && LabPolicy.Allows(action, S.Visibility, Role(actor), signedIn: actor is not null, partnerCity: actor?.CityId is not null);

    private LabRole? Role(Actor? actor) => actor is not null && S.Members.TryGetValue(actor.UserId, out var m) ? m.Role : null;

    private LabAccess Access(Actor? actor) => !Allows(actor, LabAction.Read) ? LabAccess.None
        : new(Summary(), true, Allows(actor, LabAction.Contribute), Allows(actor, LabAction.Participate), Allows(actor, LabAction.Moderate), Allows(actor, LabAction.Comment));

    private Refusal? Refuse(Actor? actor, LabAction action) => Access(actor).Refuse(action, NoSuchLab);

    private const string NoSuchLab = "There is no such lab.";

    private const string NoInvitation = "There is no open invitation for you to this lab.";

    private static Outcome<T> NotFound<T>() => new Refusal(ErrorCodes.NotFound, NoSuchLab);

    /// <summary>Whether an invitation link (by email) is older than <see cref="LabOptions.InvitationLifetime"/>; invitations by user name do not expire.</summary>
    private bool Expired(StoredInvitation invitation) =>
        invitation.TokenHash is not null && time.GetUtcNow() - invitation.At > options.Value.InvitationLifetime;

    private int Owners() => S.Members.Values.Count(m => m.Role == LabRole.Owner);

    private LabActivity AddActivity(Actor actor, string kind, IReadOnlyList<string> args)
    {
        var line = new LabActivity(time.GetUtcNow(), actor.Name, kind, args);
        S.Activity.Add(line);
        if (S.Activity.Count > LabLimits.ActivityKept)
        {
            S.Activity.RemoveRange(0, S.Activity.Count - LabLimits.ActivityKept);
        }

        return line;
    }

    /// <summary>
    /// Tells every node watching this lab (or any of its boards and threads) who may read it now, and
    /// waits until each dropped the connections that may not: the change completes only after that.
    /// </summary>
    private Task RevokeAsync()
    {
        var change = new LabAccessChanged(Id, S.Visibility, S.Members.ToDictionary(m => m.Key, m => m.Value.Role, StringComparer.Ordinal));
        return Watchers.RevokeAsync(o => o.LabAccessChangedAsync(change));
    }

    private void Publish(LabActivity line) => Watchers.Publish(new LabChanged(TopicNames.Lab(Id), Id, line));

    private LabSummary Summary() => new(Id, S.CityId, S.Title, S.Theme, S.Visibility, S.Members.Count, S.CreatedAt);

    private LabDetails Details(Actor? actor) => new(
        Summary(),
        S.Description,
        S.DescriptionHtml,
        [.. S.Members.OrderByDescending(m => m.Value.Role).ThenBy(m => m.Value.Name, StringComparer.CurrentCulture).Select(m => new LabMember(m.Key, m.Value.Name, m.Value.CityId, m.Value.Role, m.Value.Since, m.Value.UserName))],
        [.. S.Contents.OrderByDescending(c => c.At)],
        [.. Enumerable.Reverse(S.Activity)],
        Role(actor));

    private LabInvitation ToInvitation(StoredInvitation i) => new(i.Id, Id, S.Title, i.Role, i.InvitedBy, i.At, null);

    private static string? Invalid(string? title, string? theme, string? description) =>
        string.IsNullOrWhiteSpace(title) || title.Length > LabLimits.MaxTitleLength ? $"title: 1 to {LabLimits.MaxTitleLength} characters."
        : string.IsNullOrWhiteSpace(theme) || theme.Length > LabLimits.MaxThemeLength ? $"theme: 1 to {LabLimits.MaxThemeLength} characters."
        : description is null || description.Length > LabLimits.MaxDescriptionLength ? $"description: at most {LabLimits.MaxDescriptionLength} characters."
        : null;
}
