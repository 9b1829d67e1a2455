namespace Climaborough.Web;

using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

/// <summary>
/// DEVELOPMENT ONLY stand-in for sign-in until the OpenID Connect server lands (issue 5): the name is
/// kept in local storage and sent as the node's demo user (a node outside Development ignores it).
/// </summary>
public sealed partial class DemoUser(IJSRuntime js, NavigationManager navigation)
{
    /// <summary>Local storage key.</summary>
    public const string StorageKey = "climaborough.demoUser";

    /// <summary>The name read at start-up, if any.</summary>
    public static string? Current { get; internal set; }

    /// <summary>Reads the stored name (call before the app runs).</summary>
    public async Task LoadAsync()
    {
        var stored = await js.InvokeAsync<string?>("localStorage.getItem", StorageKey);
        Current = IsValid(stored) ? stored : null;
    }

    /// <summary>Whether a name is acceptable.</summary>
    public static bool IsValid(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>Stores the name and reloads, so the live connection is made as that user.</summary>
    public async Task SignInAsync(string name)
    {
        await js.InvokeVoidAsync("localStorage.setItem", StorageKey, name);
        navigation.NavigateTo(navigation.Uri, forceLoad: true);
    }

    /// <summary>Forgets the name and reloads.</summary>
    public async Task SignOutAsync()
    {
        await js.InvokeVoidAsync("localStorage.removeItem", StorageKey);
        navigation.NavigateTo(navigation.Uri, forceLoad: true);
    }

    [GeneratedRegex("^[a-z0-9-]{2,32}$")]
    private static partial Regex NamePattern();
}

/// <summary>Unacknowledged board edits in the tab's session storage: a reload while offline loses nothing.</summary>
public sealed class SessionPendingStore(IJSRuntime js) : Climaborough.Client.IPendingStore
{
    public async Task<Climaborough.Client.PendingChanges?> LoadAsync(string boardId)
    {
        var json = await js.InvokeAsync<string?>("sessionStorage.getItem", Key(boardId));
        return json is null ? null : System.Text.Json.JsonSerializer.Deserialize<Climaborough.Client.PendingChanges>(json, Climaborough.Contracts.BoardJson.Options);
    }

    public async Task SaveAsync(string boardId, Climaborough.Client.PendingChanges pending) =>
        await js.InvokeVoidAsync("sessionStorage.setItem", Key(boardId), System.Text.Json.JsonSerializer.Serialize(pending, Climaborough.Contracts.BoardJson.Options));

    public async Task<Climaborough.Client.BoardCopy?> LoadCopyAsync(string boardId)
    {
        var json = await js.InvokeAsync<string?>("sessionStorage.getItem", CopyKey(boardId));
        return json is null ? null : System.Text.Json.JsonSerializer.Deserialize<Climaborough.Client.BoardCopy>(json, Climaborough.Contracts.BoardJson.Options);
    }

    public async Task SaveCopyAsync(string boardId, Climaborough.Client.BoardCopy copy) =>
        await js.InvokeVoidAsync("sessionStorage.setItem", CopyKey(boardId), System.Text.Json.JsonSerializer.Serialize(copy, Climaborough.Contracts.BoardJson.Options));

    private static string Key(string boardId) => "climaborough.pending." + boardId;

    private static string CopyKey(string boardId) => "climaborough.copy." + boardId;
}
