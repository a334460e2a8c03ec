package io.distillguard.gateway.filter;

import io.distillguard.gateway.ApiError;
import io.distillguard.gateway.Exchange;
import io.distillguard.gateway.FilterOutcome;
import io.distillguard.gateway.RequestFilter;
import io.distillguard.link.EntityResolver;
import io.distillguard.registry.AuthResult;
import io.distillguard.registry.Registry;

/**
 * Who is calling: checks the bearer key against the registry (in memory, constant-time) and resolves the entity that
 * controls the key's account, so every later filter can act per key, account, organisation and entity.
 */
public final class AuthenticationFilter implements RequestFilter {
    private final Registry registry;
    private final EntityResolver entities;

    public AuthenticationFilter(Registry registry, EntityResolver entities) {
        this.registry = registry;
        this.entities = entities;
    }

    @Override
    public FilterOutcome apply(Exchange ex) {
        String header = ex.authorization;
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            return FilterOutcome.reject(ApiError.MISSING_API_KEY.withMessage("You didn't provide an API key. You need "
                    + "to provide your API key in an Authorization header using Bearer auth "
                    + "(i.e. Authorization: Bearer YOUR_KEY)."));
        }
        String token = header.substring(7).trim();
        return switch (registry.authenticate(token)) {
            case AuthResult.Authenticated a -> {
                ex.principal = a.principal();
                ex.entityId = entities.entityOf(a.principal().account().id());
                yield FilterOutcome.CONTINUE;
            }
            case AuthResult.Denied d -> d.reason() == AuthResult.Reason.ACCOUNT_SUSPENDED
                    ? FilterOutcome.reject(ApiError.ACCOUNT_SUSPENDED.withMessage(
                            "This account has been suspended. Contact support if you believe this is a mistake."))
                    : FilterOutcome.reject(ApiError.INVALID_API_KEY.withMessage(
                            "Incorrect API key provided: " + mask(token) + "."));
        };
    }

    /** Shows only enough of a key to recognise it, as OpenAI does. */
    static String mask(String token) {
        if (token.length() <= 10) {
            return "***";
        }
        return token.substring(0, 6) + "*".repeat(Math.min(20, token.length() - 10)) + token.substring(token.length() - 4);
    }
}
