package ai.lychee.rerank.worker.mm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's memory as Linux counts it (/proc/self/status), and the Java heap in use. */
final class MemoryFigures {

    private MemoryFigures() {
    }

    static long rssBytes() {
        return statusKb("VmRSS:") * 1024;
    }

    /** The high-water mark of the resident set since the process started. */
    static long peakRssBytes() {
        return statusKb("VmHWM:") * 1024;
    }

    static long heapUsedBytes() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static long statusKb(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the figure is reported as 0
        }
        return 0;
    }
}
