using System.Collections.Generic;
using System.Linq;
using TaggedPtr.Simulation;

namespace TaggedPtr.Runtime.Tests.ModelBased;

/// <summary>
/// The obviously correct model: a dictionary of pages in a small window, four booleans and a bind count, and the
/// kernel's rules written as plainly as possible. Results are strings so a mismatch reads well.
/// </summary>
internal sealed class ReferenceModel
{
    private Dictionary<int, (Protection Protection, Dictionary<int, ulong> Values)> _pages = new();

    public bool Lam { get; private set; }

    public bool Force { get; private set; }

    public bool Locked { get; private set; }

    public bool Pasid { get; private set; }

    public int Bindings { get; private set; }

    public IReadOnlyDictionary<int, Protection> Protections => _pages.ToDictionary(p => p.Key, p => p.Value.Protection);

    public string Apply(Operation operation)
    {
        switch (operation)
        {
            case MapOperation map:
                for (int page = map.Page; page < map.Page + map.Count; page++)
                {
                    _pages[page] = (map.Protection, new Dictionary<int, ulong>());
                }

                return "mapped";

            case UnmapOperation unmap:
                if (unmap.Tagged && !Lam)
                {
                    return "errno EINVAL";
                }

                for (int page = unmap.Page; page < unmap.Page + unmap.Count; page++)
                {
                    _pages.Remove(page);
                }

                return "0";

            case ProtectOperation protect:
                // Untagging is a no-op without LAM, so a tagged start is beyond TASK_SIZE: nothing is mapped there.
                if ((protect.Tagged && !Lam) || !_pages.ContainsKey(protect.Page))
                {
                    return "errno ENOMEM";
                }

                for (int page = protect.Page; page < protect.Page + protect.Count; page++)
                {
                    if (!_pages.TryGetValue(page, out var mapped))
                    {
                        return "errno ENOMEM";
                    }

                    _pages[page] = (protect.Protection, mapped.Values);
                }

                return "0";

            case AccessOperation access:
                if (access.Tagged && !Lam)
                {
                    return "fault GeneralProtection";
                }

                if (!_pages.TryGetValue(access.Page, out var target))
                {
                    return "fault NotMapped";
                }

                if (access.Write)
                {
                    if ((target.Protection & Protection.Write) == 0)
                    {
                        return "fault AccessDenied";
                    }

                    target.Values[access.Slot] = access.Value;
                    return "stored";
                }

                if ((target.Protection & Protection.ReadWrite) == 0)
                {
                    return "fault AccessDenied";
                }

                return "loaded " + target.Values.GetValueOrDefault(access.Slot);

            case EnableOperation enable:
                if (Pasid && !Force)
                {
                    return "errno EINVAL";
                }

                if (Locked)
                {
                    return "errno EBUSY";
                }

                if (enable.Bits is 0 or > 6)
                {
                    return "errno EINVAL";
                }

                Lam = Locked = true;
                return "0";

            case ForceOperation:
                Force = true;
                return "0";

            case BindOperation:
                if (Lam && !Force)
                {
                    return "errno EBUSY";
                }

                Pasid = true;
                Bindings++;
                return "bound";

            case UnbindOperation:
                if (Bindings == 0)
                {
                    return "nothing bound";
                }

                Bindings--;
                return "unbound";

            case CloneOperation:
                Locked = true;
                return "cloned";

            case ForkOperation:
                _pages = _pages.ToDictionary(p => p.Key, p => (p.Value.Protection, new Dictionary<int, ulong>(p.Value.Values)));
                Pasid = false;
                Bindings = 0;
                return "forked";

            default:
                _pages = new Dictionary<int, (Protection, Dictionary<int, ulong>)>();
                Lam = Force = Locked = Pasid = false;
                Bindings = 0;
                return "executed";
        }
    }
}
