namespace Climaborough.Web;

using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

/// <summary>
/// The user's language, kept in the browser's local storage. Blazor WebAssembly loads a culture's
/// resources at start-up, so switching stores the choice and reloads the page.
/// </summary>
public sealed class CulturePreference(IJSRuntime js, NavigationManager navigation)
{
    /// <summary>Languages offered, with their own names.</summary>
    public static readonly IReadOnlyList<(string Code, string NativeName)> Supported = [("en", "English"), ("bg", "Български")];

    /// <summary>Local storage key.</summary>
    public const string StorageKey = "climaborough.culture";

    /// <summary>The current language code.</summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    /// <summary>Applies the stored language (English when none is stored).</summary>
    public async Task ApplyStoredAsync()
    {
        var stored = await js.InvokeAsync<string?>("localStorage.getItem", StorageKey);
        var code = Supported.Any(s => s.Code == stored) ? stored! : "en";
        var language = CultureInfo.GetCultureInfo(code);
        var formats = FormatsFor(code);
        CultureInfo.DefaultThreadCurrentCulture = formats;
        CultureInfo.DefaultThreadCurrentUICulture = language;
        CultureInfo.CurrentCulture = formats;
        CultureInfo.CurrentUICulture = language;
        await js.InvokeVoidAsync("document.documentElement.setAttribute", "lang", code);
    }

    /// <summary>
    /// The culture whose dates and numbers a language's readers expect: English is written for European
    /// users, so its dates are British (2 December 2026, 14:05, day before month), not American.
    /// </summary>
    public static CultureInfo FormatsFor(string code) => CultureInfo.GetCultureInfo(code == "en" ? "en-GB" : code);

    /// <summary>Stores the language and reloads the current page in it.</summary>
    public async Task SwitchAsync(string code)
    {
        if (!Supported.Any(s => s.Code == code) || code == Current)
        {
            return;
        }

        await js.InvokeVoidAsync("localStorage.setItem", StorageKey, code);
        navigation.NavigateTo(navigation.Uri, forceLoad: true);
    }
}
