package ai.lychee.rerank.embedded.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line after the command word: {@code --name value} options (repeatable), {@code --flag}s
 * and positional arguments. Short aliases are resolved by the caller's {@link #value} names.
 */
public final class CliArgs {

    private final Map<String, List<String>> options = new HashMap<>();
    private final List<String> positional = new ArrayList<>();

    private CliArgs() {
    }

    /** @param flags option names that take no value */
    public static CliArgs parse(List<String> args, List<String> flags) {
        CliArgs parsed = new CliArgs();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("-") && !arg.equals("-")) {
                String name = arg.replaceFirst("^-+", "");
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (!flags.contains(name)) {
                    if (i + 1 >= args.size()) {
                        throw new CliException("option " + arg + " needs a value");
                    }
                    value = args.get(++i);
                }
                parsed.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value == null ? "true" : value);
            } else {
                parsed.positional.add(arg);
            }
        }
        return parsed;
    }

    /** The last value of the first of {@code names} that was given, or null. */
    public String value(String... names) {
        for (String name : names) {
            List<String> values = options.get(name);
            if (values != null) {
                return values.get(values.size() - 1);
            }
        }
        return null;
    }

    public List<String> values(String... names) {
        List<String> all = new ArrayList<>();
        for (String name : names) {
            all.addAll(options.getOrDefault(name, List.of()));
        }
        return all;
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    public int intValue(String name, int fallback) {
        String value = value(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new CliException("--" + name + " takes a whole number, not '" + value + "'");
        }
    }

    public List<String> positional() {
        return positional;
    }
}
