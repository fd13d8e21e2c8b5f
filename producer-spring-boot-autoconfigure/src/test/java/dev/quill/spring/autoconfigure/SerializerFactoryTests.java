package dev.quill.spring.autoconfigure;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import dev.quill.producer.Headers;
import dev.quill.producer.ProducerConfig;
import dev.quill.producer.Serializer;

class SerializerFactoryTests {

    private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
    private final SerializerFactory factory = new SerializerFactory(beanFactory, getClass().getClassLoader());
    private final ProducerConfig config = ProducerConfig.from(Map.of("bootstrap.servers", "127.0.0.1:1"));

    private byte[] write(String name, Object value) {
        Serializer<Object> serializer = factory.create("quill.producer.value-serializer", name, config, false);
        return serializer.serialize("t", new Headers(), value);
    }

    @Test
    void whenShortNamesAreUsedThenEachWritesWhatKafkasSerializerWrites() {
        assertThat(write("string", "héllo")).isEqualTo("héllo".getBytes(UTF_8));
        assertThat(write("long", 1L)).containsExactly(0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(write("integer", 258)).containsExactly(0, 0, 1, 2);
        assertThat(write("bytes", new byte[] {7})).containsExactly(7);
        assertThat(write("byte-buffer", ByteBuffer.wrap(new byte[] {9}))).containsExactly(9);
        assertThat(write("boolean", true)).containsExactly(1);
        UUID id = UUID.randomUUID();
        assertThat(write("uuid", id)).isEqualTo(id.toString().getBytes(UTF_8));
        assertThat(write("void", null)).isNull();
        assertThat(write("STRING", "x")).isEqualTo("x".getBytes(UTF_8));
    }

    @Test
    void whenAKafkaClassNameIsUsedThenQuillsEquivalentIsUsed() {
        assertThat(write("org.apache.kafka.common.serialization.LongSerializer", 1L)).hasSize(8);
    }

    @Test
    void whenTheStringEncodingIsConfiguredThenTheStringSerializerUsesIt() {
        ProducerConfig latin1 = ProducerConfig.from(Map.of("bootstrap.servers", "127.0.0.1:1",
                "value.serializer.encoding", "ISO-8859-1"));
        Serializer<Object> serializer = factory.create("quill.producer.value-serializer", "string", latin1, false);
        assertThat(serializer.serialize("t", new Headers(), "é")).containsExactly(0xE9);
    }

    @Test
    void whenJsonIsUsedThenTheApplicationsJsonMapperWritesTheValue() {
        beanFactory.registerSingleton("jsonMapper",
                JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build());
        assertThat(new String(write("json", new Item("quill", 3)), UTF_8))
                .isEqualTo("{\"item_name\":\"quill\",\"quantity\":3}");
        assertThat(write("json", null)).as("tombstones stay null").isNull();
    }

    @Test
    void whenJsonIsUsedWithoutAMapperBeanThenJacksonsDefaultsApply() {
        assertThat(new String(write("json", new Item("ink", 1)), UTF_8))
                .isEqualTo("{\"itemName\":\"ink\",\"quantity\":1}");
    }

    @Test
    void whenTheClassIsNotASerializerThenTheFailureNamesThePropertyAndTheReason() {
        assertThatThrownBy(() -> write("java.lang.String", "x"))
                .isInstanceOfSatisfying(InvalidQuillPropertyException.class, e -> {
                    assertThat(e.property()).isEqualTo("quill.producer.value-serializer");
                    assertThat(e.reason()).contains("does not implement dev.quill.producer.Serializer");
                    assertThat(e.acceptedValues()).contains("json");
                });
    }

    record Item(String itemName, int quantity) {
    }
}
