package io.torghut.ta.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Every log line of this JVM at INFO and above (the job's tasks run here on the MiniCluster) into a
 * file, for as long as the capture is open; closing restores the levels it changed. Tests read what
 * oncall would read in the job's log.
 */
public final class LogCapture implements AutoCloseable {
    private final LoggerContext context;
    private final FileAppender appender;
    private final Path file;
    private final Map<LoggerConfig, Level> levels = new HashMap<>();

    private LogCapture(LoggerContext context, FileAppender appender, Path file) {
        this.context = context;
        this.appender = appender;
        this.file = file;
    }

    /** Starts capturing into {@code file}. */
    public static LogCapture start(Path file) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        FileAppender appender =
                FileAppender.newBuilder()
                        .setName("test-capture-" + System.nanoTime())
                        .withFileName(file.toString())
                        .setLayout(
                                PatternLayout.newBuilder()
                                        .withPattern("%d %p %c - %m%n%throwable")
                                        .withConfiguration(config)
                                        .build())
                        .setConfiguration(config)
                        .build();
        appender.start();
        config.addAppender(appender);
        LogCapture capture = new LogCapture(context, appender, file);
        List<LoggerConfig> loggers = new ArrayList<>(config.getLoggers().values());
        loggers.add(config.getRootLogger());
        for (LoggerConfig l : loggers) {
            capture.levels.put(l, l.getLevel());
            l.setLevel(Level.INFO);
            l.addAppender(appender, Level.INFO, null);
        }
        context.updateLoggers();
        return capture;
    }

    /** What was logged so far. */
    public String text() {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public void close() {
        levels.forEach(
                (l, level) -> {
                    l.removeAppender(appender.getName());
                    l.setLevel(level);
                });
        context.updateLoggers();
        appender.stop();
    }
}
