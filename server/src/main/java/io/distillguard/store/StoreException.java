package io.distillguard.store;

/** A database failure surfaced from the store or registry; wraps the driver's checked {@link java.sql.SQLException}. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
