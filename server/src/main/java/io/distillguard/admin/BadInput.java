package io.distillguard.admin;

/** A request body the admin API cannot use; the failure handler answers it with a 400 naming {@code param}. */
final class BadInput extends RuntimeException {

    private final String param;

    BadInput(String param, String message) {
        super(message, null, false, false);
        this.param = param;
    }

    String param() {
        return param;
    }
}
