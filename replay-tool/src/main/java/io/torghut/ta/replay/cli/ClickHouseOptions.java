package io.torghut.ta.replay.cli;

import io.torghut.ta.job.clickhouse.ClickHouseEndpoint;
import io.torghut.ta.replay.ReplayTool;
import io.torghut.ta.replay.clickhouse.ClickHouseReader;
import io.torghut.ta.replay.gitops.FileRole;
import io.torghut.ta.replay.input.BadInputException;
import io.torghut.ta.replay.workflow.Session;
import io.torghut.ta.replay.yaml.YamlPath;
import io.torghut.ta.replay.yaml.YamlScalarEditor;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --clickhouse-url}, {@code --clickhouse-user}, {@code --clickhouse-password-env} and {@code
 * --database}: the ClickHouse the commands that read the output talk to. The URL and user default
 * to the job's own, from the ConfigMap of the GitOps checkout; the password is read from an
 * environment variable and never printed.
 */
public final class ClickHouseOptions {
    @Option(
            names = "--clickhouse-url",
            description =
                    "The output's ClickHouse, e.g. TA_CLICKHOUSE_URL of the ConfigMap (verify and"
                            + " optimize default to it; check-window reads the TTLs only when"
                            + " given).")
    String url;

    @Option(
            names = "--clickhouse-user",
            description = "Default: the ConfigMap's TA_CLICKHOUSE_USERNAME.")
    String user;

    @Option(
            names = "--clickhouse-password-env",
            defaultValue = "TA_CLICKHOUSE_PASSWORD",
            description = "Environment variable holding the password (default: ${DEFAULT-VALUE}).")
    String passwordEnv;

    @Option(
            names = "--database",
            defaultValue = "torghut",
            converter = SqlNameConverters.Database.class,
            description = "Default: torghut.")
    String database;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** The server to talk to and as whom, resolved against the checkout's ConfigMap. */
    public record Target(String url, String user, String passwordEnv, String database) {
        /** The URL as it may be printed. */
        public String display() {
            return ClickHouseReader.redact(url);
        }

        /** A reader of the server; the password comes from {@code env}. */
        public ClickHouseReader connect(ReplayTool tool, Duration timeout) {
            return ClickHouseReader.connect(url, user, tool.env().apply(passwordEnv), timeout);
        }
    }

    /**
     * The target when {@code --clickhouse-url} was given (the user defaulting to the ConfigMap's),
     * else empty: for a command that reads ClickHouse only when asked to.
     */
    public Optional<Target> resolveWhenGiven(Session s) {
        return url == null ? Optional.empty() : Optional.of(resolve(s));
    }

    /**
     * The target: the options, else the ConfigMap's values. A URL that is not a ClickHouse URL is a
     * usage error when given, a bad input file when the ConfigMap holds it.
     */
    public Target resolve(Session s) {
        String resolvedUrl =
                url != null
                        ? url
                        : configMap(s, "TA_CLICKHOUSE_URL")
                                .orElseThrow(
                                        () ->
                                                new ParameterException(
                                                        mixee.commandLine(),
                                                        "no --clickhouse-url, and the ConfigMap"
                                                                + " sets no TA_CLICKHOUSE_URL"));
        try {
            ClickHouseEndpoint.parse(resolvedUrl);
        } catch (IllegalArgumentException e) {
            if (url != null) {
                throw new ParameterException(
                        mixee.commandLine(), "--clickhouse-url: " + e.getMessage());
            }
            throw new BadInputException(
                    s.display(FileRole.TA_CONFIGMAP) + ": " + e.getMessage(), e);
        }
        String resolvedUser =
                user != null ? user : configMap(s, "TA_CLICKHOUSE_USERNAME").orElse(null);
        return new Target(resolvedUrl, resolvedUser, passwordEnv, database);
    }

    /** The checkout's ConfigMap value of {@code key}, read only when an option leaves it out. */
    private static Optional<String> configMap(Session s, String key) {
        return YamlScalarEditor.read(
                s.texts().text(FileRole.TA_CONFIGMAP), YamlPath.parse("data." + key));
    }
}
