using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TaggedPtr.Fuzz.Tests.Harness;

namespace TaggedPtr.Fuzz.Tests;

/// <summary>
/// Expressions nested thousands deep (generated code and constant tables write them) through the whole pipeline: the
/// generator, every analyzer, and every fix offered for what they report, Fix All included. The fuzzer's own deep
/// mutation places such an argument at random and rarely; these inputs put one exactly where each fix has to edit
/// around it.
/// </summary>
public sealed class DeepInputTests
{
    private const int Depth = 3_000;

    private static string Input(string body) => $$"""
        //# seed: 0x0000000000000002
        //# langversion: latest
        //# unsafe: true
        //# origin: hand-written, deep
        //# file: /fuzz/Uses.cs
        using TaggedPtr;
        using TaggedPtr.Devices;
        using TaggedPtr.Simulation;

        namespace Demo;

        public static unsafe class Uses
        {
            public static void Submit([SvaBound] ulong address) { }

        {{body}}
        }

        """;

    private static string Sum(string first) => "(" + first + ")" + string.Concat(Enumerable.Repeat(" + 0UL", Depth));

    private static string Conditional(string inner) =>
        string.Concat(Enumerable.Repeat("(true ? ", Depth)) + inner + string.Concat(Enumerable.Repeat(" : default)", Depth));

    [Fact]
    public async Task A_deep_sum_at_a_device_sink_goes_through_every_fix()
    {
        FuzzInput input = FuzzInput.FromReplayText(Input($$"""
                public static void Send(TaggedPtr<int> pointer) => Submit({{Sum("pointer.RawValue")}});
            """));

        FuzzResult result = await new FuzzPipeline(Components.Shipped).RunAsync(input, fixAll: true, CancellationToken.None);

        Assert.True(result.Failures.Count == 0, string.Join("\n", result.Failures.Select(f => f.Length > 2_000 ? f[..2_000] : f)));
        Assert.Contains("TPTR0001", result.RuleIds);
        // The untagged address, and coexistence on the method, the type and the assembly.
        Assert.True(result.Counts.FixesApplied >= 4, $"only {result.Counts.FixesApplied} fixes applied");
        Assert.True(result.Counts.FixAllApplied >= 1, $"only {result.Counts.FixAllApplied} Fix All runs");
    }

    [Fact]
    public async Task A_deep_conditional_in_a_kernel_call_goes_through_every_fix()
    {
        FuzzInput input = FuzzInput.FromReplayText(Input($$"""
                public static void EnableAfterBind(Kernel kernel, SvaDevice device)
                {
                    SimProcess process = kernel.Spawn();
                    SimThread thread = process.MainThread;
                    device.Bind(process.AddressSpace);
                    thread.EnableTaggedAddresses({{Conditional("6")}});
                }
            """));

        FuzzResult result = await new FuzzPipeline(Components.Shipped).RunAsync(input, fixAll: true, CancellationToken.None);

        Assert.True(result.Failures.Count == 0, string.Join("\n", result.Failures.Select(f => f.Length > 2_000 ? f[..2_000] : f)));
        Assert.True(result.RuleIds.Contains("TPTR0004"), result.Counts.ToString());
        Assert.True(result.Counts.FixesApplied >= 1, $"only {result.Counts.FixesApplied} fixes applied");
    }

    // Found by the fuzzer (a 3,683-deep conditional): masking needs the value's type, and the simplifier then binds the
    // whole method on a thread-pool thread, whose stack the compiler's flow analysis outgrew. Deep values are masked
    // with fully qualified names instead, which need no simplifying.
    [Fact]
    public async Task A_deep_conditional_pointer_at_a_device_sink_is_masked_without_simplifying()
    {
        string conditional = string.Concat(Enumerable.Repeat("(true ? ", 3_700)) + "raw" + string.Concat(Enumerable.Repeat(" : default)", 3_700));
        FuzzInput input = FuzzInput.FromReplayText(Input($$"""
                public static void SubmitPointer([SvaBound] void* address) { }

                public static void Send(TaggedPtr<int> pointer)
                {
                    void* raw = (void*)pointer.RawValue;
                    SubmitPointer({{conditional}});
                }
            """));

        FuzzResult result = await new FuzzPipeline(Components.Shipped).RunAsync(input, fixAll: true, CancellationToken.None);

        Assert.True(result.Failures.Count == 0, string.Join("\n", result.Failures.Select(f => f.Length > 2_000 ? f[..2_000] : f)));
        Assert.Contains("TPTR0001", result.RuleIds);
        // The masked address, and coexistence on the method, the type and the assembly.
        Assert.True(result.Counts.FixesApplied >= 4, $"only {result.Counts.FixesApplied} fixes applied");
    }

    // Found by the fuzzer too: the value fixed is short, but the same call has a 3,762-deep argument beside it, and
    // simplifying binds the whole method.
    [Fact]
    public async Task A_short_value_beside_a_deep_argument_is_masked_without_simplifying()
    {
        string conditional = string.Concat(Enumerable.Repeat("(true ? ", 3_800)) + "0UL" + string.Concat(Enumerable.Repeat(" : 1UL)", 3_800));
        FuzzInput input = FuzzInput.FromReplayText(Input($$"""
                public static void Copy([SvaBound] ulong address, ulong length) { }

                public static void Send(TaggedPtr<int> pointer)
                {
                    ulong from = pointer.RawValue;
                    Copy(from, {{conditional}});
                }
            """));

        FuzzResult result = await new FuzzPipeline(Components.Shipped).RunAsync(input, fixAll: true, CancellationToken.None);

        Assert.True(result.Failures.Count == 0, string.Join("\n", result.Failures.Select(f => f.Length > 2_000 ? f[..2_000] : f)));
        Assert.Contains("TPTR0001", result.RuleIds);
        Assert.True(result.Counts.FixesApplied >= 4, $"only {result.Counts.FixesApplied} fixes applied");
    }

    // A review asked whether wrapping a deep sum of a local in a mask (which rebuilds the sum's first token) recurses
    // too deep for a thread-pool thread; at 5,000 terms it does not, and the fix applies.
    [Fact]
    public async Task A_deep_sum_of_a_local_is_masked()
    {
        string deepSum = "(from)" + string.Concat(Enumerable.Repeat(" + 0UL", 5_000));
        FuzzInput input = FuzzInput.FromReplayText(Input($$"""
                public static void Send(TaggedPtr<int> pointer)
                {
                    ulong from = pointer.RawValue;
                    Submit({{deepSum}});
                }
            """));

        FuzzResult result = await new FuzzPipeline(Components.Shipped).RunAsync(input, fixAll: true, CancellationToken.None);

        Assert.True(result.Failures.Count == 0, string.Join("\n", result.Failures.Select(f => f.Length > 2_000 ? f[..2_000] : f)));
        Assert.Contains("TPTR0001", result.RuleIds);
        Assert.True(result.Counts.FixesApplied >= 4, $"only {result.Counts.FixesApplied} fixes applied");
    }
}
