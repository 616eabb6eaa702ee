package com.example.usersync.projection.external;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The machine's RabbitMQ (127.0.0.1:5672, guest/guest): never a private broker. */
final class LocalRabbit {

    static final URI URI = java.net.URI.create("amqp://guest:guest@127.0.0.1:5672");

    private LocalRabbit() {}

    /** Skips the calling test class with a message where none is reachable; fails with USER_SYNC_RABBITMQ_REQUIRED=true. */
    static void assumeReachable() {
        boolean reachable;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5672), 1000);
            reachable = true;
        } catch (IOException e) {
            reachable = false;
        }
        if (!reachable && Boolean.parseBoolean(System.getenv("USER_SYNC_RABBITMQ_REQUIRED"))) {
            fail("USER_SYNC_RABBITMQ_REQUIRED=true but no RabbitMQ is reachable at 127.0.0.1:5672");
        }
        assumeTrue(
                reachable,
                "No RabbitMQ reachable at 127.0.0.1:5672: the broker tests are skipped "
                        + "(set USER_SYNC_RABBITMQ_REQUIRED=true to make them mandatory)");
    }
}
