package io.distillguard.alerting;

/**
 * Where findings go (a webhook, a file a SIEM tails, ...). {@link #publish} must return quickly and never throw for
 * delivery problems: sinks queue or write and account for failures themselves.
 */
public interface FindingSink extends AutoCloseable {

    void publish(Finding finding);

    /** Flushes what can be flushed and releases resources. */
    @Override
    default void close() {}
}
