package io.torghut.ta.job.testutils;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * The events one logger writes at INFO and above while the recording is open, as "LEVEL message"
 * lines: what oncall would read in the job's log. Closing removes the logger configuration it
 * added.
 */
public final class RecordedLog implements AutoCloseable {
    private final LoggerContext context;
    private final String loggerName;
    private final List<String> lines = new ArrayList<>();

    private RecordedLog(LoggerContext context, String loggerName) {
        this.context = context;
        this.loggerName = loggerName;
    }

    /** Starts recording the logger of {@code type}. */
    public static RecordedLog of(Class<?> type) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        RecordedLog log = new RecordedLog(context, type.getName());
        Configuration config = context.getConfiguration();
        AbstractAppender appender =
                new AbstractAppender(
                        "recorded-" + type.getName(), null, null, true, Property.EMPTY_ARRAY) {
                    @Override
                    public void append(LogEvent event) {
                        synchronized (log.lines) {
                            log.lines.add(
                                    event.getLevel()
                                            + " "
                                            + event.getMessage().getFormattedMessage());
                        }
                    }
                };
        appender.start();
        LoggerConfig own = new LoggerConfig(type.getName(), Level.INFO, false);
        own.addAppender(appender, Level.INFO, null);
        config.addLogger(type.getName(), own);
        context.updateLoggers();
        return log;
    }

    /** The lines recorded so far. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Every recorded line, one per line. */
    public String text() {
        return String.join("\n", lines());
    }

    @Override
    public void close() {
        context.getConfiguration().removeLogger(loggerName);
        context.updateLoggers();
    }
}
