namespace Climaborough.Grains.Tests;

using Climaborough.Abstractions.Labs;

/// <summary>The people of the grain tests, as the grains see them (account, name, partner city): one list for every test class.</summary>
public static class People
{
    /// <summary>Sofia's city coordinator, owner of the labs she creates.</summary>
    public static readonly Actor Maria = new("u-maria", "Maria Petrova", "sofia");

    /// <summary>A Sofia moderator.</summary>
    public static readonly Actor Elena = new("u-elena", "Elena Dimitrova", "sofia");

    /// <summary>A Sofia stakeholder.</summary>
    public static readonly Actor Ivan = new("u-ivan", "Ivan Georgiev", "sofia");

    /// <summary>A partner from Torino.</summary>
    public static readonly Actor Giulia = new("u-giulia", "Giulia Rossi", "torino");

    /// <summary>A partner from Maribor.</summary>
    public static readonly Actor Olga = new("u-olga", "Olga Novak", "maribor");
}
