package ai.lychee.rerank.cluster;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./lychee cluster-soak}: issue 13's fault scenario N times in a row on one local cluster (two workers,
 * one functions instance, this machine's RabbitMQ in a virtual host of its own): distinct requests at a steady
 * pace while a few busy clients keep the workers holding jobs, a worker SIGKILLed at one point and every broker
 * connection of the cluster closed at another, and, with
 * {@code --restart-at}, the broker itself restarted (every user of this RabbitMQ sees that). A fresh worker
 * replaces the killed one before the next run. Prints each run's answered / failed / dead-lettered counts and ends
 * with one {@code name: value} line per total.
 */
public final class FaultSoak {

    public static void main(String[] args) {
        Map<String, String> options = parse(args);
        Path root = Path.of(options.getOrDefault("root", "."));
        int runs = Integer.parseInt(options.getOrDefault("runs", "5"));
        int requests = Integer.parseInt(options.getOrDefault("requests", "60"));
        long gap = Long.parseLong(options.getOrDefault("gap-ms", "150"));
        int killAt = Integer.parseInt(options.getOrDefault("kill-at", "20"));
        int cutAt = Integer.parseInt(options.getOrDefault("cut-at", "40"));
        int restartAt = Integer.parseInt(options.getOrDefault("restart-at", "0"));
        int busy = Integer.parseInt(options.getOrDefault("busy", "4"));
        System.out.printf(Locale.ROOT, "lychee cluster-soak: %d runs of %d requests %d ms apart, %d busy clients besides; worker killed"
                        + " after %d, connections cut after %d%s%n",
                runs, requests, gap, busy, killAt, cutAt, restartAt > 0 ? ", broker restarted after " + restartAt : "");
        long sent = 0;
        int answered = 0;
        int failed = 0;
        long deadLettered = 0;
        try (LocalCluster cluster = new LocalCluster(root, "soak")) {
            LocalCluster.Node functions = cluster.startFunctions("functions", Map.of("lychee.functions.cache.enabled", "false"));
            LocalCluster.Node victim = cluster.startWorker("worker-1", Map.of());
            cluster.startWorker("worker-2", Map.of());
            FaultScenario scenario = FaultScenario.learn(functions.url());
            String dlq = cluster.namespace() + ".score-jobs.dlq";
            for (int run = 1; run <= runs; run++) {
                LocalCluster.Node killed = victim;
                long[] away = {0};
                Map<Integer, Runnable> faults = new HashMap<>();
                faults.put(killAt, killed::kill);
                faults.put(cutAt, cluster::cutBrokerConnections);
                if (restartAt > 0) {
                    faults.put(restartAt, () -> away[0] = RabbitMq.restart());
                }
                long deadBefore = RabbitMq.messages(cluster.vhost(), dlq);
                FaultScenario.Tally tally = scenario.run(requests, gap, faults, busy);
                long dead = RabbitMq.messages(cluster.vhost(), dlq) - deadBefore;
                sent += tally.sent();
                answered += tally.answered();
                failed += tally.failed() + tally.wrong();
                deadLettered += dead;
                System.out.printf(Locale.ROOT, "run %d: %d requests, %d answered, %d failed, %d dead-lettered%s%s%n", run, tally.sent(), tally.answered(),
                        tally.failed() + tally.wrong(), dead, away[0] > 0 ? String.format(Locale.ROOT, " (broker away %.1f s)", away[0] / 1000.0) : "",
                        tally.problems().isEmpty() ? "" : " " + tally.problems().subList(0, Math.min(3, tally.problems().size())));
                victim = cluster.startWorker("worker-" + (run + 2), Map.of());
            }
        }
        System.out.println("runs: " + runs);
        System.out.println("requests: " + sent);
        System.out.println("answered: " + answered);
        System.out.println("failed: " + failed);
        System.out.println("dead_lettered: " + deadLettered);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("usage: cluster-soak [--runs 5] [--requests 60] [--gap-ms 150] [--kill-at 20]"
                        + " [--cut-at 40] [--restart-at N] [--busy 4] [--root DIR]; got " + Arrays.toString(args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
