package dev.quill.producer;

import java.util.Objects;

/**
 * The consumer group whose offsets a transaction commits ({@code sendOffsetsToTransaction}). With the generation
 * and member id of a live consumer, the group coordinator refuses the commit from a member that was fenced by a
 * rebalance, so that a zombie cannot commit. From a kafka-clients consumer's {@code groupMetadata()} {@code m}:
 * {@code new GroupMetadata(m.groupId(), m.generationId(), m.memberId(), m.groupInstanceId().orElse(null))}.
 *
 * @param generationId -1 when unknown, which skips the generation check
 * @param memberId empty when unknown
 * @param groupInstanceId the static member id, or null
 */
public record GroupMetadata(String groupId, int generationId, String memberId, String groupInstanceId) {

    public GroupMetadata {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(memberId, "memberId");
    }

    /** The group alone, without a member: the coordinator checks neither generation nor member. */
    public static GroupMetadata of(String groupId) {
        return new GroupMetadata(groupId, -1, "", null);
    }
}
