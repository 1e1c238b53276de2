package ai.lychee.rerank.embedded;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A scrape of /q/metrics read as series (name, labels, value), to sum what matches. */
record PrometheusText(List<Series> series) {

    record Series(String name, Map<String, String> labels, double value) {
    }

    private static final Pattern LINE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    static PrometheusText parse(String text) {
        List<Series> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher l = LABEL.matcher(m.group(2));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            out.add(new Series(m.group(1), labels, Double.parseDouble(m.group(3))));
        }
        return new PrometheusText(out);
    }

    /** The sum of every series of {@code name} whose labels include all of {@code match}. */
    double sum(String name, Map<String, String> match) {
        return series.stream().filter(s -> s.name().equals(name))
                .filter(s -> match.entrySet().stream().allMatch(e -> e.getValue().equals(s.labels().get(e.getKey()))))
                .mapToDouble(Series::value).sum();
    }

    /** Every value the label takes on series of {@code name}. */
    java.util.Set<String> labelValues(String name, String label) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        series.stream().filter(s -> s.name().equals(name) && s.labels().containsKey(label)).forEach(s -> out.add(s.labels().get(label)));
        return out;
    }

    /** Every metric name in the scrape. */
    java.util.Set<String> names() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        series.forEach(s -> out.add(s.name()));
        return out;
    }
}
