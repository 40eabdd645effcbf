package io.torghut.ta.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds free TCP ports on the loopback interface for servers that cannot bind port 0 themselves.
 *
 * <p>There is an unavoidable small race between closing the probe socket and the server binding the
 * port; callers that need several ports must ask for them in one call so they are distinct.
 */
public final class FreePorts {

    private FreePorts() {}

    /** Returns one currently free port on 127.0.0.1. */
    public static int freePort() {
        return freePorts(1)[0];
    }

    /** Returns {@code count} distinct free ports on 127.0.0.1 (all probed while held open). */
    public static int[] freePorts(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                socket.setReuseAddress(true);
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free loopback port", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing a probe socket cannot leave anything behind worth reporting.
                }
            }
        }
    }
}
