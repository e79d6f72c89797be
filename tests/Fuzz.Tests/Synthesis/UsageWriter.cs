using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace TaggedPtr.Fuzz.Tests.Synthesis;

/// <summary>
/// Writes code that uses the synthesized wrappers and the runtime the way programs do, including the mistakes the
/// analyzers exist for (tagged values at device sinks, kernel-order errors, constant tags out of range, raw bits
/// dereferenced, ignored errno), so every rule and every fix is reached before any mutation.
/// </summary>
internal sealed class UsageWriter
{
    private readonly Random _random;
    private readonly IReadOnlyList<WrapperPlan> _wrappers;
    private readonly bool _unsafe;
    private readonly CodeWriter _w = new();

    /// <summary>A writer for <paramref name="wrappers"/>; without <paramref name="allowUnsafe"/> no pointer appears.</summary>
    public UsageWriter(Random random, IReadOnlyList<WrapperPlan> wrappers, bool allowUnsafe)
    {
        _random = random;
        _wrappers = wrappers;
        _unsafe = allowUnsafe;
    }

    /// <summary>The usage file.</summary>
    public string Write()
    {
        // A few snippets per program, each with at most one fixable report: across thousands of inputs every snippet
        // appears hundreds of times, while each input stays small enough for the generator, the analyzers and every
        // fix of every diagnostic to run within the time budget.
        var snippets = new List<Action>();
        for (int i = 0; i < _wrappers.Count; i++)
        {
            if (_wrappers[i].Usable)
            {
                AddWrapperUses(snippets, _wrappers[i], i);
            }
        }

        AddRuntimeUses(snippets);
        var kernel = new List<Action>();
        AddKernelUses(kernel);

        int count = _random.Next(10) switch
        {
            0 or 1 => 0,
            < 5 => 1,
            < 8 => 2,
            _ => 3,
        };
        List<Action> chosen = snippets.Concat(kernel).OrderBy(_ => _random.Next()).Take(count).ToList();

        string unsafeKeyword = _unsafe ? "unsafe " : string.Empty;
        _w.Line("using System;");
        _w.Line("using TaggedPtr;");
        _w.Line("using TaggedPtr.Devices;");
        _w.Line("using TaggedPtr.Simulation;");
        _w.Line();
        _w.Open("namespace Fuzz.Use");
        _w.Open("internal static " + unsafeKeyword + "class Sinks");
        _w.Line("public static void Submit([SvaBound] ulong address) { }");
        if (_unsafe)
        {
            _w.Line("public static void SubmitPointer([SvaBound] void* address) { }");
        }

        _w.Line("[SvaBound] public static ulong Doorbell;");
        _w.Close();
        _w.Line();
        _w.Open("internal static " + unsafeKeyword + "class Uses");
        foreach (Action snippet in chosen.Where(snippets.Contains))
        {
            snippet();
        }

        _w.Close();
        _w.Line();
        _w.Open("internal static class Kernels");
        foreach (Action snippet in chosen.Where(kernel.Contains))
        {
            snippet();
        }

        _w.Close();
        _w.Close();
        return _w.ToString();
    }

    private void AddWrapperUses(List<Action> snippets, WrapperPlan wrapper, int index)
    {
        string w = wrapper.Reference;
        string p = wrapper.Pointee.Reference;
        string n = index.ToString(CultureInfo.InvariantCulture);
        List<FieldPlan> fields = wrapper.Fields;

        snippets.Add(() =>
        {
            _w.Open($"public static {w} Build{n}({(_unsafe ? p + "* target" : "ulong address")})");
            _w.Line($"{w} value = {(_unsafe ? "new " + w + "(target)" : w + ".FromRaw(address & 0x0000_7FFF_FFFF_F000UL)")};");
            foreach (FieldPlan field in fields)
            {
                _w.Line($"value = value.With{field.Name}({field.ValidValue});");
            }

            _w.Line("return value;");
            _w.Close();
        });
        if (fields.FirstOrDefault(f => f.OverValue is not null) is { } over)
        {
            snippets.Add(() => _w.Line($"public static {w} Over{n}({w} value) => value.With{over.Name}({over.OverValue});"));
        }

        // One device sink per wrapper and program, in one of its forms: each form reaches another untagging fix.
        snippets.Add(() =>
        {
            switch (_random.Next(_unsafe ? 5 : 4))
            {
                case 0:
                    _w.Line($"public static DsaDescriptor Device{n}({w} value, DeviceAddress completion) => DsaDescriptor.Memmove(value.RawValue, value.Address, 64, completion);");
                    break;
                case 1:
                    _w.Open($"public static void Flow{n}({w} value, bool flag)");
                    _w.Line("ulong raw = flag ? value.RawValue : value.Address;");
                    _w.Line("raw += 8;");
                    _w.Line("Sinks.Submit(raw);");
                    _w.Line("Sinks.Submit(value.Address);");
                    _w.Close();
                    break;
                case 2:
                    _w.Line($"public static void Ring{n}({w} value) => Sinks.Doorbell = value.RawValue;");
                    break;
                case 3:
                    _w.Open($"public static void Pass{n}({w} value)");
                    _w.Line($"Sink{n}(value);");
                    _w.Line($"Sink{n}(value.Untagged);");
                    _w.Close();
                    _w.Line($"private static void Sink{n}([SvaBound] {w} pointer) {{ }}");
                    break;
                default:
                    _w.Open($"public static void Mask{n}({w} value)");
                    _w.Line("void* raw = (void*)value.RawValue;");
                    _w.Line("Sinks.SubmitPointer(raw);");
                    _w.Close();
                    break;
            }
        });
        snippets.Add(() =>
        {
            _w.Line("[LamSvaCoexistence]");
            _w.Line($"public static void Coexist{n}({w} value) => Sinks.Submit(value.RawValue);");
        });
        if (_unsafe)
        {
            snippets.Add(() => _w.Line($"public static long Peek{n}({w} value) => *(long*)value.RawValue;"));
        }

        snippets.Add(() =>
        {
            FieldPlan? counter = fields.FirstOrDefault(f => f.IsUnsigned);
            string next = counter is null ? "value.Untagged" : $"value.Increment{counter.Name}()";
            _w.Line($"public static {w} Swap{n}(ref {w} slot, {w} value) => {w}.CompareExchange(ref slot, {next}, {w}.VolatileRead(ref slot));");
        });
        if (wrapper.SchemeType is { } scheme)
        {
            snippets.Add(() =>
            {
                string runtime = scheme == "LamU57" ? $"TaggedPtr<{p}>" : $"TaggedPtr<{p}, {scheme}>";
                _w.Line($"public static {runtime} Convert{n}({w} value) => ({runtime})value;");
                _w.Line($"public static {w} ConvertBack{n}({runtime} value) => ({w})value;");
            });
        }

        snippets.Add(() =>
        {
            string fieldText = string.Join(" + ", fields.Select(f => $"value.{f.Name}.ToString()").DefaultIfEmpty("\"\""));
            _w.Line($"public static string Describe{n}({w} value) => value.ToString() + {w}.BitLayout + value.IsNull + value.Equals(default({w})) + (value == value.Untagged) + value.GetHashCode() + value.AddressEquals(value) + {fieldText};");
        });
        snippets.Add(() =>
        {
            _w.Line($"public static {p} Load{n}({w} value, SimThread thread) => value.Load(thread);");
            _w.Line($"public static void Store{n}({w} value, SimThread thread) => value.Store(thread, default({p}));");
            _w.Line($"public static {p} Target{n}({w} value) => value.Target;");
        });
    }

    private void AddRuntimeUses(List<Action> snippets)
    {
        snippets.Add(() =>
        {
            _w.Line("public static TaggedPtr<long> OutOfRange() => TaggedPtr<long>.FromAddress(0x1000, 99);");
            _w.Line("public static TaggedPtr<int, LamU48> Wide(TaggedPtr<int, LamU48> pointer) => pointer.WithTag(40000);");
        });
        snippets.Add(() =>
        {
            _w.Open("public static DsaDescriptor Copy(TaggedPtr<long> source, TaggedPtr<long, ArmTbi> destination, DeviceAddress completion)");
            _w.Line("ulong from = source.RawValue;");
            _w.Line("return DsaDescriptor.Memmove(from, destination.Address, 64, completion);");
            _w.Close();
        });
        if (_unsafe)
        {
            snippets.Add(() => _w.Line("public static int First(TaggedPtr<int> pointer) => *(int*)pointer.RawValue + pointer[0];"));
        }
    }

    private void AddKernelUses(List<Action> snippets)
    {
        snippets.Add(() =>
        {
            _w.Open("public static void EnableAfterBind(Kernel kernel, SvaDevice device)");
            _w.Line("SimProcess process = kernel.Spawn();");
            _w.Line("SimThread thread = process.MainThread;");
            _w.Line("device.Bind(process.AddressSpace);");
            _w.Line("thread.EnableTaggedAddresses(6);");
            _w.Close();
        });
        snippets.Add(() =>
        {
            _w.Open("public static void BindAfterEnable(Kernel kernel, SvaDevice device, bool flag)");
            _w.Line("SimThread thread = kernel.Spawn().MainThread;");
            _w.Line("thread.EnableTaggedAddresses(6);");
            _w.Line("if (flag) device.Bind(thread.AddressSpace);");
            _w.Close();
        });
        snippets.Add(() =>
        {
            _w.Open("public static void Twice(SimThread thread, int bits)");
            _w.Line("thread.EnableTaggedAddresses(6);");
            _w.Line("SimThread worker = thread.CreateThread();");
            _w.Line("worker.EnableTaggedAddresses(0);");
            _w.Line("thread.EnableTaggedAddresses(bits);");
            _w.Line("thread.ArchPrctl(0x4002, 6);");
            _w.Close();
        });
        snippets.Add(() =>
        {
            // A fresh single-threaded process, so the bit count is the first check that fails (TPTR0007).
            _w.Open("public static void TooManyBits(Kernel kernel)");
            _w.Line("kernel.Spawn().MainThread.EnableTaggedAddresses(15);");
            _w.Close();
        });
        snippets.Add(() =>
        {
            _w.Open("public static void Switch(SimThread thread, SvaDevice device, int mode)");
            _w.Line("device.Bind(thread.AddressSpace);");
            _w.Open("switch (mode)");
            _w.Line("case 1:");
            _w.Line("    thread.EnableTaggedAddresses(6);");
            _w.Line("    break;");
            _w.Line("default:");
            _w.Line("    _ = thread.ArchPrctl(0x4004, 0);");
            _w.Line("    break;");
            _w.Close();
            _w.Close();
        });
    }
}
