using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using TaggedPtr.Devices;
using TaggedPtr.Simulation;

namespace TaggedPtr.Runtime.Tests.Concurrency;

/// <summary>
/// Enable, bind, force and clone racing on one address space: the invariant "LAM ∧ PASID ⇒ FORCE" always holds, and
/// every round's results are those of some serial order of the four calls.
/// </summary>
public sealed class LamSvaRaceTests
{
    private enum Operation
    {
        Enable,
        Bind,
        Force,
        Clone,
    }

    /// <summary>Rounds per CI run (recorded in docs/reliability.md).</summary>
    public const int Rounds = 300;

    [Fact]
    public void Racing_enable_bind_force_and_clone_match_a_serial_order()
    {
        int rounds = Reliability.StressScale.Scale(Rounds);
        var random = new Random(20260124);
        var operations = Enum.GetValues<Operation>();
        for (int round = 0; round < rounds; round++)
        {
            // Each round races a random multiset of four operations (so two enables or two binds can meet too).
            Operation[] racing = Enumerable.Range(0, 4).Select(_ => operations[random.Next(operations.Length)]).ToArray();
            var kernel = new Kernel();
            SimThread main = kernel.Spawn().MainThread;
            var device = new SvaDevice(kernel, "accel");
            var results = new Errno[racing.Length];
            using var start = new Barrier(racing.Length);
            var threads = racing.Select((operation, index) => new Thread(() =>
            {
                start.SignalAndWait();
                results[index] = Run(operation, main, device);
            })).ToArray();
            foreach (Thread thread in threads)
            {
                thread.Start();
            }

            foreach (Thread thread in threads)
            {
                thread.Join();
            }

            AddressSpace space = main.AddressSpace;
            var final = new Model(space.LamMode != LamMode.Off, space.HasPasid, space.ForceTaggedSva, space.LamLocked);
            Assert.False(final.Lam && final.Pasid && !final.Force, $"round {round}: LAM and a PASID without FORCE");
            Assert.True(
                SomeSerialOrderExplains(racing, results, final),
                $"round {round}: [{string.Join(", ", racing)}] gave [{string.Join(", ", results)}] ending in {final}, which no serial order produces");
        }
    }

    private static Errno Run(Operation operation, SimThread main, SvaDevice device)
    {
        switch (operation)
        {
            case Operation.Enable:
                return (Errno)(-main.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 6));
            case Operation.Bind:
                return device.TryBind(main.AddressSpace, out _);
            case Operation.Force:
                return (Errno)(-main.ArchPrctl(ArchPrctlOption.ForceTaggedSva, 0));
            default:
                main.Clone(CloneFlags.PthreadCreate);
                return Errno.None;
        }
    }

    private static bool SomeSerialOrderExplains(Operation[] operations, Errno[] results, Model final)
    {
        foreach (int[] order in Permutations(operations.Length))
        {
            var state = new Model(false, false, false, false);
            var serial = new Errno[operations.Length];
            foreach (int index in order)
            {
                (state, serial[index]) = state.Apply(operations[index]);
            }

            if (state == final && serial.SequenceEqual(results))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<int[]> Permutations(int count)
    {
        if (count == 0)
        {
            yield return Array.Empty<int>();
            yield break;
        }

        foreach (int[] rest in Permutations(count - 1))
        {
            for (int at = 0; at <= rest.Length; at++)
            {
                var order = new int[count];
                Array.Copy(rest, 0, order, 0, at);
                order[at] = count - 1;
                Array.Copy(rest, at, order, at + 1, rest.Length - at);
                yield return order;
            }
        }
    }

    /// <summary>The obviously correct serial model of the kernel's checks (kernel-lam.md §1.4, §5.2, §5.4).</summary>
    private sealed record Model(bool Lam, bool Pasid, bool Force, bool Locked)
    {
        public (Model, Errno) Apply(Operation operation) => operation switch
        {
            Operation.Enable when Pasid && !Force => (this, Errno.EINVAL),
            Operation.Enable when Locked => (this, Errno.EBUSY),
            Operation.Enable => (this with { Lam = true, Locked = true }, Errno.None),
            Operation.Bind when Lam && !Force => (this, Errno.EBUSY),
            Operation.Bind => (this with { Pasid = true }, Errno.None),
            Operation.Force => (this with { Force = true }, Errno.None),
            _ => (this with { Locked = true }, Errno.None),
        };
    }
}
