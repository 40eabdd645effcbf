package io.torghut.ta.replay.yaml;

/** A requested in-place edit cannot be made without touching more than the one scalar. */
public class YamlEditException extends RuntimeException {
    public YamlEditException(String message) {
        super(message);
    }
}
