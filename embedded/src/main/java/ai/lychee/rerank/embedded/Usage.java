package ai.lychee.rerank.embedded;

/** What {@code lychee help} prints. */
final class Usage {

    static final String TEXT = """
            usage: lychee COMMAND [OPTIONS]

            Service:
              load  [--port 7860] [--host localhost]     web page and HTTP API on this machine
              share [--port 7860] [--token TOKEN]        the same on all interfaces, behind an access token

            One-shot (in this JVM, or against a running service with --url http://host:port):
              score  QUERY DOCUMENT [-i INSTRUCTION] [--json]
              rerank QUERY [FILE|-] [-d DOC]... [--top-n N] [-i INSTRUCTION] [--json]
                     documents from -d, a file or stdin, separated by lines of ---
              eval   TASKS.jsonl -o RUN.jsonl [--limit N] [-i INSTRUCTION]
                     writes the run file ../shared/eval/score.py reads
              bench  [--docs 20] [--requests 30] [--tasks dl19.jsonl] [--images [--image-dir DIR]]
                     latency and throughput figures (--images: 20-photo requests, per-stage times)

            Calibration (the lite scorer; models/README.md):
              calibrate SET.jsonl... [--folds 5] [--repeats 4] [--aim-high 0.72] [--aim-low 0.82] [--write FILE]
                     cross-validated figures by query beside plain cosine, band shares per grade, the choices
                     they decide and the calibration to ship (pairs embedded once, cached in ~/.cache/lychee)

            Load (a client of a running service, started with load or share):
              loadtest --url http://localhost:7860 [--clients 4] [--duration 5m] [--requests N]
                       [--docs 20] [--repeated 0.5] [--path /api/rerank] [--token TOKEN]
                     throughput, p50/p99 (cold and repeated queries), errors by status, server heap

            Performance (docs/performance.md; the benchmarks module):
              bench-compare                              plain langchain4j embedAll vs our forward path, restart to ready,
                                                         end-to-end vs forward, cache hit, with spreads and goals
              soak [--requests 10000]                    heap after GC under a stream of never-seen documents
              mm-bench --config 3b|7b [--layers N] [--docs 20] [--image 448x448] [--load-only]
                     lychee-rerank-mm at the released 3B/7B dimensions on random weights (written once to
                     ~/.cache/lychee/mm-bench): load time and memory, shared plan vs pair by pair, FLOPs, A10 estimate

            Distributed (docs/distributed.md; RabbitMQ between functions and workers, Redis cache):
              functions                                  the edge alone (HTTP API, web page)
              worker                                     a scoring worker alone
              cluster-loadtest                           starts a local cluster; requests/s, p99 with 1 and 2 workers
              cluster-soak [--runs 5] [--restart-at N]   a worker killed, connections cut (and the broker restarted)
                                                         again and again; answered / failed / dead-lettered per run

            INSTRUCTION is a preset name (see GET /api/instructions) or free text.
            """;

    private Usage() {
    }
}
