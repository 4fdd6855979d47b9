using Pbx.EdgeSip.Calls;
using Shouldly;
using Xunit;

namespace Pbx.EdgeSip.Tests.Calls;

/// <summary>One fork's responses reach the call grain in wire order, whatever each report waits for.</summary>
public sealed class ForkReportOrderTests
{
    [Fact]
    public async Task A_final_response_waits_for_a_provisional_report_still_in_flight()
    {
        // A callee's 183 is still being reported (its grain call, or the caller's PRACK, has not come back) when its 200 arrives.
        var order = new ForkReportOrder();
        var provisionalAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reported = new List<int>();
        order.Enqueue(async () =>
        {
            await provisionalAnswered.Task;
            reported.Add(183);
        });

        var drained = order.DrainedAsync();
        drained.IsCompleted.ShouldBeFalse("the 200 must not be reported while the 183 is still on its way");
        provisionalAnswered.SetResult();
        await drained;
        reported.Add(200);

        reported.ShouldBe([183, 200]);
    }

    [Fact]
    public async Task Reports_run_one_after_another_in_the_order_they_were_queued()
    {
        var order = new ForkReportOrder();
        var gates = Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var reported = new List<int>();
        for (var i = 0; i < gates.Length; i++)
        {
            var index = i;
            order.Enqueue(async () =>
            {
                await gates[index].Task;
                reported.Add(index);
            });
        }

        // Released backwards: each report still waits for the one before it.
        for (var i = gates.Length - 1; i >= 0; i--)
            gates[i].SetResult();
        await order.DrainedAsync();

        reported.ShouldBe([0, 1, 2]);
    }

    [Fact]
    public async Task A_report_that_failed_does_not_stop_the_ones_after_it()
    {
        var order = new ForkReportOrder();
        var reported = new List<string>();
        order.Enqueue(() => Task.FromException(new InvalidOperationException("the grain was deactivated")));
        order.Enqueue(() =>
        {
            reported.Add("180");
            return Task.CompletedTask;
        });

        await order.DrainedAsync();

        reported.ShouldBe(["180"]);
    }
}
