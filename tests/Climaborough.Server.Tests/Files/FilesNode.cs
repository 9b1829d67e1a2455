namespace Climaborough.Server.Tests.Files;

using System.Net.Http.Json;
using Climaborough.Contracts;
using Climaborough.Testing;

/// <summary>
/// A node (real Kestrel on loopback) with small file limits — 300 kB a file, 700 kB a lab, 40 uploads a
/// minute, a board version after every edit — and a private Sofia lab made by Maria where Elena is moderator, Ivan member and Giulia
/// observer; Olga (Maribor) is in no lab. <see cref="FilesNodeOnAzure"/> is the same in cluster mode on Azurite.
/// </summary>
public abstract class FilesNode : IAsyncLifetime
{
    public const long MaxFileBytes = 300_000;

    public const long QuotaBytes = 700_000;

    private NodeFactory? node;

    public Uri Url => node!.BaseAddress;

    public string LabId { get; private set; } = string.Empty;

    protected virtual Task<Dictionary<string, string>> SettingsAsync() => Task.FromResult(new Dictionary<string, string>());

    public async ValueTask InitializeAsync()
    {
        var settings = await SettingsAsync();
        settings["Files:MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Files:LabQuotaBytes"] = QuotaBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Files:UploadsPerMinute"] = "40";
        settings["Boards:SnapshotEveryOps"] = "1"; // every durable edit stores a board version (BoardImagesApiTests: versions keep their images)
        node = new NodeFactory(settings);
        LabId = await NewLabAsync("Street corners");
        using var maria = await As("maria");
        foreach (var (user, role) in new[] { ("elena", LabRole.Moderator), ("ivan", LabRole.Member), ("giulia", LabRole.Observer) })
        {
            using var invited = await maria.PostAsJsonAsync($"api/labs/{LabId}/invitations", new LabInviteRequest(user, null, role), BoardJson.Options);
            invited.EnsureSuccessStatusCode();
            var invitation = (await invited.Content.ReadFromJsonAsync<LabInvitation>(BoardJson.Options))!;
            using var invitee = await As(user);
            (await invitee.PostAsJsonAsync($"api/labs/{LabId}/join", new { invitationId = invitation.Id })).EnsureSuccessStatusCode();
        }
    }

    /// <summary>The node's grains (for what no route does yet: pruning a board version).</summary>
    public IGrainFactory Grains => node!.Grains;

    public Task<HttpClient> As(string user) => user == "anonymous" ? Task.FromResult(new HttpClient { BaseAddress = Url }) : TestTokens.ClientAsync(Url, user);

    /// <summary>A new private lab of Maria's (its own quota).</summary>
    public async Task<string> NewLabAsync(string title)
    {
        using var maria = await As("maria");
        using var created = await maria.PostAsJsonAsync("api/labs", new CreateLabRequest(title, LabThemes.EnergyAndMobility, "Photos", LabVisibility.Private), BoardJson.Options);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<LabDetails>(BoardJson.Options))!.Summary.Id;
    }

    public async ValueTask DisposeAsync()
    {
        if (node is not null)
        {
            await node.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class FilesNodeOnEmbedded : FilesNode;

public sealed class FilesNodeOnAzure : FilesNode
{
    protected override async Task<Dictionary<string, string>> SettingsAsync()
    {
        var azurite = await AzuriteServer.Shared;
        return new Dictionary<string, string>
        {
            ["Storage:Backend"] = "AzureStorage",
            ["Storage:Azure:ConnectionString"] = azurite.ConnectionString,
            ["Storage:Azure:ContainerPrefix"] = "f" + Guid.NewGuid().ToString("N")[..10],
        };
    }
}
