/**
 * Auto-configuration of the producer's Micrometer meters.
 */
@NullMarked
package dev.quill.spring.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
