package io.distillguard.sim.run;

import io.distillguard.config.DetectionSettings;
import io.distillguard.config.GatewayConfig;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The defences a scenario is evaluated against, each a transformation of the gateway configuration:
 * <ul>
 * <li>{@code per-key}: per-key/account rate limits and quotas only (what LiteLLM, Portkey and Kong offer): detection,
 *     linking and therefore policy decisions and entity budgets off.</li>
 * <li>{@code account-anomaly}: per-account volume anomaly only: no linking, only the volume and tier-riding signals,
 *     each allowed to raise an alert on its own (weight 1), and the default policy.</li>
 * <li>{@code full}: DistillGuard as configured.</li>
 * <li>{@code remote}: a gateway running elsewhere ({@code simulate --url}), configured however its operator
 *     configured it; the harness cannot change it, so {@link #apply} leaves the configuration alone.</li>
 * </ul>
 */
public enum Defence {
    PER_KEY, ACCOUNT_ANOMALY, FULL, REMOTE;

    public GatewayConfig apply(GatewayConfig cfg) {
        DetectionSettings d = cfg.detection();
        return switch (this) {
            case PER_KEY -> cfg.withDetection(d.withEnabled(false));
            case ACCOUNT_ANOMALY -> cfg.withDetection(d.withSignals(false, List.of("volume", "tier_riding"),
                    Map.of("volume", 1.0, "tier_riding", 1.0)));
            case FULL, REMOTE -> cfg;
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Defence parse(String s) {
        return valueOf(s.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
