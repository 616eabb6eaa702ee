package com.example.usersync.projection.eventstore;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Axon's embedded event store whose streams call back when {@link AppendSignal} fires. A pooled
 * processor whose stream supports the callback waits for it instead of polling every 500 ms.
 */
final class SignalledEventStore extends EmbeddedEventStore {

    private final AppendSignal signal;

    SignalledEventStore(Builder builder, AppendSignal signal) {
        super(builder);
        this.signal = signal;
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new SignalledStream(super.openStream(trackingToken), signal);
    }

    private static final class SignalledStream implements TrackingEventStream {

        private final TrackingEventStream stream;
        private final AppendSignal signal;
        private Runnable callback;

        SignalledStream(TrackingEventStream stream, AppendSignal signal) {
            this.stream = stream;
            this.signal = signal;
        }

        @Override
        public synchronized boolean setOnAvailableCallback(Runnable callback) {
            if (this.callback != null) {
                signal.remove(this.callback);
            }
            this.callback = callback;
            signal.add(callback);
            return true;
        }

        @Override
        public synchronized void close() {
            if (callback != null) {
                signal.remove(callback);
                callback = null;
            }
            stream.close();
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return stream.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }
    }
}
