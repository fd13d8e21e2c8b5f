package dev.quill.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Takes orders over HTTP and sends them to Kafka as JSON with the Quill starter. Configuration is in
 * {@code application.yml}; the brokers come from {@code QUILL_BOOTSTRAP_SERVERS}.
 */
@SpringBootApplication
public class SampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
