package io.torghut.ta.replay.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Reads the files oncall hands to the tool, turning every I/O failure into a {@link
 * BadInputException} that says which file ({@code what} names its role, e.g. "backup manifest").
 */
public final class InputFiles {
    private InputFiles() {}

    /** The file's bytes. */
    public static byte[] readBytes(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw problem(file, what, e);
        }
    }

    /** The file's text, as UTF-8. */
    public static String readString(Path file, String what) {
        return new String(readBytes(file, what), StandardCharsets.UTF_8);
    }

    /** A Java properties file (Kafka client settings); its values are never put in a message. */
    public static Properties properties(Path file, String what) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            // IllegalArgumentException: a malformed Unicode escape in the file.
            throw problem(file, what, e);
        }
        return p;
    }

    /** The message for a file that could not be read or written. */
    public static BadInputException problem(Path file, String what, Exception e) {
        if (e instanceof NoSuchFileException) {
            return new BadInputException("the " + what + " " + file + " does not exist", e);
        }
        return new BadInputException(
                "cannot read the " + what + " " + file + ": " + describe(e), e);
    }

    /** An exception as one line: its message, or its type when it has none. */
    public static String describe(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
