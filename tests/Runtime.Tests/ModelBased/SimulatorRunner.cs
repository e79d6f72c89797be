using System.Collections.Generic;
using System.Globalization;
using TaggedPtr.Devices;
using TaggedPtr.Simulation;

namespace TaggedPtr.Runtime.Tests.ModelBased;

/// <summary>Runs the same operations against the real simulator and describes each result like the model does.</summary>
internal sealed class SimulatorRunner
{
    public const ulong Window = 0x0000_0010_0000_0000;
    public const int WindowPages = 24;
    private const ulong Tag = 0x15UL << 57;

    private readonly Kernel _kernel = new();
    private readonly SvaDevice _device;
    private readonly List<SvaBinding> _bindings = new();
    private SimThread _thread;

    public SimulatorRunner()
    {
        _device = new SvaDevice(_kernel, "model-device");
        _thread = _kernel.Spawn("model").MainThread;
    }

    public AddressSpace Space => _thread.AddressSpace;

    public string Apply(Operation operation)
    {
        switch (operation)
        {
            case MapOperation map:
                long mapped = _thread.Mmap(Address(map.Page, false), (ulong)map.Count * Page.Size, map.Protection, MapFlags.Private | MapFlags.Fixed);
                return mapped == (long)Address(map.Page, false) ? "mapped" : Result(mapped);

            case UnmapOperation unmap:
                return Result(_thread.Munmap(Address(unmap.Page, unmap.Tagged), (ulong)unmap.Count * Page.Size));

            case ProtectOperation protect:
                return Result(_thread.Mprotect(Address(protect.Page, protect.Tagged), (ulong)protect.Count * Page.Size, protect.Protection));

            case AccessOperation access:
                ulong address = Address(access.Page, access.Tagged) + (ulong)(access.Slot * 8);
                try
                {
                    if (access.Write)
                    {
                        _thread.Store(address, access.Value);
                        return "stored";
                    }

                    return "loaded " + _thread.Load<ulong>(address).ToString(CultureInfo.InvariantCulture);
                }
                catch (MemoryFaultException fault)
                {
                    return "fault " + fault.FaultClass;
                }

            case EnableOperation enable:
                return Result(_thread.ArchPrctl(ArchPrctlOption.EnableTaggedAddr, (ulong)enable.Bits));

            case ForceOperation:
                return Result(_thread.ArchPrctl(ArchPrctlOption.ForceTaggedSva, 0));

            case BindOperation:
                global::TaggedPtr.Simulation.Errno errno = _device.TryBind(_thread.AddressSpace, out SvaBinding? binding);
                if (errno != global::TaggedPtr.Simulation.Errno.None)
                {
                    return "errno " + errno;
                }

                _bindings.Add(binding!);
                return "bound";

            case UnbindOperation:
                if (_bindings.Count == 0)
                {
                    return "nothing bound";
                }

                _bindings[^1].Dispose();
                _bindings.RemoveAt(_bindings.Count - 1);
                return "unbound";

            case CloneOperation:
                _thread.CreateThread();
                return "cloned";

            case ForkOperation:
                _thread = _thread.Fork().MainThread;
                _bindings.Clear();
                return "forked";

            default:
                _thread.Exec();
                _bindings.Clear();
                return "executed";
        }
    }

    private static ulong Address(int page, bool tagged) => Window + ((ulong)page * Page.Size) | (tagged ? Tag : 0);

    private static string Result(long raw) => raw < 0 ? "errno " + (global::TaggedPtr.Simulation.Errno)(-raw) : raw.ToString(CultureInfo.InvariantCulture);
}
