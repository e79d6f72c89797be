namespace TaggedPtr.Analyzers.Tests.Robustness;

/// <summary>Valid programs that exercise every rule; the mutation test breaks them in many ways.</summary>
internal static class MutationCorpus
{
    public static readonly string[] Programs =
    {
        """
        using System;
        using TaggedPtr;
        using TaggedPtr.Devices;
        using TaggedPtr.Simulation;

        public struct Desc { [SvaBound] public ulong Source; public ulong Pattern; [SvaBound] public ulong Completion { get; set; } }

        public static unsafe class Dev
        {
            public static void Submit([SvaBound] ulong address) { }
            public static void SubmitTagged([SvaBound] TaggedPtr<int> p) { }
        }

        public unsafe class Flow
        {
            private Desc _desc;

            public DsaDescriptor M(TaggedPtr<int> p, TaggedPtr<long, LamU48> q, bool flag, TaggedPtr<int>[] many)
            {
                ulong raw = flag ? p.RawValue : q.Address;
                raw += 8;
                var (a, b) = (p.RawValue, q.RawValue);
                Dev.Submit(raw & LamU57.UntagMask);
                Dev.Submit(a);
                Dev.SubmitTagged(p.WithTag(3));
                _desc.Source = (ulong)(void*)p.RawValue;
                _desc = _desc with { Completion = b };
                foreach (var item in many) { Dev.Submit(item.RawValue); }
                Action act = () => Dev.Submit(raw);
                long value = *(long*)p.RawValue + ((long*)q.RawValue)[1];
                return DsaDescriptor.Memmove(p.RawValue, p.Address, 64, DeviceAddress.From(p));
            }

            [LamSvaCoexistence]
            public void N(TaggedPtr<int> p) => Dev.Submit(p.RawValue);
        }
        """,
        """
        using TaggedPtr;
        using TaggedPtr.Devices;
        using TaggedPtr.Simulation;

        public class Order
        {
            public void M(Kernel kernel, SvaDevice device, DsaWorkQueue wq, bool flag)
            {
                SimProcess process = kernel.Spawn();
                SimThread t = process.MainThread;
                device.Bind(process.AddressSpace);
                if (flag) { t.ForceTaggedSva(); }
                t.EnableTaggedAddresses(6);
                t.EnableTaggedAddresses(0);
                SimThread worker = t.Clone(CloneFlags.PthreadCreate);
                worker.EnableTaggedAddresses(7);
                t.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 6);
                _ = t.PtraceArchPrctl(worker, ArchPrctlOption.ForceTaggedSva, 0);
                using var portal = wq.Open(t);
                t.Exec();
                t.EnableTaggedAddresses(6);
            }

            public void Other(SimThread a, SimThread b, SvaDevice device)
            {
                device.Bind(a.AddressSpace);
                a.EnableTaggedAddresses(6);
                b.EnableTaggedAddresses(6);
                device.TryBind(b.AddressSpace, out _);
            }

            public void Bits(SimThread c) => c.EnableTaggedAddresses(9);
        }
        """,
        """
        using TaggedPtr;

        public enum Color : byte { Red, Black, Blue }

        public unsafe struct Node { public long Value; public Node* Next; }

        public static partial class Outer
        {
            [TaggedPointer(typeof(Node))]
            [TagField("Color", typeof(Color), Bits = 2)]
            [TagField("Version", Bits = 4)]
            [LowTagField("Marked", typeof(bool))]
            public readonly partial struct NodePtr { }

            [TaggedPointer<long>(Scheme = TagScheme.LamU48, Alignment = 16)]
            [TagField("Counter", typeof(ushort), Bits = 15, Offset = 0)]
            [LowTagField("Low", Bits = 4)]
            public struct Wide { }
        }

        [TaggedPointer(typeof(string), Scheme = TagScheme.None)]
        [TagField("Bad", Bits = 70)]
        public class NotAStruct { }

        public class Use
        {
            public void M(TaggedPtr<int> p, TaggedPtr<int, ArmTbi> t)
            {
                p.WithTag(64);
                t.WithTag(255);
                _ = TaggedPtr<int>.FromAddress(0x1000, 99);
            }
        }
        """,
    };
}
