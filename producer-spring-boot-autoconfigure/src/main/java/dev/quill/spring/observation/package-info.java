/**
 * Micrometer Observation of {@link dev.quill.spring.ProducerTemplate} sends.
 */
@NullMarked
package dev.quill.spring.observation;

import org.jspecify.annotations.NullMarked;
