package ai.lychee.rerank.benchmarks;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code ./lychee soak}: a stream of requests whose documents are all distinct (never seen before, so every
 * cache only fills and must evict), printing the service's heap after a full GC over time. By default it launches
 * the packaged embedded app itself (so it can force a full GC with {@code jcmd PID GC.run} before each sample);
 * with {@code --url} it drives a running service, forcing GCs only when given its {@code --pid}.
 * Heap is read from /q/metrics ({@code jvm_memory_used_bytes{area="heap"}}), as are GC counts and the lite
 * scorer's cache sizes. Figures, not a test: exit status 0 when every request succeeded.
 */
public final class SoakMain {

    public static void main(String[] args) throws Exception {
        System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        Path root = Path.of(".");
        String url = null;
        long pid = -1;
        int requests = 10_000;
        int docs = 4;
        int clients = 2;
        int every = 500;
        String tasks = null;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String v = args[i + 1];
            switch (args[i]) {
                case "--root" -> root = Path.of(v);
                case "--url" -> url = v.replaceAll("/+$", "");
                case "--pid" -> pid = Long.parseLong(v);
                case "--requests" -> requests = Integer.parseInt(v);
                case "--docs" -> docs = Integer.parseInt(v);
                case "--clients" -> clients = Integer.parseInt(v);
                case "--every" -> every = Integer.parseInt(v);
                case "--tasks" -> tasks = v;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--url --pid --requests --docs --clients --every --tasks --root)");
            }
        }
        String shared = System.getProperty("lychee.shared.dir", root.resolve("../shared").toString());
        Passages passages = Passages.read(Path.of(tasks != null ? tasks : shared + "/eval/text/dl19.jsonl"), 20);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        ServiceProcess service = null;
        if (url == null) {
            CompareMain.Options o = CompareMain.Options.parse(new String[] {"--root", root.toString()});
            service = ServiceProcess.launch(o.jar(), CompareMain.freePort(), o.serviceJvmOptions(), http);
            url = service.base();
            pid = service.pid();
            System.out.println("launched " + o.jar() + " (pid " + pid + ", " + String.join(" ", o.serviceJvmOptions()) + ")");
        }
        try {
            int code = soak(http, url, pid, passages, requests, docs, clients, every);
            if (service != null) {
                service.close();
            }
            System.exit(code);
        } catch (Exception e) {
            if (service != null) {
                service.close();
            }
            throw e;
        }
    }

    private static int soak(HttpClient http, String url, long pid, Passages passages, int requests, int docs,
                            int clients, int every) throws Exception {
        RerankHttp rerank = new RerankHttp(http, url);
        System.out.printf(Locale.ROOT, "lychee soak: %s, %d requests of %d distinct documents each, %d clients, "
                        + "heap after %s every %d requests; load average %s%n", url, requests, docs, clients,
                pid > 0 ? "a forced full GC (jcmd " + pid + " GC.run)" : "the last GC (no --pid: none forced)", every,
                Report.loadAverage());
        System.out.println("  requests  elapsed   req/s  errors  heap after GC  heap max  young/full GCs  doc cache  query cache  load");
        List<Double> heapAfterGc = new ArrayList<>();
        List<Long> at = new ArrayList<>();
        sample(http, url, pid, 0, 0, 0, heapAfterGc, at);
        AtomicLong next = new AtomicLong();
        LongAdder done = new LongAdder();
        LongAdder errors = new LongAdder();
        long t0 = System.nanoTime();
        long sampled = 0;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                long n;
                while ((n = next.getAndIncrement()) < requests) {
                    Passages.Task task = passages.task((int) n);
                    List<String> body = new ArrayList<>(docs);
                    for (int d = 0; d < docs; d++) {
                        // a passage made distinct by the request and slot: a new digest for every cache
                        body.add(task.documents().get((int) ((n + d) % task.documents().size())) + " [" + n + "." + d + "]");
                    }
                    try {
                        rerank.time(rerank.body(task.query() + " (" + n + ")", body));
                    } catch (Exception e) {
                        errors.increment();
                    }
                    done.increment();
                }
            }, "soak-client-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        while (threads.stream().anyMatch(Thread::isAlive) || sampled < done.sum()) {
            Thread.sleep(200);
            long d = done.sum();
            if (d - sampled >= every || (d == requests && sampled < d)) {
                sampled = d;
                sample(http, url, pid, d, (System.nanoTime() - t0) / 1e9, errors.sum(), heapAfterGc, at);
            }
        }
        summarize(heapAfterGc, at, requests);
        return errors.sum() == 0 ? 0 : 1;
    }

    private static void sample(HttpClient http, String url, long pid, long done, double seconds, long errors,
                               List<Double> heapAfterGc, List<Long> at) throws Exception {
        if (pid > 0) {
            forceGc(pid);
        }
        ServiceMetrics m = ServiceMetrics.read(http, url);
        double heap = m.sum("jvm_memory_used_bytes", "area=\"heap\"");
        double max = m.sum("jvm_memory_max_bytes", "area=\"heap\"");
        double gcs = m.sum("jvm_gc_pause_seconds_count", "");
        double full = m.sum("jvm_gc_pause_seconds_count", "end of major GC");
        double docCache = m.sum("lychee_lite_document_cache_entries", "");
        double queryCache = m.sum("lychee_lite_query_cache_entries", "");
        heapAfterGc.add(heap / 1048576.0);
        at.add(done);
        System.out.printf(Locale.ROOT, "  %8d  %6.0f s  %6.1f  %6d  %9.1f MiB  %4.0f MiB  %8.0f/%-5.0f  %9.0f  %11.0f  %s%n",
                done, seconds, seconds > 0 ? done / seconds : 0.0, errors, heap / 1048576.0, max / 1048576.0,
                gcs - full, full, docCache, queryCache, Report.loadAverage());
    }

    /** A full collection in the service (System.gc through the attach API), so the next heap figure is live data. */
    private static void forceGc(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IOException("jcmd " + pid + " GC.run failed (is the service this user's, on this machine?)");
        }
    }

    /** Heap after GC over the second half of the run, when every cache has filled: its spread and its trend. */
    private static void summarize(List<Double> heap, List<Long> at, int requests) {
        List<Double> late = new ArrayList<>();
        List<Long> lateAt = new ArrayList<>();
        for (int i = 0; i < heap.size(); i++) {
            if (at.get(i) >= requests / 2) {
                late.add(heap.get(i));
                lateAt.add(at.get(i));
            }
        }
        if (late.size() < 2) {
            return;
        }
        double[] values = late.stream().mapToDouble(Double::doubleValue).toArray();
        Spread s = Spread.of(values);
        // least-squares slope of heap after GC against requests done, per 1,000 requests
        double mx = lateAt.stream().mapToDouble(Long::doubleValue).average().orElse(0);
        double my = s.n() == 0 ? 0 : late.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double num = 0;
        double den = 0;
        for (int i = 0; i < late.size(); i++) {
            num += (lateAt.get(i) - mx) * (late.get(i) - my);
            den += (lateAt.get(i) - mx) * (lateAt.get(i) - mx);
        }
        System.out.println();
        System.out.println("heap after GC, second half of the run: " + s.describe("MiB", "%6.1f"));
        System.out.printf(Locale.ROOT, "trend over the second half: %+.2f MiB per 1,000 requests%n", den == 0 ? 0 : num / den * 1000);
    }
}
