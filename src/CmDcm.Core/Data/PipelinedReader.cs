using System.Collections.Concurrent;

namespace CmDcm.Data;

/// <summary>
/// Runs a reader on a second thread so that parsing (one core) overlaps the ingest checks (the other core):
/// parsed lines travel in batches of 64K, and the sink still sees every line on one thread in file order.
/// Timestamp rejects are decided on the reader's side, where the line's text is still at hand to quote.
/// </summary>
public static class PipelinedReader
{
    const int BatchSize = 1 << 16;
    const int BatchesInFlight = 4;

    /// <param name="afterBatch">Called on the sink's thread after each batch (an ingest hands finished rows to its store writer there).</param>
    public static void Read(IEventReader reader, string path, IngestCollector sink, Action? afterBatch = null)
    {
        using var full = new BlockingCollection<Batch>(BatchesInFlight);
        using var free = new BlockingCollection<Batch>();
        for (int i = 0; i < BatchesInFlight + 2; i++) free.Add(new Batch());
        using var stop = new CancellationTokenSource();

        var producer = Task.Factory.StartNew(() =>
        {
            try
            {
                var batching = new BatchingSink(full, free, sink, stop.Token);
                reader.Read(path, batching);
                batching.Flush();
            }
            finally { full.CompleteAdding(); }
        }, TaskCreationOptions.LongRunning);

        try
        {
            foreach (var batch in full.GetConsumingEnumerable())
            {
                batch.ReplayInto(sink);
                free.Add(batch);
                afterBatch?.Invoke();
            }
        }
        catch
        {
            stop.Cancel(); // e.g. the reject limit was reached: stop the reader too
            try { producer.Wait(); } catch (AggregateException) { }
            throw;
        }
        try { producer.Wait(); }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1) { System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException!).Throw(); }
    }

    /// <summary>Lines of one batch: accepted events, and the rare rejects and empty lines with their text copied.</summary>
    sealed class Batch
    {
        public readonly CanonicalEvent[] Events = new CanonicalEvent[BatchSize];
        public readonly long[] Lines = new long[BatchSize];
        public int Count;
        public readonly List<(long Line, RejectReason? Reason, byte[] Text)> Others = new();
        // Rows filtered by date only need counting: most of the Tmall log, so they never enter the batch.
        public long Filtered, FilteredMin, FilteredMax;

        // Rejects count too, so a file of nothing but rejects still flows (and can hit the reject limit).
        public bool IsFull => Count + Others.Count >= BatchSize;

        public void Clear()
        {
            Count = 0;
            Others.Clear();
            Filtered = 0;
            FilteredMin = long.MaxValue;
            FilteredMax = long.MinValue;
        }

        /// <summary>Hands the lines to the sink in line order.</summary>
        public void ReplayInto(IngestCollector sink)
        {
            if (Filtered > 0) sink.Filtered(Filtered, FilteredMin, FilteredMax);
            int other = 0;
            for (int i = 0; i < Count; i++)
            {
                while (other < Others.Count && Others[other].Line < Lines[i]) ReplayOther(sink, other++);
                sink.Accept(in Events[i], Lines[i], default);
            }
            while (other < Others.Count) ReplayOther(sink, other++);
        }

        void ReplayOther(IEventSink sink, int index)
        {
            var (line, reason, text) = Others[index];
            if (reason is { } r) sink.Reject(r, line, text);
            else sink.EmptyLine(line);
        }
    }

    sealed class BatchingSink(BlockingCollection<Batch> full, BlockingCollection<Batch> free, IngestCollector collector, CancellationToken stop) : IEventSink
    {
        Batch current = Fresh(free.Take(stop));

        public void Accept(in CanonicalEvent e, long line, ReadOnlySpan<byte> text)
        {
            long ts = e.Timestamp;
            if (collector.IsFiltered(ts))
            {
                current.Filtered++;
                if (ts < current.FilteredMin) current.FilteredMin = ts;
                if (ts > current.FilteredMax) current.FilteredMax = ts;
                if (current.Filtered >= BatchSize) Send(); // keeps the reject-rate check's row count current
                return;
            }
            if (collector.TimestampReject(e.Timestamp) is { } reason)
            {
                Reject(reason, line, text);
                return;
            }
            current.Events[current.Count] = e;
            current.Lines[current.Count++] = line;
            if (current.IsFull) Send();
        }

        public void Reject(RejectReason reason, long line, ReadOnlySpan<byte> text)
        {
            current.Others.Add((line, reason, text.ToArray()));
            if (current.IsFull) Send();
        }

        public void EmptyLine(long line)
        {
            current.Others.Add((line, null, []));
            if (current.IsFull) Send();
        }

        void Send()
        {
            full.Add(current, stop);
            current = Fresh(free.Take(stop));
        }

        static Batch Fresh(Batch batch)
        {
            batch.Clear();
            return batch;
        }

        /// <summary>Sends the last, partly filled batch.</summary>
        public void Flush()
        {
            if (current.Count > 0 || current.Others.Count > 0 || current.Filtered > 0) full.Add(current, stop);
        }
    }
}
