using System.Collections.Generic;

namespace TaggedPtr.Simulation;

/// <summary>A process's open files (<c>files_struct</c>): descriptors 0–2 are left free, files start at 3.</summary>
internal sealed class FileTable
{
    private readonly Dictionary<int, MemoryFile> _files = new();
    private readonly object _gate = new();
    private int _next = 3;

    public int Add(MemoryFile file)
    {
        lock (_gate)
        {
            int fd = _next++;
            _files.Add(fd, file);
            return fd;
        }
    }

    public MemoryFile? Get(int fd)
    {
        lock (_gate)
        {
            return _files.TryGetValue(fd, out MemoryFile? file) ? file : null;
        }
    }

    public bool Close(int fd)
    {
        lock (_gate)
        {
            return _files.Remove(fd);
        }
    }

    /// <summary>fork() without CLONE_FILES duplicates the table (the open files themselves are shared).</summary>
    public FileTable Duplicate()
    {
        var copy = new FileTable();
        lock (_gate)
        {
            foreach (KeyValuePair<int, MemoryFile> entry in _files)
            {
                copy._files.Add(entry.Key, entry.Value);
            }

            copy._next = _next;
        }

        return copy;
    }
}
