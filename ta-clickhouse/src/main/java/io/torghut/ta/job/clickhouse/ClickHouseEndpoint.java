package io.torghut.ta.job.clickhouse;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where ClickHouse is, read from {@code TA_CLICKHOUSE_URL}: the HTTP endpoint, the database and
 * server settings. The URL keeps the JDBC form the platform's ConfigMap has always used ({@code
 * jdbc:clickhouse://host:8123/torghut}, also {@code jdbc:ch://} and plain {@code http(s)://});
 * {@code ssl=true} selects HTTPS, {@code clickhouse_setting_<name>=<value>} parameters become
 * server settings of every request, as in ClickHouse's JDBC v2 driver. It never holds a password.
 *
 * @param http the HTTP(S) endpoint, e.g. {@code http://host:8123}
 * @param database the database of the tables
 * @param settings server settings sent with every request
 */
public record ClickHouseEndpoint(URI http, String database, Map<String, String> settings)
        implements Serializable {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String SETTING = "clickhouse_setting_";

    /** Parses a {@code TA_CLICKHOUSE_URL}; fails naming what is wrong and what is allowed. */
    public static ClickHouseEndpoint parse(String url) {
        String rest;
        String scheme = "http";
        if (url.startsWith("jdbc:clickhouse://")) {
            rest = url.substring("jdbc:clickhouse://".length());
        } else if (url.startsWith("jdbc:ch://")) {
            rest = url.substring("jdbc:ch://".length());
        } else if (url.startsWith("http://") || url.startsWith("https://")) {
            scheme = url.substring(0, url.indexOf(':'));
            rest = url.substring(scheme.length() + 3);
        } else {
            throw new IllegalArgumentException(
                    "TA_CLICKHOUSE_URL must start with jdbc:clickhouse://, jdbc:ch://, http:// or"
                            + " https://, got "
                            + redacted(url));
        }
        int q = rest.indexOf('?');
        String query = q < 0 ? "" : rest.substring(q + 1);
        String hostPath = q < 0 ? rest : rest.substring(0, q);
        int slash = hostPath.indexOf('/');
        String hostPort = slash < 0 ? hostPath : hostPath.substring(0, slash);
        String database = slash < 0 ? "" : hostPath.substring(slash + 1);
        if (database.isEmpty()) {
            database = "default";
        }
        if (!IDENTIFIER.matcher(database).matches()) {
            throw new IllegalArgumentException(
                    "TA_CLICKHOUSE_URL names database '"
                            + database
                            + "': allowed are letters, digits and _");
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (String p : query.isEmpty() ? new String[0] : query.split("&")) {
            int eq = p.indexOf('=');
            String key = eq < 0 ? p : p.substring(0, eq);
            String value = eq < 0 ? "" : p.substring(eq + 1);
            if (key.equals("ssl") && value.equals("true")) {
                scheme = "https";
            } else if (key.startsWith(SETTING) && key.length() > SETTING.length()) {
                settings.put(key.substring(SETTING.length()), value);
            }
        }
        int colon = hostPort.lastIndexOf(':');
        String port = colon < 0 ? (scheme.equals("https") ? "8443" : "8123") : "";
        try {
            URI http = new URI(scheme + "://" + hostPort + (port.isEmpty() ? "" : ":" + port));
            if (http.getHost() == null || http.getPort() < 1) {
                throw new URISyntaxException(hostPort, "no host:port");
            }
            return new ClickHouseEndpoint(http, database, Map.copyOf(settings));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "TA_CLICKHOUSE_URL has no valid host:port: " + redacted(url), e);
        }
    }

    /** {@code database.table}. */
    public String qualified(String table) {
        return database + "." + table;
    }

    /** The endpoint and database for messages, e.g. {@code http://host:8123 (database torghut)}. */
    public String describe() {
        return http + " (database " + database + ")";
    }

    /** A URL for messages: any {@code user:password@} part left out. */
    static String redacted(String url) {
        return url.replaceAll("//[^/@]*@", "//");
    }
}
