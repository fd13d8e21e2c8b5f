package dev.quill.producer.internal.accumulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class NodeAvailabilityTest {

    @Test
    void whenTheTimeoutIsZeroThenABrokerThatIsNeverDrainedStaysAvailable() {
        NodeAvailability availability = new NodeAvailability(0);
        availability.onReadyCheck(Set.of(1), 0);
        availability.onReadyCheck(Set.of(1), 1_000_000);
        assertThat(availability.isAvailable(1)).isTrue();
    }

    @Test
    void whenABrokerHasBatchesDueWithoutADrainForLongerThanTheTimeoutThenItIsUnavailable() {
        NodeAvailability availability = new NodeAvailability(100);
        availability.onReadyCheck(Set.of(1, 2), 1_000);
        availability.onDrained(2, 1_000);
        availability.onReadyCheck(Set.of(1, 2), 1_100);
        availability.onDrained(2, 1_100);
        assertThat(availability.isAvailable(1)).as("waited exactly the timeout").isTrue();

        availability.onReadyCheck(Set.of(1, 2), 1_101);
        assertThat(availability.isAvailable(1)).isFalse();
        assertThat(availability.isAvailable(2)).as("drained at every check").isTrue();
        assertThat(availability.isAvailable(3)).as("never had anything due").isTrue();
    }

    @Test
    void whenAnUnavailableBrokerIsDrainedThenItIsAvailableUntilItWaitsForLongerThanTheTimeoutAgain() {
        NodeAvailability availability = new NodeAvailability(100);
        availability.onReadyCheck(Set.of(1), 0);
        availability.onReadyCheck(Set.of(1), 500);
        assertThat(availability.isAvailable(1)).isFalse();

        availability.onDrained(1, 500);
        assertThat(availability.isAvailable(1)).isTrue();
        availability.onReadyCheck(Set.of(1), 600);
        assertThat(availability.isAvailable(1)).isTrue();
        availability.onReadyCheck(Set.of(1), 601);
        assertThat(availability.isAvailable(1)).isFalse();
    }

    @Test
    void whenNothingIsDueForABrokerThenItIsAvailableAndItsNextWaitStartsAfresh() {
        NodeAvailability availability = new NodeAvailability(100);
        availability.onReadyCheck(Set.of(1), 0);
        availability.onReadyCheck(Set.of(1), 500);
        assertThat(availability.isAvailable(1)).isFalse();

        availability.onReadyCheck(Set.of(), 600);
        assertThat(availability.isAvailable(1)).as("its batches expired or are lingering").isTrue();
        availability.onReadyCheck(Set.of(1), 10_000);
        assertThat(availability.isAvailable(1)).as("the idle time does not count as waiting").isTrue();
        availability.onReadyCheck(Set.of(1), 10_101);
        assertThat(availability.isAvailable(1)).isFalse();
    }
}
