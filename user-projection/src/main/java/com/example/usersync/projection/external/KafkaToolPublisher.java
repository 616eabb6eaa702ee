package com.example.usersync.projection.external;

import com.example.usersync.projection.config.ProjectionSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Kafka through its own producer: each tool's exchange name is its topic (created with the broker's
 * default partitions and replication when missing), a message's key its user's partition, so Kafka
 * keeps one user's messages in one partition, in order. The producer is idempotent with
 * {@code acks=all}: a batch returns once every record is acknowledged by all in-sync replicas, and a
 * retry inside the producer neither duplicates nor reorders. Headers are UTF-8 text: the message id
 * ({@code messageId}, Kafka has no such property), the content type, and the common headers (numbers in
 * decimal).
 */
public final class KafkaToolPublisher implements ToolPublisher {

    private final Map<String, Object> producerConfig;
    private final Map<String, Object> adminConfig;
    private final Duration confirmTimeout;
    private final Set<String> declared = ConcurrentHashMap.newKeySet();
    private KafkaProducer<String, byte[]> producer;
    private Admin admin;

    /** Connects on the first publish: an unresolvable or unreachable broker fails a batch, not the start. */
    public KafkaToolPublisher(ProjectionSettings.Kafka kafka, Duration confirmTimeout) {
        Map<String, Object> config = new HashMap<>(kafka.properties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // A broker that does not answer fails the batch within the confirm timeout, instead of blocking it.
        int timeout = Math.toIntExact(confirmTimeout.toMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout + 1);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producerConfig = Map.copyOf(config);
        Map<String, Object> forAdmin = new HashMap<>(config);
        forAdmin.keySet().retainAll(AdminClientConfig.configNames());
        forAdmin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
        forAdmin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
        this.adminConfig = Map.copyOf(forAdmin);
        this.confirmTimeout = confirmTimeout;
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(adminConfig);
        }
        return admin;
    }

    @Override
    public void publish(String destination, List<ToolMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        declare(destination);
        KafkaProducer<String, byte[]> producer = producer();
        try {
            // Metadata first, once per batch within max.block.ms: the sends below then do not each wait for it.
            producer.partitionsFor(destination);
            List<Future<RecordMetadata>> acknowledgements = new ArrayList<>(messages.size());
            for (ToolMessage message : messages) {
                acknowledgements.add(producer.send(toRecord(destination, message)));
            }
            // Returns once every send completed, acknowledged or failed, within delivery.timeout.ms.
            producer.flush();
            acknowledgements.forEach(KafkaToolPublisher::acknowledged);
        } catch (RuntimeException failed) {
            // A producer can be left in a fatal state (refused by an ACL, fenced): the retry gets a new one.
            discard(producer);
            throw failed;
        }
    }

    private synchronized void discard(KafkaProducer<String, byte[]> failed) {
        if (producer == failed) {
            producer = null;
            failed.close(Duration.ZERO);
        }
    }

    private void declare(String topic) {
        if (declared.contains(topic)) {
            return;
        }
        try {
            admin().createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())))
                    .all()
                    .get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RetriableException) {
                throw new IllegalStateException("Kafka did not create topic " + topic, e.getCause());
            }
            // Exists already, or topics are not this account's to create (ACLs, a creation policy): the
            // topic is managed elsewhere, and the sends below tell whether it is there.
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + confirmTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
        declared.add(topic);
    }

    /** A completed send's outcome: Kafka's refusal as an exception. */
    private static void acknowledged(Future<RecordMetadata> acknowledgement) {
        try {
            acknowledgement.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused a message", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
    }

    private static ProducerRecord<String, byte[]> toRecord(String topic, ToolMessage message) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, message.routingKey(), message.body());
        record.headers().add(header("messageId", message.messageId()));
        record.headers().add(header("contentType", "application/json"));
        message.headers().forEach((name, value) -> {
            if (value != null) {
                record.headers().add(header(name, value.toString()));
            }
        });
        return record;
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
