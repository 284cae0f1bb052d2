using System.Collections.Concurrent;
using Parquet;

namespace CmDcm.Data;

/// <summary>
/// Writes `events.parquet` row group by row group on its own thread while rows are still arriving, so an
/// ingest encodes the file while it reads the log instead of after it (at 100M rows the write is ~10 s of
/// CPU that would otherwise come after ~16 s of reading). The caller hands over a growing
/// <see cref="EventTable"/>: each full row group is copied out (the table may still grow and reallocate) and
/// queued; <see cref="Complete"/> writes the rest and renames the file into place. Disposing without
/// completing deletes the temporary file, so an abandoned or failed write leaves nothing behind.
/// </summary>
public sealed class EventStoreWriter : IDisposable
{
    // Two row groups queued at most: the reader waits rather than piling copies up when the disk is slow.
    readonly BlockingCollection<EventTable> queue = new(boundedCapacity: 2);
    readonly ConcurrentBag<EventTable> free = new();
    readonly AtomicFile.PendingFile file;
    readonly Task writing;
    int handedOver;
    bool completed;

    public EventStoreWriter(string path)
    {
        file = AtomicFile.Create(path);
        writing = Task.Factory.StartNew(() => WriteAllAsync().GetAwaiter().GetResult(), TaskCreationOptions.LongRunning);
    }

    /// <summary>Queues every full row group of <paramref name="events"/> not handed over yet (rows are final once appended).</summary>
    public void Append(EventTable events)
    {
        while (events.Count - handedOver >= EventStore.RowGroupSize) HandOver(events, EventStore.RowGroupSize);
    }

    /// <summary>Writes the remaining rows of <paramref name="events"/> (the table given to <see cref="Append"/>), waits for the file and renames it into place.</summary>
    public void Complete(EventTable events)
    {
        Append(events);
        if (events.Count > handedOver) HandOver(events, events.Count - handedOver);
        queue.CompleteAdding();
        Wait();
        file.Commit();
        completed = true;
    }

    void HandOver(EventTable events, int count)
    {
        if (!free.TryTake(out var chunk)) chunk = new EventTable(count);
        chunk.CopyFrom(events, handedOver, count);
        try { queue.Add(chunk); }
        catch (InvalidOperationException)
        {
            Wait(); // the writer stopped taking rows because it failed: surface its error
            throw;
        }
        handedOver += count;
    }

    void Wait()
    {
        try { writing.Wait(); }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1) { System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException!).Throw(); }
    }

    async Task WriteAllAsync()
    {
        try
        {
            await using var writer = await EventStore.CreateWriterAsync(file.Stream);
            var wide = new EventStore.RowGroupBuffers();
            foreach (var chunk in queue.GetConsumingEnumerable())
            {
                await EventStore.WriteRowGroupAsync(writer, chunk, wide);
                free.Add(chunk);
            }
        }
        finally { queue.CompleteAdding(); } // a failed writer takes no more rows
    }

    public void Dispose()
    {
        if (!completed)
        {
            queue.CompleteAdding();
            try { writing.Wait(); } catch (AggregateException) { } // abandoned: its error no longer matters
        }
        file.Dispose();
        queue.Dispose();
    }
}
