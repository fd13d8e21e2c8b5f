/**
 * Sending records from Spring applications: {@link dev.quill.spring.ProducerTemplate} and its results.
 */
@NullMarked
package dev.quill.spring;

import org.jspecify.annotations.NullMarked;
