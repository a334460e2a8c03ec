package io.distillguard.forensics;

import io.distillguard.watermark.SynonymClass;

import java.util.List;

/** A pseudo-class no table contains (id -1): hashing it gives the detector a key-derived uniform for tie-breaking. */
final class TieBreak {

    static final SynonymClass CLASS = new SynonymClass(-1, "none", 0, List.of("tie", "break"));

    private TieBreak() {
    }
}
