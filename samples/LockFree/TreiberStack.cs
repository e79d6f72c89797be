using System.Threading;

namespace TaggedPtr.Samples.LockFree;

/// <summary>
/// R. K. Treiber's lock-free stack. Every successful update increments the head's version, so a compare-exchange that
/// read the head before another thread popped it, popped its successor and pushed it back (the ABA problem) fails
/// instead of corrupting the stack.
/// </summary>
public sealed unsafe class TreiberStack
{
    private NodePtr _head;
    private long _retries;

    /// <summary>Compare-exchanges that lost a race and retried.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Pushes a node.</summary>
    public void Push(Node* node)
    {
        while (true)
        {
            NodePtr head = NodePtr.VolatileRead(ref _head);
            node->Next = head.Pointer;
            NodePtr next = head.WithPointer(node).IncrementVersion();
            if (NodePtr.CompareExchange(ref _head, next, head) == head)
            {
                return;
            }

            Interlocked.Increment(ref _retries);
        }
    }

    /// <summary>Pops a node, or returns null when the stack is empty.</summary>
    public Node* Pop()
    {
        while (true)
        {
            NodePtr head = NodePtr.VolatileRead(ref _head);
            if (head.IsNull)
            {
                return null;
            }

            // The node may be popped and pushed again meanwhile (nodes are never freed while threads run), so this
            // read is safe; the version makes the exchange fail if it happened.
            NodePtr next = head.WithPointer(head.Target.Next).IncrementVersion();
            if (NodePtr.CompareExchange(ref _head, next, head) == head)
            {
                return head.Pointer;
            }

            Interlocked.Increment(ref _retries);
        }
    }
}
