package io.torghut.ta.job.clickhouse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SQL against one ClickHouse server, in the one text form every version answers: SELECTs read as
 * {@code TabSeparated} rows of text cells (ClickHouse 18.16 cannot answer the binary formats a
 * newer client prefers), other statements executed for their effect. The start-up schema check and
 * every reader of the output go through it, so the same code runs against the server over HTTP
 * ({@link HttpClickHouse}) and against the embedded ClickHouse 26 of the tests.
 */
public interface ClickHouseSql extends AutoCloseable {
    /** The rows of a query as text cells, NULL as {@code null}; fails with the server's error. */
    List<List<String>> select(String sql);

    /** Runs a statement (DDL, ALTER, OPTIMIZE, ...); fails with the server's error. */
    void execute(String sql);

    /**
     * Runs a statement with server settings (e.g. how long an OPTIMIZE waits for the replicas).
     * This form, {@code SET} statements first, is for a connection that keeps its session's
     * settings; a stateless one sends them with the statement instead.
     */
    default void execute(String sql, Map<String, String> settings) {
        settings.forEach((name, value) -> execute("SET " + name + " = " + value));
        execute(sql);
    }

    @Override
    void close();

    /** Parses a TabSeparated result: rows split at newlines, cells at tabs, escapes undone. */
    static List<List<String>> parseTabSeparated(String text) {
        List<List<String>> rows = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            List<String> row = new ArrayList<>();
            int cell = start;
            for (int i = start; i <= end; i++) {
                if (i == end || text.charAt(i) == '\t') {
                    row.add(unescape(text.substring(cell, i)));
                    cell = i + 1;
                }
            }
            rows.add(row);
            start = end + 1;
        }
        return rows;
    }

    /** One TabSeparated cell: {@code \N} is NULL, backslash escapes undone. */
    static String unescape(String cell) {
        if (cell.equals("\\N")) {
            return null;
        }
        if (cell.indexOf('\\') < 0) {
            return cell;
        }
        StringBuilder out = new StringBuilder(cell.length());
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c != '\\' || i + 1 == cell.length()) {
                out.append(c);
                continue;
            }
            char e = cell.charAt(++i);
            out.append(
                    switch (e) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        case 'b' -> '\b';
                        case 'f' -> '\f';
                        case '0' -> '\0';
                        default -> e;
                    });
        }
        return out.toString();
    }
}
