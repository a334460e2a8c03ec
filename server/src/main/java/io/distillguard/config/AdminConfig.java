package io.distillguard.config;

/**
 * The admin credential. When {@code token} is null a random one is generated at start and printed once; in production
 * set it (or {@code DISTILLGUARD_ADMIN_TOKEN}).
 */
public record AdminConfig(String token) {

    public AdminConfig {
        if (token != null && token.length() < 16) {
            throw new IllegalArgumentException("admin.token must be at least 16 characters");
        }
    }

    public static AdminConfig defaults() {
        return new AdminConfig(null);
    }
}
