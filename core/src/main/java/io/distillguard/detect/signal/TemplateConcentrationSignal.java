package io.distillguard.detect.signal;

import io.distillguard.detect.profile.TrafficProfile;
import io.distillguard.detect.signal.Calibration.Percent;

/**
 * Template concentration: the guaranteed share of prompts that fall in the three most used prompt templates (a
 * Space-Saving top-k). A person's prompts each have their own skeleton; a harvesting script fills a few templates.
 */
public final class TemplateConcentrationSignal implements Signal {
    static final double REFERENCE = 0.2;

    @Override
    public String name() {
        return "template_concentration";
    }

    @Override
    public double defaultWeight() {
        return 0.15;
    }

    @Override
    public SignalScore score(EntityView view) {
        TrafficProfile t = view.total();
        if (t.promptRequests() < view.config().minRequests()) {
            return SignalScore.deferred(name(), 0, 0, 0, "%d prompts; too few to judge", t.promptRequests());
        }
        double share = t.topTemplates().topShare(3);
        return SignalScore.deferred(name(), share, REFERENCE, Calibration.ramp(share, 0.35, 0.8),
                "%s of %d prompts use the top 3 templates (~%.0f distinct templates; human traffic < %s)",
                new Percent(share), t.promptRequests(), t.distinctTemplates(), new Percent(REFERENCE));
    }
}
