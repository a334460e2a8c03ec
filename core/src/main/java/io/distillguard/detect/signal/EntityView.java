package io.distillguard.detect.signal;

import io.distillguard.detect.DetectionConfig;
import io.distillguard.detect.profile.PopulationBaselines;
import io.distillguard.detect.profile.TrafficProfile;
import java.util.List;

/**
 * What a signal sees of one entity when it is scored: the merged traffic of its accounts, the accounts one by one
 * (possibly a sample of a very large entity), the population baselines and the event time of the scoring.
 *
 * @param entityId  entity
 * @param nowMs     event time of the scoring
 * @param total     traffic of all scored members merged
 * @param members   the scored members
 * @param baselines population and tier-peer baselines
 * @param config    engine settings
 */
public record EntityView(String entityId, long nowMs, TrafficProfile total, List<Member> members,
                         PopulationBaselines baselines, DetectionConfig config) {

    public EntityView {
        members = List.copyOf(members);
    }

    /** The tier most members are on (peers are compared within a tier). */
    public String tier() {
        if (!members.isEmpty()) {
            String first = members.getFirst().profile().tier().name();
            boolean same = true;
            for (int i = 1; i < members.size() && same; i++) {
                same = members.get(i).profile().tier().name().equals(first);
            }
            if (same) {
                return first;
            }
        }
        return members.stream()
                .collect(java.util.stream.Collectors.groupingBy(m -> m.profile().tier().name(),
                        java.util.stream.Collectors.counting()))
                .entrySet().stream().max(java.util.Map.Entry.comparingByValue())
                .map(java.util.Map.Entry::getKey).orElse("");
    }
}
