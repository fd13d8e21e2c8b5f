package dev.quill.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProducerRecordTest {

    @Test
    void whenMadeForAPartitionThenItNamesThatPartitionAndNothingElse() {
        ProducerRecord<String, String> record = ProducerRecord.of("orders", 3, "k", "v");

        assertThat(record.hasPartition()).isTrue();
        assertThat(record.partition()).isEqualTo(3);
        assertThat(record.key()).isEqualTo("k");
        assertThat(record.value()).isEqualTo("v");
        assertThat(record.timestamp()).isEqualTo(ProducerRecord.NO_TIMESTAMP);
        assertThat(record.headers()).isEmpty();
    }

    @Test
    void whenMadeForANegativePartitionThenTheErrorNamesItAndTheTopic() {
        assertThatThrownBy(() -> ProducerRecord.of("orders", -1, "k", "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("partition must be >= 0; got -1 for topic orders");
    }
}
