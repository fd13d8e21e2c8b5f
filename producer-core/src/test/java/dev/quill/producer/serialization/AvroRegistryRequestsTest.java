package dev.quill.producer.serialization;

import static dev.quill.producer.serialization.AvroFrames.serializer;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.quill.producer.serialization.RegistryStub.Answer;

/** The requests themselves, as the registry receives them. */
class AvroRegistryRequestsTest {

    @Test
    void registrationPostsTheSchemaTextToTheSubjectsVersions() {
        try (RegistryStub stub = new RegistryStub(r -> new Answer(200, "{\"id\":3}"))) {
            serializer(stub.url() + "/", false).serialize("my topic", null, 5);

            RegistryStub.Received request = stub.received().get(0);
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.path()).isEqualTo("/subjects/my%20topic-value/versions");
            assertThat(request.body()).isEqualTo("{\"schema\":\"\\\"int\\\"\"}");
            assertThat(request.header("Accept")).startsWith("application/vnd.schemaregistry.v1+json");
        }
    }

    @Test
    void normalizeSchemasAddsTheNormalizeQuery() {
        try (RegistryStub stub = new RegistryStub(r -> new Answer(200, "{\"id\":3}"))) {
            serializer(stub.url(), false, "normalize.schemas", "true").serialize("t", null, 5L);
            serializer(stub.url(), false, "normalize.schemas", "true", "auto.register.schemas", "false")
                    .serialize("t", null, 5L);

            assertThat(stub.received()).extracting(RegistryStub.Received::path)
                    .containsExactly("/subjects/t-value/versions?normalize=true", "/subjects/t-value?normalize=true");
        }
    }
}
