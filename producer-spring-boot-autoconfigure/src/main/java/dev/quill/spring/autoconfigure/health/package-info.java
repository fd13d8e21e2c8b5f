/**
 * Auto-configuration of the producer's health indicator.
 */
@NullMarked
package dev.quill.spring.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
