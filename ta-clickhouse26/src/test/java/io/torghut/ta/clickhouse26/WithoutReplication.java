package io.torghut.ta.clickhouse26;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one substitution the embedded ClickHouse 26 needs to run production's DDL: it has no Keeper,
 * so a {@code Replicated*MergeTree('<keeper path>', '<replica>'[, args])} engine becomes the same
 * engine without the two replication arguments, and {@code ON CLUSTER <name>} (DDL distributed
 * through Keeper) is left out. Everything else of a statement stays as written (the tier's test
 * checks that statement by statement).
 */
final class WithoutReplication {
    private static final Pattern REPLICATED =
            Pattern.compile("Replicated(\\w*MergeTree)\\('[^']*',\\s*'[^']*'(?:,\\s*([^)]*))?\\)");
    private static final Pattern ON_CLUSTER = Pattern.compile(" ON CLUSTER \\w+");

    private WithoutReplication() {}

    /** The statement with replication taken out. */
    static String apply(String statement) {
        Matcher m = REPLICATED.matcher(statement);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String args = m.group(2) == null ? "" : m.group(2);
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + "(" + args + ")"));
        }
        m.appendTail(out);
        return ON_CLUSTER.matcher(out.toString()).replaceAll("");
    }

    /** The statements of a SQL script: split at semicolons, comment lines dropped. */
    static List<String> statements(String script) {
        StringBuilder clean = new StringBuilder();
        for (String line : script.split("\n")) {
            if (!line.trim().startsWith("--")) {
                clean.append(line).append('\n');
            }
        }
        List<String> out = new ArrayList<>();
        for (String s : clean.toString().split(";")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }
}
