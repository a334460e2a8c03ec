package io.distillguard.config;

/**
 * Where findings (policy decisions, detection alerts) are sent besides the audit log.
 *
 * @param webhookUrl         http(s) URL that receives each finding as a JSON POST, or null for none
 * @param webhookSecret      shared secret (>= 16 characters) that signs every webhook body (HMAC-SHA256, header
 *                           {@code X-DistillGuard-Signature}); or the environment variable {@value #SECRET_ENV}.
 *                           A webhook URL without a secret fails the start: findings are never sent unsigned
 * @param webhookQueue       findings that may wait for delivery; beyond it new ones are dropped and counted
 * @param webhookMaxAttempts delivery attempts per finding
 * @param webhookBackoffMs   wait before the first retry; doubled for each further one (capped at 60 s)
 * @param findingsFile       JSON-lines file of OCSF Detection Findings (class 2004), or null for none
 */
public record AlertingConfig(String webhookUrl, String webhookSecret, int webhookQueue, int webhookMaxAttempts,
        long webhookBackoffMs, String findingsFile) {
    public static final String SECRET_ENV = "DISTILLGUARD_WEBHOOK_SECRET";

    public AlertingConfig {
        webhookQueue = webhookQueue == 0 ? 10_000 : webhookQueue;
        webhookMaxAttempts = webhookMaxAttempts == 0 ? 5 : webhookMaxAttempts;
        webhookBackoffMs = webhookBackoffMs == 0 ? 500 : webhookBackoffMs;
        Check.range("alerting.webhookQueue", webhookQueue, 1, 10_000_000);
        Check.range("alerting.webhookMaxAttempts", webhookMaxAttempts, 1, 100);
        Check.range("alerting.webhookBackoffMs", webhookBackoffMs, 1, 60_000);
        if (webhookUrl != null && !webhookUrl.startsWith("http://") && !webhookUrl.startsWith("https://")) {
            throw new IllegalArgumentException("alerting.webhookUrl must be an http(s) URL, got " + webhookUrl);
        }
        if (webhookSecret != null && webhookSecret.length() < 16) {
            throw new IllegalArgumentException("alerting.webhookSecret must be at least 16 characters");
        }
    }

    public static AlertingConfig defaults() {
        return new AlertingConfig(null, null, 0, 0, 0, null);
    }

    /** The signing secret from {@link #webhookSecret} or {@value #SECRET_ENV}; fails naming the field when absent. */
    public String resolveWebhookSecret() {
        String secret = webhookSecret != null ? webhookSecret : System.getenv(SECRET_ENV);
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("alerting.webhookUrl needs alerting.webhookSecret or " + SECRET_ENV
                    + ": webhook findings are always signed");
        }
        if (secret.length() < 16) {
            throw new IllegalArgumentException(SECRET_ENV + " must be at least 16 characters");
        }
        return secret;
    }
}
