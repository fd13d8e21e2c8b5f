package dev.quill.spring.autoconfigure;

import org.springframework.beans.factory.BeanFactory;

import tools.jackson.databind.json.JsonMapper;

import dev.quill.spring.json.JacksonJsonSerializer;

/** Kept apart so that Jackson classes load only when {@code json} is asked for. */
final class JsonSerializers {

    private JsonSerializers() {
    }

    static JacksonJsonSerializer<Object> fromContext(BeanFactory beanFactory) {
        // The application's mapper carries its modules and settings; without one, Jackson's defaults.
        JsonMapper mapper = beanFactory.getBeanProvider(JsonMapper.class).getIfUnique(JsonMapper::shared);
        return new JacksonJsonSerializer<>(mapper);
    }
}
