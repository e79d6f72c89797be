using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using TaggedPtr.Samples.LockFree;

// A Treiber stack whose head is a generated NodePtr with a 15-bit ABA counter, hammered by several threads that pop
// nodes and push them back. At the end every node must be there exactly once.
const int Nodes = 1_000;
const int Threads = 8;
const int OperationsPerThread = 200_000;

unsafe
{
    Node* pool = (Node*)NativeMemory.AlignedAlloc((nuint)(Nodes * sizeof(Node)), 16);
    var stack = new TreiberStack();
    for (int i = 0; i < Nodes; i++)
    {
        pool[i] = new Node { Value = i };
        stack.Push(&pool[i]);
    }

    Console.WriteLine($"{Threads} threads x {OperationsPerThread:N0} pop+push on a stack of {Nodes:N0} nodes");
    long successfulPops = 0;
    var clock = Stopwatch.StartNew();
    var workers = new Thread[Threads];
    for (int t = 0; t < Threads; t++)
    {
        workers[t] = new Thread(() =>
        {
            long pops = 0;
            for (int i = 0; i < OperationsPerThread; i++)
            {
                Node* node = stack.Pop();
                if (node is null)
                {
                    continue;
                }

                Interlocked.Increment(ref node->Pops);
                pops++;
                stack.Push(node);
            }

            Interlocked.Add(ref successfulPops, pops);
        });
        workers[t].Start();
    }

    foreach (Thread worker in workers)
    {
        worker.Join();
    }

    clock.Stop();

    // Drain: every node exactly once, and the pop counts add up.
    var seen = new bool[Nodes];
    int count = 0;
    long recordedPops = 0;
    for (Node* node = stack.Pop(); node is not null; node = stack.Pop())
    {
        if (seen[node->Value])
        {
            Console.WriteLine($"FAILED: node {node->Value} came out twice");
            return 1;
        }

        seen[node->Value] = true;
        recordedPops += node->Pops;
        count++;
    }

    NativeMemory.AlignedFree(pool);
    Console.WriteLine($"{successfulPops:N0} successful pops, {stack.Retries:N0} compare-exchange retries, {clock.Elapsed.TotalMilliseconds:N0} ms");
    if (count != Nodes || recordedPops != successfulPops)
    {
        Console.WriteLine($"FAILED: {count} of {Nodes} nodes left, {recordedPops} pops recorded for {successfulPops} made");
        return 1;
    }

    Console.WriteLine($"OK: all {Nodes:N0} nodes are on the stack exactly once; nothing lost, nothing duplicated");
    return 0;
}
