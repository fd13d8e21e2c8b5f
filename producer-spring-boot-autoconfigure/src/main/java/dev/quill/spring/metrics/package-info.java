/**
 * Micrometer meters for Quill producers.
 */
@NullMarked
package dev.quill.spring.metrics;

import org.jspecify.annotations.NullMarked;
