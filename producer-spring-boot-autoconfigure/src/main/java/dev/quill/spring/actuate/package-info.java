/**
 * The producer's health as a Spring Boot Actuator health indicator.
 */
@NullMarked
package dev.quill.spring.actuate;

import org.jspecify.annotations.NullMarked;
