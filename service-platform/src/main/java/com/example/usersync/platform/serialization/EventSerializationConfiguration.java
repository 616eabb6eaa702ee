package com.example.usersync.platform.serialization;

import com.example.usersync.events.EventSerialization;
import com.example.usersync.events.privacy.SubjectKeyCache;
import com.example.usersync.events.privacy.SubjectKeys;
import com.example.usersync.events.upcasting.EventUpcasters;
import com.example.usersync.platform.security.CurrentActor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * What both services read events with: one serializer that encrypts and decrypts personal data
 * with the data subject's key (crypto-shredding). Each service defines its {@link SubjectKeys} (the
 * user service creates and destroys keys; the tool-sync service only reads them) from the master key
 * and the key cache given here. Axon's own {@code messageSerializer} and {@code eventSerializer} are
 * then this one as well, because {@code axon.serializer.general}, {@code messages} and {@code events}
 * are all {@code jackson} (Axon hands the general serializer on when the types are the same).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({MasterKeySettings.class, SubjectKeyCacheSettings.class})
public class EventSerializationConfiguration {

    /** One per instance: the longest-lived copy of an unwrapped key (see {@link SubjectKeyCache}). */
    @Bean
    SubjectKeyCache subjectKeyCache(SubjectKeyCacheSettings settings) {
        return new SubjectKeyCache(settings.expireAfterWrite(), settings.maximumSize());
    }

    @Bean
    @Primary
    @ConditionalOnBean(SubjectKeys.class)
    Serializer serializer(SubjectKeys keys) {
        return EventSerialization.serializer(keys);
    }

    /**
     * The contract's upcasters, as one chain in their order. Axon's Spring Boot configuration hands
     * every {@link EventUpcaster} bean to {@code Configuration#upcasterChain()}, which both services'
     * storage engines read through: every stored revision reads as today's record.
     */
    @Bean
    EventUpcaster eventContractUpcasters() {
        return EventUpcasters.chain();
    }

    @Bean
    CurrentActor currentActor(MasterKeySettings masterKey) {
        return new CurrentActor(masterKey.masterKey());
    }
}
