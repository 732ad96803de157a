using CmBot.Core.Approvals;
using CmBot.Core.Incidents;
using CmBot.Core.People;

namespace CmBot.Core.Tests.Replies;

public sealed class ApprovalPolicyTests
{
    [Fact]
    public void For_P1_RequiresLegal() =>
        Assert.Equal([Role.Legal], ApprovalPolicy.For(Severity.P1, []).AnyOf);

    [Fact]
    public void For_P2Safety_RequiresLegal() =>
        Assert.Equal([Role.Legal], ApprovalPolicy.For(Severity.P2, ["safety"]).AnyOf);

    [Fact]
    public void For_P2Media_LeadOrLegal() =>
        Assert.Equal([Role.Lead, Role.Legal], ApprovalPolicy.For(Severity.P2, ["media"]).AnyOf);

    [Fact]
    public void For_P3_NoneRequired() =>
        Assert.False(ApprovalPolicy.For(Severity.P3, ["media"]).IsRequired);
}
