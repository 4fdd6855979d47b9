using Pbx.Grains.Calls.Recording;
using Shouldly;
using Xunit;

namespace Pbx.Grains.Tests.Calls.Rules;

public sealed class RecordingRuleTests
{
    [Theory]
    [InlineData(false, false, false, false)]
    [InlineData(true, false, false, true)] // Calls:RecordAll
    [InlineData(false, true, false, true)] // the answering extension records its calls
    [InlineData(false, false, true, true)] // the calling extension records its calls
    public async Task A_call_is_recorded_from_its_answer_when_the_pbx_or_either_party_says_so(bool recordAll, bool callee, bool caller, bool recorded)
    {
        var callerAsked = false;

        (await RecordingRule.FromAnswerAsync(recordAll, callee, () =>
        {
            callerAsked = true;
            return Task.FromResult(caller);
        })).ShouldBe(recorded);

        callerAsked.ShouldBe(!recordAll && !callee, "the caller's settings are read only when nothing else decided");
    }
}
