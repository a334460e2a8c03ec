package io.distillguard.console;

import io.distillguard.enforce.PolicyService;
import io.distillguard.metering.MeteringPipeline;
import io.distillguard.monitor.DetectionService;
import io.distillguard.registry.Registry;
import io.distillguard.store.EventStore;
import java.time.Clock;

/**
 * What the console reads and acts through: the gateway's own services (it keeps no logic of theirs) plus its own small
 * state, the live rates, risk history and alert triage.
 *
 * @param clock the gateway's clock (event time; triage and audit timestamps)
 */
public record ConsoleServices(Registry registry, DetectionService detection, PolicyService policy, EventStore store,
        MeteringPipeline pipeline, LiveRates rates, RiskHistory history, AlertTriageStore triage, Clock clock) {}
