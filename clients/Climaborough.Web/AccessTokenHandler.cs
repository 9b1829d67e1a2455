namespace Climaborough.Web;

using System.Net.Http.Headers;
using Microsoft.AspNetCore.Components.WebAssembly.Authentication;

/// <summary>
/// Sends the signed-in user's access token with every API call, and nothing when nobody is signed in
/// (public endpoints such as the city list still answer; the others say 401).
/// </summary>
public sealed class AccessTokenHandler(IAccessTokenProvider tokens) : DelegatingHandler
{
    /// <summary>The current access token, or <c>null</c> when nobody is signed in (or it cannot be renewed).</summary>
    public static async Task<string?> TryGetAsync(IAccessTokenProvider tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        try
        {
            var result = await tokens.RequestAccessToken();
            return result.TryGetToken(out var token) ? token.Value : null;
        }
        catch (AccessTokenNotAvailableException)
        {
            return null;
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await TryGetAsync(tokens) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
