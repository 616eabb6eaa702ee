package com.example.usersync.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A peer on loopback that accepts every connection and never answers: a hung service. */
public final class SilentPeer implements AutoCloseable {

    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    public SilentPeer() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(
                () -> {
                    while (!server.isClosed()) {
                        try {
                            accepted.add(server.accept());
                        } catch (IOException closed) {
                            return;
                        }
                    }
                },
                "silent-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Connections accepted so far (each one a caller now waiting for an answer). */
    public int connections() {
        return accepted.size();
    }

    /** Stops accepting: new connections are refused, those accepted stay silent until {@link #close()}. */
    public void stopListening() throws IOException {
        server.close();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }
}
