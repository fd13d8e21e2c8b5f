/**
 * Test support: {@link dev.quill.producer.testing.MockProducer}, a {@link dev.quill.producer.Producer} that talks to
 * no broker and records what it is given.
 */
package dev.quill.producer.testing;
