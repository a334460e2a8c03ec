package io.distillguard.limit;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Builds the JSON body of a 429 the way the OpenAI API words it ("Rate limit reached for gpt-4o in organization org-x
 * on tokens per min (TPM): Limit 30000, Used 29937, Requested 385. Please try again in 644ms. ..."), so clients and
 * SDKs that parse it keep working. It names the organisation given by the caller and never the scope id that refused,
 * so an entity limit does not reveal which accounts are linked.
 */
public final class RateLimitErrors {
    private final String learnMoreUrl;

    /** @param learnMoreUrl page on rate limits quoted at the end of the message, or null for none */
    public RateLimitErrors(String learnMoreUrl) {
        this.learnMoreUrl = learnMoreUrl;
    }

    /** {@code {"error":{"message":...,"type":"requests"|"tokens","param":null,"code":"rate_limit_exceeded"}}}. */
    public String body(Admission.Rejected rejected, String model, String organization) {
        JsonObject error = new JsonObject()
                .put("message", message(rejected, model, organization))
                .put("type", rejected.dimension() == Dimension.REQUESTS ? "requests" : "tokens")
                .putNull("param")
                .put("code", "rate_limit_exceeded");
        return new JsonObject().put("error", error).encode();
    }

    /** The human-readable message of the error. */
    public String message(Admission.Rejected rejected, String model, String organization) {
        LimitSpec limit = rejected.limit();
        StringBuilder out = new StringBuilder();
        if (rejected.tooLarge()) {
            out.append("Request too large for ").append(model).append(" in organization ").append(organization)
                    .append(" on ").append(describe(limit)).append(": Limit ").append(limit.capacity())
                    .append(", Requested ").append(rejected.requested())
                    .append(". The input or output tokens must be reduced in order to run successfully.");
        } else {
            out.append("Rate limit reached for ").append(model).append(" in organization ").append(organization)
                    .append(" on ").append(describe(limit)).append(": Limit ").append(limit.capacity())
                    .append(", Used ").append(rejected.used()).append(", Requested ").append(rejected.requested())
                    .append(". Please try again in ").append(OpenAiDurations.format(rejected.retryAfterMillis()))
                    .append('.');
        }
        if (learnMoreUrl != null) {
            out.append(" Visit ").append(learnMoreUrl).append(" to learn more.");
        }
        return out.toString();
    }

    /** The message of a 429 given because the shared limit store is unreachable and the limits fail closed. */
    public String unavailableMessage(Admission.Unavailable unavailable, String model, String organization) {
        StringBuilder out = new StringBuilder("Rate limits for ").append(model).append(" in organization ")
                .append(organization).append(" cannot be checked right now (the limit store is unreachable), so the "
                        + "request was not run. Please try again in ")
                .append(OpenAiDurations.format(unavailable.retryAfterMillis())).append('.');
        if (learnMoreUrl != null) {
            out.append(" Visit ").append(learnMoreUrl).append(" to learn more.");
        }
        return out.toString();
    }

    /** E.g. "requests per min (RPM)", "output tokens per day (OTPD)", "input tokens per 5m0s". */
    static String describe(LimitSpec limit) {
        String what = switch (limit.dimension()) {
            case REQUESTS -> "requests";
            case INPUT_TOKENS -> "input tokens";
            case OUTPUT_TOKENS -> "output tokens";
        };
        String initials = switch (limit.dimension()) {
            case REQUESTS -> "RP";
            case INPUT_TOKENS -> "ITP";
            case OUTPUT_TOKENS -> "OTP";
        };
        Duration period = limit.period();
        String unit = period.equals(Duration.ofSeconds(1)) ? "sec"
                : period.equals(Duration.ofMinutes(1)) ? "min"
                : period.equals(Duration.ofHours(1)) ? "hour"
                : period.equals(Duration.ofDays(1)) ? "day" : null;
        if (unit == null) {
            return what + " per " + OpenAiDurations.format(period.toMillis());
        }
        return what + " per " + unit + " (" + initials + Character.toUpperCase(unit.charAt(0)) + ")";
    }
}
