using System;
using System.Linq;
using System.Threading;

namespace TaggedPtr.Analyzers.Tests.Infrastructure;

/// <summary>Two threads released together, so that both often find a cache empty and both fill it.</summary>
internal static class Race
{
    /// <summary>Runs <paramref name="request"/> on two threads at once and returns what each got.</summary>
    public static (T First, T Second) Twice<T>(Func<T> request)
    {
        var seen = new T[2];
        using var start = new Barrier(2);
        Thread[] threads = Enumerable.Range(0, 2).Select(i => new Thread(() =>
        {
            start.SignalAndWait();
            seen[i] = request();
        })).ToArray();
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        return (seen[0], seen[1]);
    }
}
