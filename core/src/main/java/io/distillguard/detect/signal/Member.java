package io.distillguard.detect.signal;

import io.distillguard.detect.account.AccountProfile;
import io.distillguard.detect.profile.TrafficProfile;

/** One account of an entity being scored: its attributes and its traffic. */
public record Member(AccountProfile profile, TrafficProfile traffic) {
}
