using System.Collections.Generic;
using System.Linq;
using CsCheck;
using TaggedPtr.Simulation;

namespace TaggedPtr.Runtime.Tests.ModelBased;

/// <summary>
/// Random programs of map, unmap, protect, tagged and untagged accesses, enable, force, bind, unbind, clone, fork and
/// exec run against the simulator and against <see cref="ReferenceModel"/>; every result, errno and the final state must
/// agree. CsCheck shrinks a failing program to a minimal one and prints it with its seed.
/// </summary>
public sealed class AddressSpaceModelTests
{
    /// <summary>Programs checked per run (recorded in docs/reliability.md).</summary>
    public const int Programs = 1_500;

    private static readonly Gen<Protection> Protections = Gen.Enum<Protection>();

    private static readonly Gen<(int Page, int Count)> Ranges = Gen.Int[0, SimulatorRunner.WindowPages - 1]
        .SelectMany(page => Gen.Int[1, System.Math.Min(4, SimulatorRunner.WindowPages - page)].Select(count => (page, count)));

    private static readonly Gen<Operation> Operations = Gen.Frequency(
        (6, Gen.Select(Ranges, Protections, (r, p) => (Operation)new MapOperation(r.Page, r.Count, p))),
        (3, Gen.Select(Ranges, Gen.Bool, (r, t) => (Operation)new UnmapOperation(r.Page, r.Count, t))),
        (3, Gen.Select(Ranges, Protections, Gen.Bool, (r, p, t) => (Operation)new ProtectOperation(r.Page, r.Count, p, t))),
        (12, Gen.Select(Gen.Int[0, SimulatorRunner.WindowPages - 1], Gen.Int[0, 511], Gen.Bool, Gen.Bool, Gen.ULong, (page, slot, write, tagged, value) => (Operation)new AccessOperation(page, slot, write, tagged, value))),
        (2, Gen.Int[0, 8].Select(bits => (Operation)new EnableOperation(bits))),
        (1, Gen.Const((Operation)new ForceOperation())),
        (2, Gen.Const((Operation)new BindOperation())),
        (1, Gen.Const((Operation)new UnbindOperation())),
        (1, Gen.Const((Operation)new CloneOperation())),
        (1, Gen.Const((Operation)new ForkOperation())),
        (1, Gen.Const((Operation)new ExecOperation())));

    [Fact]
    public void The_simulator_agrees_with_the_reference_model_on_random_programs() =>
        Operations.Array[1, 60].Sample(
            program =>
            {
                var model = new ReferenceModel();
                var simulator = new SimulatorRunner();
                for (int step = 0; step < program.Length; step++)
                {
                    string expected = model.Apply(program[step]);
                    string actual = simulator.Apply(program[step]);
                    Assert.True(expected == actual, $"step {step} {program[step]}: model says '{expected}', simulator says '{actual}'");
                }

                AddressSpace space = simulator.Space;
                Assert.Equal(model.Lam, space.LamMode == LamMode.U57);
                Assert.Equal(model.Force, space.ForceTaggedSva);
                Assert.Equal(model.Locked, space.LamLocked);
                Assert.Equal(model.Pasid, space.HasPasid);
                Assert.Equal(Describe(model.Protections), Describe(PagesOf(space)));
            },
            iter: Reliability.StressScale.Scale(Programs),
            seed: "0N4Fo3vpDzXo",
            print: program => string.Join("; ", program.Select(o => o.ToString())));

    private static Dictionary<int, Protection> PagesOf(AddressSpace space)
    {
        var pages = new Dictionary<int, Protection>();
        foreach (MemoryRegion region in space.Regions)
        {
            for (ulong address = region.Start; address < region.End; address += Page.Size)
            {
                pages[(int)((address - SimulatorRunner.Window) / Page.Size)] = region.Protection;
            }
        }

        return pages;
    }

    private static string Describe(IReadOnlyDictionary<int, Protection> pages) =>
        string.Join(", ", pages.OrderBy(p => p.Key).Select(p => $"{p.Key}:{p.Value}"));
}
