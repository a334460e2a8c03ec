package io.distillguard.gateway;

/**
 * One step of the gateway before the request is forwarded (authenticate, admit, transform). Runs on the event loop,
 * so it must not block: it reads in-memory state only.
 */
@FunctionalInterface
public interface RequestFilter {
    FilterOutcome apply(Exchange exchange);
}
