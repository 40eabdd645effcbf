package io.torghut.ta.job.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * ClickHouse over HTTP through ClickHouse's official Java client ({@code client-v2}): the job's
 * inserts in RowBinary with an explicit column list, and {@link ClickHouseSql} for everything it
 * reads. Requests and responses are not compressed (ClickHouse 18.16 answers a compressed request
 * with an empty body). The server version and time zone are given to the client, so it never runs
 * its {@code currentUser()} probe, which servers before 20.7 cannot answer.
 */
public final class HttpClickHouse implements ClickHouseSql {
    /** The version assumed before the server has said its own, by {@link #connect}. */
    static final String ASSUMED_VERSION = "18.16";

    private final ClickHouseEndpoint endpoint;
    private final Client client;
    private final Duration timeout;

    private HttpClickHouse(ClickHouseEndpoint endpoint, Client client, Duration timeout) {
        this.endpoint = endpoint;
        this.client = client;
        this.timeout = timeout;
    }

    /**
     * A client of the server at {@code endpoint}; {@code serverVersion} is what the server said of
     * itself ({@link #serverVersion()}), or null before that is known. Nothing is sent yet.
     */
    public static HttpClickHouse connect(
            ClickHouseEndpoint endpoint,
            String user,
            String password,
            Duration timeout,
            String serverVersion) {
        Client.Builder b =
                new Client.Builder()
                        .addEndpoint(endpoint.http().toString())
                        .setUsername(user == null ? "default" : user)
                        .setPassword(password == null ? "" : password)
                        .setDefaultDatabase(endpoint.database())
                        .compressServerResponse(false)
                        .compressClientRequest(false)
                        .setServerVersion(serverVersion == null ? ASSUMED_VERSION : serverVersion)
                        .setServerTimeZone("UTC")
                        .setConnectTimeout(timeout.toMillis(), ChronoUnit.MILLIS)
                        .setSocketTimeout(timeout.toMillis(), ChronoUnit.MILLIS)
                        // The callers retry with their own backoff and count each try.
                        .setMaxRetries(0)
                        .setClientName("torghut-ta");
        endpoint.settings().forEach(b::serverSetting);
        return new HttpClickHouse(endpoint, b.build(), timeout);
    }

    /** The endpoint it talks to. */
    public ClickHouseEndpoint endpoint() {
        return endpoint;
    }

    /** What the server says of its version, e.g. {@code 18.16.1} or {@code 26.3.16.10001}. */
    public String serverVersion() {
        return select("SELECT version()").get(0).get(0);
    }

    @Override
    public List<List<String>> select(String sql) {
        QuerySettings settings =
                new QuerySettings()
                        .setFormat(ClickHouseFormat.TabSeparated)
                        .setDatabase(endpoint.database());
        try (QueryResponse r = await(() -> client.query(sql, settings), sql)) {
            String text = new String(r.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return ClickHouseSql.parseTabSeparated(text);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the answer to " + sql + " failed", e);
        } catch (ClickHouseFailure e) {
            throw e;
        } catch (Exception e) {
            throw new ClickHouseFailure(endpoint, "query failed: " + sql, e);
        }
    }

    @Override
    public void execute(String sql) {
        execute(sql, Map.of());
    }

    @Override
    public void execute(String sql, Map<String, String> settings) {
        CommandSettings command = new CommandSettings();
        settings.forEach(command::serverSetting);
        try (var r = await(() -> client.execute(sql, command), sql)) {
            // The answer is the effect.
        } catch (ClickHouseFailure e) {
            throw e;
        } catch (Exception e) {
            throw new ClickHouseFailure(endpoint, "statement failed: " + sql, e);
        }
    }

    /**
     * Sends one RowBinary batch of {@code length} bytes to {@code table} with the columns named in
     * {@code columns}, in that order; returns when the server has stored it.
     */
    public void insertRowBinary(String table, List<String> columns, byte[] data, int length) {
        InsertSettings settings = new InsertSettings().setDatabase(endpoint.database());
        try (var r =
                await(
                        () ->
                                client.insert(
                                        // Qualified: ClickHouse 18.16 does not read the client's
                                        // database header.
                                        endpoint.qualified(table),
                                        columns,
                                        new ByteArrayInputStream(data, 0, length),
                                        ClickHouseFormat.RowBinary,
                                        settings),
                        "INSERT INTO " + endpoint.qualified(table))) {
            // Stored.
        } catch (ClickHouseFailure e) {
            throw e;
        }
    }

    /**
     * Runs a request and waits for its answer; the client throws some failures at once and
     * completes the future exceptionally with others: both become a {@link ClickHouseFailure}.
     */
    private <T> T await(
            java.util.function.Supplier<java.util.concurrent.CompletableFuture<T>> request,
            String what) {
        java.util.concurrent.CompletableFuture<T> f;
        try {
            f = request.get();
        } catch (RuntimeException e) {
            throw new ClickHouseFailure(endpoint, what, e);
        }
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ClickHouseFailure(endpoint, what, e.getCause());
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new ClickHouseFailure(endpoint, what + ": no answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseFailure(endpoint, what + ": interrupted", e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /**
     * A request ClickHouse did not answer as asked: the endpoint, what was asked, and the server's
     * own error (its code when the server answered, else why it could not be reached). Never a
     * password.
     */
    public static final class ClickHouseFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int serverCode;

        ClickHouseFailure(ClickHouseEndpoint endpoint, String what, Throwable cause) {
            super(endpoint.describe() + ": " + what + ": " + reason(cause), cause);
            this.serverCode = cause instanceof ServerException s ? s.getCode() : -1;
        }

        /** The server's error code (e.g. 164 READONLY), or -1 when it did not answer. */
        public int serverCode() {
            return serverCode;
        }

        private static String reason(Throwable t) {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                if (root instanceof ServerException) {
                    break;
                }
                root = root.getCause();
            }
            String message = root.getMessage() == null ? "" : root.getMessage().trim();
            int newline = message.indexOf('\n');
            if (newline > 0) {
                message = message.substring(0, newline);
            }
            return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        }
    }
}
