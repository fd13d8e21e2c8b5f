/**
 * {@code @ServiceConnection} support for Testcontainers' Kafka containers.
 */
@NullMarked
package dev.quill.spring.testcontainers;

import org.jspecify.annotations.NullMarked;
