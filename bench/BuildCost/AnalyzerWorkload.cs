using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace TaggedPtr.BuildCost;

/// <summary>
/// A synthetic code base for pricing the analyzers: <c>methods</c> methods that use <c>TaggedPtr&lt;T&gt;</c>, generated
/// wrappers, DSA descriptor address fields and parameters, the LAM arch_prctl calls and SVA binding, in ten shapes that
/// exercise every rule family: flows that untag before a device (clean), a flow under declared coexistence (TPTR0002,
/// information), kernel-order sequences in the right order and one in the wrong order (TPTR0006, a warning), constant tags
/// (TPTR0003 checks them), raw arch_prctl results, wrapper CAS loops, and ten wrapper declarations (TPTR0010-0019 check
/// them). It compiles without errors, so a build of it succeeds.
/// </summary>
internal static class AnalyzerWorkload
{
    public const int MethodsPerFile = 100;

    /// <summary>The workload; with <paramref name="taggedEvery"/> above 1 only every that-many-th method uses the
    /// runtime, the others are plain arithmetic (a code base where tagged pointers are one part among others).</summary>
    public static SortedDictionary<string, string> Sources(int methods, int taggedEvery = 1)
    {
        var files = new SortedDictionary<string, string>(System.StringComparer.Ordinal)
        {
            ["Wrappers.cs"] = Wrappers,
        };
        for (int first = 0; first < methods; first += MethodsPerFile)
        {
            int count = System.Math.Min(MethodsPerFile, methods - first);
            files[$"Workload{Number(first / MethodsPerFile, 3)}.cs"] = File(first / MethodsPerFile, first, count, taggedEvery);
        }

        return files;
    }

    private static string File(int fileIndex, int first, int count, int taggedEvery)
    {
        var text = new StringBuilder();
        text.AppendLine("using TaggedPtr;");
        text.AppendLine("using TaggedPtr.Devices;");
        text.AppendLine("using TaggedPtr.Simulation;");
        text.AppendLine();
        text.AppendLine("namespace Workload");
        text.AppendLine("{");
        text.AppendLine($"    public static unsafe class Methods{Number(fileIndex, 3)}");
        text.AppendLine("    {");
        for (int i = first; i < first + count; i++)
        {
            text.AppendLine(i % taggedEvery == 0 ? Method(i / taggedEvery) : Plain(i));
        }

        text.AppendLine("    }");
        text.AppendLine("}");
        return text.ToString();
    }

    private static string Method(int i)
    {
        string n = Number(i, 4);
        string tag = (i % 64).ToString(CultureInfo.InvariantCulture);
        string version = (i % 32).ToString(CultureInfo.InvariantCulture);
        string wrapper = "NodePtr" + (i % 10).ToString(CultureInfo.InvariantCulture);
        return (i % 10) switch
        {
            0 => $$"""
                    public static DsaDescriptor UntagBeforeDevice{{n}}(TaggedPtr<byte> source, ulong destination, ulong record)
                    {
                        DeviceAddress device = DeviceAddress.From(source.WithTag({{tag}}));
                        return DsaDescriptor.Memmove(device, destination, 64, record);
                    }

            """,
            1 => $$"""
                    public static DsaDescriptor WrapperAddress{{n}}({{wrapper}} node, ulong destination, ulong record)
                    {
                        {{wrapper}} next = node.WithVersion({{version}}).IncrementVersion().WithMarked(true).WithColor(Color.Black);
                        ulong address = next.Address;
                        return DsaDescriptor.Memmove(address, destination, 16, record);
                    }

            """,
            2 => $$"""
                    public static SvaBinding ForceEnableBind{{n}}(SimThread thread, SvaDevice device)
                    {
                        thread.ForceTaggedSva();
                        thread.EnableTaggedAddresses(6);
                        return device.Bind(thread.AddressSpace);
                    }

            """,
            3 => $$"""
                    public static DsaDescriptor DescriptorFields{{n}}(TaggedPtr<long> pointer, ulong record)
                    {
                        DsaDescriptor descriptor = DsaDescriptor.Noop();
                        descriptor.Destination = pointer.Address;
                        descriptor.CompletionAddress = record;
                        descriptor.TransferSize = 8;
                        return descriptor;
                    }

            """,
            4 => $$"""
                    [LamSvaCoexistence]
                    public static DsaDescriptor Coexisting{{n}}(TaggedPtr<byte> source, ulong destination, ulong record)
                    {
                        ulong raw = source.RawValue + 16;
                        ulong chosen = raw > destination ? raw : destination;
                        return DsaDescriptor.Memmove(chosen, destination, 64, record);
                    }

            """,
            5 => $$"""
                    public static long HostLoop{{n}}(TaggedPtr<long> pointer, int count)
                    {
                        long sum = 0;
                        for (int k = 0; k < count; k++)
                        {
                            TaggedPtr<long> element = (pointer + k).WithTag((ulong)(k & 63));
                            sum += element.Target + (long)element.Tag;
                        }

                        return sum;
                    }

            """,
            6 => $$"""
                    public static Node SimulatedLoad{{n}}(SimThread thread, {{wrapper}} node)
                    {
                        {{wrapper}} unmarked = node.WithMarked(false);
                        Node value = unmarked.Load(thread);
                        value.Value += unmarked.Version;
                        return value;
                    }

            """,
            7 => $$"""
                    public static SimThread EnableAfterThread{{n}}(SimThread thread)
                    {
                        SimThread worker = thread.CreateThread();
                        thread.EnableTaggedAddresses(6);
                        return worker;
                    }

            """,
            8 => $$"""
                    public static long RawArchPrctl{{n}}(SimThread thread)
                    {
                        long result = thread.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, 6);
                        return result < 0 ? result : thread.ArchPrctl(ArchPrctlOption.GetUntagMask, 0);
                    }

            """,
            _ => $$"""
                    public static {{wrapper}} Push{{n}}(ref {{wrapper}} head, {{wrapper}} value)
                    {
                        {{wrapper}} seen = {{wrapper}}.VolatileRead(ref head);
                        while (true)
                        {
                            {{wrapper}} next = value.IncrementVersion();
                            {{wrapper}} found = {{wrapper}}.CompareExchange(ref head, next, seen);
                            if (found == seen)
                            {
                                return next;
                            }

                            seen = found;
                        }
                    }

            """,
        };
    }

    private static string Plain(int i) => $$"""
                public static long Plain{{Number(i, 4)}}(long[] values, int count)
                {
                    long sum = 0;
                    for (int k = 0; k < count && k < values.Length; k++)
                    {
                        sum += values[k] * {{(i % 97).ToString(CultureInfo.InvariantCulture)}} + (sum >> 3);
                    }

                    return sum;
                }

        """;

    private static string Number(int value, int digits) => value.ToString("D" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Wrappers
    {
        get
        {
            var text = new StringBuilder();
            text.AppendLine("using TaggedPtr;");
            text.AppendLine();
            text.AppendLine("namespace Workload");
            text.AppendLine("{");
            text.AppendLine("    public struct Node { public long Value; public ulong Next; }");
            text.AppendLine();
            text.AppendLine("    public enum Color : byte { Red, Black }");
            for (int i = 0; i < 10; i++)
            {
                text.AppendLine();
                text.AppendLine("    [TaggedPointer(typeof(Node))]");
                text.AppendLine("    [TagField(\"Color\", typeof(Color), Bits = 1)]");
                text.AppendLine("    [TagField(\"Version\", Bits = 5)]");
                text.AppendLine("    [LowTagField(\"Marked\", typeof(bool), Bits = 1)]");
                text.AppendLine($"    public readonly partial struct NodePtr{i} {{ }}");
            }

            text.AppendLine("}");
            return text.ToString();
        }
    }
}
