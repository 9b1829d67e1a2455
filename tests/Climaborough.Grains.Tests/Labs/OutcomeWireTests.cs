namespace Climaborough.Grains.Tests.Labs;

using Climaborough.Abstractions;
using Climaborough.Abstractions.Labs;
using Climaborough.Contracts;
using Climaborough.Testing;
using Orleans.Serialization;

/// <summary>
/// Lab results cross silos in cluster mode (a lesson published on one node asks a lab on another):
/// written as <c>object</c>, as a grain response is, they must come back whole — an alias of a generic
/// type without its arity broke exactly this.
/// </summary>
public sealed class OutcomeWireTests(EmbeddedClusterFixture fixture) : IClassFixture<EmbeddedClusterFixture>
{
    [Fact]
    public void A_lab_outcome_survives_the_wire_between_silos()
    {
        var serializer = fixture.SiloService<Serializer>();
        var summary = new LabSummary("l1", "sofia", "Circular Sofia", LabThemes.WasteToCircularity, LabVisibility.Network, 3, DateTimeOffset.UnixEpoch);
        var outcome = new Outcome<LabDetails>(new LabDetails(summary, "About", "<p>About</p>", [], [], [], LabRole.Owner));

        var copy = Assert.IsType<Outcome<LabDetails>>(serializer.Deserialize<object>(serializer.SerializeToArray<object>(outcome)));
        Assert.True(copy.Ok);
        Assert.Equal("Circular Sofia", copy.Value!.Summary.Title);
        Assert.Equal(LabRole.Owner, copy.Value.YourRole);

        var refused = Assert.IsType<Outcome<ThreadView>>(serializer.Deserialize<object>(serializer.SerializeToArray<object>(new Outcome<ThreadView>(null, Refusal.Forbidden("No.")))));
        Assert.Equal(ErrorCodes.Forbidden, refused.Code);
        Assert.Equal("No.", refused.Message);
    }
}
