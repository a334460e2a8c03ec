package io.distillguard.demo;

/** The outcome of reading a request: its value, or the error answer that rejects it. */
sealed interface Parsed<T> {

    record Ok<T>(T value) implements Parsed<T> {
    }

    record Rejected<T>(ApiError error) implements Parsed<T> {
    }

    static <T> Parsed<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Parsed<T> rejected(ApiError error) {
        return new Rejected<>(error);
    }
}
