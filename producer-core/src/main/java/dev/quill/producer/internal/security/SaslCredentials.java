package dev.quill.producer.internal.security;

/** A SASL user name and password. The password never leaves through {@link #toString()}. */
public record SaslCredentials(String username, String password) {

    @Override
    public String toString() {
        return "SaslCredentials[username=" + username + ", password=[hidden]]";
    }
}
