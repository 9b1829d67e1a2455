namespace Climaborough.Web.Resources;

/// <summary>Marker for the app's string resources (<c>Strings.resx</c>, <c>Strings.bg.resx</c>).</summary>
public sealed class Strings;
