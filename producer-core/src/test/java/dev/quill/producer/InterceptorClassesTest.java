package dev.quill.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import dev.quill.producer.errors.ConfigException;
import dev.quill.producer.internal.interceptor.Interceptors;

/** {@code interceptor.classes}: which classes it takes, how they are made, and the empty chain. */
class InterceptorClassesTest {

    private static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    private static ProducerConfig config(Object interceptors) {
        return ProducerConfig.from(Map.of("bootstrap.servers", "localhost:9092", "client.id", "interceptor-test",
                "interceptor.classes", interceptors));
    }

    @Test
    void quillAndKafkaInterceptorsAreMadeInOrderFromNamesOrClasses() {
        for (Object given : List.<Object>of(Quill.class.getName() + "," + Kafka.class.getName(),
                List.of(Quill.class, Kafka.class.getName()))) {
            List<ProducerInterceptor<?, ?>> made = config(given).newInterceptors();

            assertThat(made).hasSize(2);
            assertThat(made.get(0)).isInstanceOf(Quill.class);
            assertThat(((Quill) made.get(0)).configs).containsEntry("client.id", "interceptor-test");
            assertThat(made.get(1)).hasToString("kafka-clients interceptor " + Kafka.class.getName());
        }
        assertThat(config("").newInterceptors()).isEmpty();
    }

    @Test
    void unusableClassesFailWhenTheConfigurationIsBuilt() {
        assertThatThrownBy(() -> config("com.example.Nope"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value com.example.Nope for configuration interceptor.classes: "
                        + "Class com.example.Nope could not be found");
        assertThatThrownBy(() -> config(List.of(Quill.class, String.class)))
                .hasMessage("Invalid value java.lang.String for configuration interceptor.classes: java.lang.String "
                        + "does not implement dev.quill.producer.ProducerInterceptor nor kafka-clients' "
                        + "org.apache.kafka.clients.producer.ProducerInterceptor");
    }

    @Test
    void whenOneCannotBeConfiguredThenEveryOneMadeIsClosed() {
        EVENTS.clear();
        ProducerConfig config = config(List.of(Quill.class, Unconfigurable.class));

        assertThatThrownBy(config::newInterceptors).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot configure");
        assertThat(EVENTS).containsExactly("quill closed", "unconfigurable closed");
    }

    @Test
    void withoutInterceptorsTheSendPathGetsItsOwnObjectsBack() {
        Interceptors<String, String> none = Interceptors.of(List.of());
        ProducerRecord<String, String> record = ProducerRecord.of("t", "k", "v");
        Callback callback = (m, e) -> { };

        assertThat(none).isSameAs(Interceptors.none());
        assertThat(none.onSend(record)).isSameAs(record);
        assertThat(none.acknowledging(record, callback)).isSameAs(callback);
        assertThat(none.acknowledging(record, null)).isNull();
    }

    public static class Quill implements ProducerInterceptor<Object, Object> {
        volatile Map<String, Object> configs;

        @Override
        public void configure(Map<String, ?> configs) {
            this.configs = Map.copyOf(configs);
        }

        @Override
        public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
            return record;
        }

        @Override
        public void close() {
            EVENTS.add("quill closed");
        }
    }

    public static class Unconfigurable extends Quill {
        @Override
        public void configure(Map<String, ?> configs) {
            throw new IllegalStateException("cannot configure");
        }

        @Override
        public void close() {
            EVENTS.add("unconfigurable closed");
        }
    }

    public static class Kafka implements org.apache.kafka.clients.producer.ProducerInterceptor<Object, Object> {
        @Override
        public org.apache.kafka.clients.producer.ProducerRecord<Object, Object> onSend(
                org.apache.kafka.clients.producer.ProducerRecord<Object, Object> record) {
            return record;
        }

        @Override
        public void close() {
        }

        @Override
        public void configure(Map<String, ?> configs) {
        }
    }
}
