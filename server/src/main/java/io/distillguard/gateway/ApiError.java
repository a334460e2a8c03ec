package io.distillguard.gateway;

/**
 * Every error the gateway can answer, mapped once to its HTTP status and OpenAI's error {@code type} and {@code code},
 * so that every client SDK recognises it (401 -> AuthenticationError, 429 -> RateLimitError, ...).
 */
public enum ApiError {
    MISSING_API_KEY(401, "invalid_request_error", null),
    INVALID_API_KEY(401, "invalid_request_error", "invalid_api_key"),
    ACCOUNT_SUSPENDED(403, "invalid_request_error", "account_suspended"),
    VERIFICATION_REQUIRED(403, "invalid_request_error", "verification_required"),
    LOGIT_BIAS_WITH_LOGPROBS(400, "invalid_request_error", "unsupported_parameter"),
    NOT_FOUND(404, "invalid_request_error", null),
    METHOD_NOT_ALLOWED(405, "invalid_request_error", "method_not_supported"),
    INVALID_JSON(400, "invalid_request_error", null),
    INVALID_REQUEST(400, "invalid_request_error", null),
    BODY_TOO_LARGE(413, "invalid_request_error", "request_too_large"),
    RATE_LIMITED_REQUESTS(429, "requests", "rate_limit_exceeded"),
    RATE_LIMITED_TOKENS(429, "tokens", "rate_limit_exceeded"),
    OVERLOADED(503, "server_error", "server_overloaded"),
    UPSTREAM_ERROR(502, "server_error", "bad_gateway"),
    UPSTREAM_TIMEOUT(504, "server_error", "gateway_timeout"),
    INTERNAL(500, "server_error", null);

    private final int status;
    private final String type;
    private final String code;

    ApiError(int status, String type, String code) {
        this.status = status;
        this.type = type;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    /** This error with a message (and optional offending parameter), ready to be written. */
    public ErrorResponse withMessage(String message) {
        return new ErrorResponse(this, message, null);
    }

    public ErrorResponse withMessage(String message, String param) {
        return new ErrorResponse(this, message, param);
    }
}
