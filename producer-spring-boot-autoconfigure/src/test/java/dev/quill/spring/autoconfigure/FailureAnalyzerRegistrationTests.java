package dev.quill.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/** A user starting an application with a wrong value sees the property and the fix, not a stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class FailureAnalyzerRegistrationTests {

    @Test
    void whenAnApplicationStartsWithAWrongValueThenTheReportNamesThePropertyAndTheAcceptedValues(CapturedOutput output) {
        SpringApplication application = new SpringApplication(App.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> application.run("--quill.producer.bootstrap-servers=127.0.0.1:1",
                "--quill.producer.acks=everyone")).isNotNull();
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Invalid value 'everyone' for property 'quill.producer.acks'")
                .contains("one of the accepted values: all, -1, 1, 0");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }
}
