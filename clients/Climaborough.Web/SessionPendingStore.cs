namespace Climaborough.Web;

using Microsoft.JSInterop;

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
