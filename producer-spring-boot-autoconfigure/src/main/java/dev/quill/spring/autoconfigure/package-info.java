/**
 * Auto-configuration of a Quill producer and its template from {@code quill.producer.*}.
 */
@NullMarked
package dev.quill.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
