package dev.quill.producer.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Which client runs first in a round: turns alternate, so that neither client always runs on a warmer JIT, a fuller
 * heap or a more fragmented broker.
 */
final class RunOrder {

    private RunOrder() {
    }

    static List<String> alternated(List<String> clients, int turn) {
        List<String> order = new ArrayList<>(clients);
        if (turn % 2 == 1) {
            Collections.reverse(order);
        }
        return order;
    }
}
