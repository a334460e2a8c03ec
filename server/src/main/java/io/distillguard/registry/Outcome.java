package io.distillguard.registry;

/** The result of a registry change: the stored value, or why it was refused. */
public sealed interface Outcome<T> {

    /** The change was stored; {@code value} is what the registry now holds. */
    record Ok<T>(T value) implements Outcome<T> {
    }

    /**
     * The change was refused and nothing was stored.
     *
     * @param code    {@code not_found}, {@code already_exists} or {@code invalid_value}
     * @param param   the offending field, or null
     * @param message a sentence for the operator
     */
    record Rejected<T>(String code, String param, String message) implements Outcome<T> {
    }

    static <T> Outcome<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Outcome<T> notFound(String param, String message) {
        return new Rejected<>("not_found", param, message);
    }

    static <T> Outcome<T> exists(String param, String message) {
        return new Rejected<>("already_exists", param, message);
    }

    static <T> Outcome<T> invalid(String param, String message) {
        return new Rejected<>("invalid_value", param, message);
    }

    /** The value, or an IllegalStateException carrying the rejection (for scripts and tests). */
    default T orElseThrow() {
        return switch (this) {
            case Ok<T> ok -> ok.value();
            case Rejected<T> r -> throw new IllegalStateException(r.code() + ": " + r.message());
        };
    }
}
