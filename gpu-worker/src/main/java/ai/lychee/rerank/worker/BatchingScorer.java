package ai.lychee.rerank.worker;

import ai.lychee.rerank.protocol.DocumentScore;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Dynamic micro-batching, kept in one place: jobs' pairs queue up, one scoring thread takes up to
 * {@code max-size} of them (waiting at most {@code max-wait} for the batch to fill) and scores them
 * in one call of the active {@link Scorer}. Each job's future completes with its own pairs' scores.
 */
@ApplicationScoped
public class BatchingScorer {

    private final Scorer scorer;
    private final WorkerConfig.Batch config;
    private final BlockingQueue<PendingPair> queue;
    private final Thread loop;
    private final Timer forwardTimer;
    private final DistributionSummary batchSizes;
    private volatile boolean running = true;

    /**
     * Held while a job's pairs go into the queue and while the batcher takes pairs after its first: a batch
     * then never holds only the front of a job whose other pairs were a microsecond behind (that tail would be
     * scored in a second call, after the first, and its request would wait for both).
     */
    private final Object enqueueing = new Object();

    private final WorkerStageTimers stages;

    @Inject
    public BatchingScorer(ActiveScorer active, WorkerConfig config, MeterRegistry registry, WorkerStageTimers stages) {
        this(active.get(), config.batch(), registry, stages);
    }

    BatchingScorer(Scorer scorer, WorkerConfig.Batch config, MeterRegistry registry) {
        this(scorer, config, registry, new WorkerStageTimers(registry));
    }

    BatchingScorer(Scorer scorer, WorkerConfig.Batch config, MeterRegistry registry, WorkerStageTimers stages) {
        this.stages = stages;
        this.scorer = scorer;
        this.config = config;
        this.queue = new LinkedBlockingQueue<>(this.config.maxQueued());
        this.forwardTimer = Timer.builder("lychee.worker.batch.duration")
                .description("Time of one scorer call on a batch").register(registry);
        this.batchSizes = DistributionSummary.builder("lychee.worker.batch.size")
                .description("Pairs per scored batch").register(registry);
        this.loop = new Thread(this::run, "lychee-batcher");
        this.loop.setDaemon(true);
        this.loop.start();
    }

    public String modelName() {
        return scorer.name();
    }

    /** Queues a job's pairs; the future completes with their scores in order, or fails as the batch did. */
    public CompletableFuture<List<DocumentScore>> submit(List<ScoringPair> pairs) {
        JobResult job = new JobResult(pairs.size());
        synchronized (enqueueing) {
            for (int i = 0; i < pairs.size(); i++) {
                if (!queue.offer(new PendingPair(pairs.get(i), job, i, System.nanoTime()))) {
                    job.fail(new WorkerSaturatedException(queue.size()));
                    break;
                }
            }
        }
        return job.future();
    }

    private void run() {
        List<PendingPair> batch = new ArrayList<>(config.maxSize());
        while (running) {
            try {
                PendingPair first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + config.maxWait().toNanos();
                synchronized (enqueueing) {
                    // the rest of first's job (and whatever queued before it) is all in the queue now
                    queue.drainTo(batch, config.maxSize() - batch.size());
                }
                while (batch.size() < config.maxSize()) {
                    PendingPair next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                scoreBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void scoreBatch(List<PendingPair> batch) {
        List<PendingPair> live = batch.stream().filter(p -> !p.job().isDone()).toList();
        if (live.isEmpty()) {
            return;
        }
        try {
            List<ScoringPair> pairs = live.stream().map(PendingPair::pair).toList();
            long started = System.nanoTime();
            stages.record(WorkerStageTimers.QUEUE, started - live.get(0).queuedAt());
            List<DocumentScore> scores = scorer.score(pairs);
            forwardTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            batchSizes.record(pairs.size());
            for (int i = 0; i < live.size(); i++) {
                live.get(i).job().set(live.get(i).position(), scores.get(i));
            }
        } catch (InvalidPairException e) {
            // Only the job that sent the bad pair fails; its neighbours in the batch are scored again without it.
            PendingPair culprit = live.get(e.pairIndex());
            culprit.job().fail(new InvalidPairException(culprit.position(), e.queryAtFault(), e.getMessage(), e.status()));
            scoreBatch(live.stream().filter(p -> p.job() != culprit.job()).toList());
        } catch (RuntimeException e) {
            live.forEach(p -> p.job().fail(e));
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        loop.interrupt();
    }

    private record PendingPair(ScoringPair pair, JobResult job, int position, long queuedAt) {
    }
}
