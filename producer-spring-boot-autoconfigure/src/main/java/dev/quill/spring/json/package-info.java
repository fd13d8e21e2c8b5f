/**
 * JSON values through the application's Jackson {@code JsonMapper}.
 */
@NullMarked
package dev.quill.spring.json;

import org.jspecify.annotations.NullMarked;
