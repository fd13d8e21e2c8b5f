package dev.quill.producer.internal.accumulator;

import java.util.Set;

/**
 * What the accumulator has for the sender: brokers that lead a partition with a sendable batch, whether
 * some partition's leader is unknown (metadata is stale), and how long until the next batch is due.
 */
public record ReadyNodes(Set<Integer> nodes, boolean unknownLeader, long nextReadyCheckDelayMs) {
}
