package io.distillguard.evidence.report;

import io.distillguard.detect.risk.SignalContribution;
import io.distillguard.event.ContentFlag;
import io.distillguard.forensics.KeyTestResult;
import io.distillguard.link.LinkReason;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@link EntityEvidence} as one self-contained HTML page (inline CSS and SVG, no script, no external asset),
 * every piece of untrusted text escaped: the campaign evidence package an analyst can hand on or archive.
 */
final class HtmlReport {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("MM-dd HH:00").withZone(ZoneOffset.UTC);
    private static final String CSS = """
            body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:960px;color:#1d232a}
            h1{font-size:22px}h2{font-size:17px;border-bottom:1px solid #ccd;padding-bottom:3px;margin-top:28px}
            table{border-collapse:collapse;width:100%}td,th{border:1px solid #dde;padding:4px 6px;vertical-align:top;text-align:left}
            th{background:#f2f4f8}td.n{text-align:right;font-variant-numeric:tabular-nums}
            pre{background:#f6f7f9;padding:8px;white-space:pre-wrap;word-break:break-word;font-size:12px}
            .chart .grid{stroke:#e3e6eb}.chart .tick{font-size:11px;fill:#555}.chart .lbl{font-size:12px;fill:#222}
            .chart .title{font-size:13px;font-weight:600;fill:#222}.hash{font-family:monospace;font-size:15px;word-break:break-all}
            .muted{color:#666}""";

    private final StringBuilder out = new StringBuilder(64 * 1024);

    private HtmlReport() {
    }

    static String render(EntityEvidence ev) {
        return new HtmlReport().page(ev);
    }

    private String page(EntityEvidence ev) {
        EntityActivity act = ev.activity();
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>DistillGuard evidence: ")
                .append(esc(ev.entityId())).append("</title><style>").append(CSS).append("</style></head><body>\n");
        out.append("<h1>Campaign evidence: ").append(esc(ev.entityId())).append("</h1>\n");
        p("Requested: " + esc(ev.requested()) + ". Generated " + esc(Instant.ofEpochMilli(ev.generatedAtMs()).toString())
                + " from " + ev.replayed() + " replayed events.");
        summary(ev, act);
        accounts(ev);
        timeline(act);
        volumes(act);
        signals(ev);
        samples(act);
        actions(ev);
        watermark(ev);
        h2("Event hash");
        out.append("<p class=\"hash\" id=\"event-hash\">sha256:").append(ev.eventHash()).append("</p>\n");
        p("SHA-256 over the entity's " + ev.eventCount() + " usage events, each as canonical JSON (properties sorted "
                + "by name) followed by a newline, in event-time order. Verify by re-running <code>distillguard report "
                + "--entity " + esc(ev.requested()) + "</code> on the same data directory, or with <code>--events-out "
                + "FILE</code> and <code>sha256sum FILE</code>.");
        out.append("</body></html>\n");
        return out.toString();
    }

    private void summary(EntityEvidence ev, EntityActivity act) {
        h2("Summary");
        out.append("<table>");
        row("Accounts", String.valueOf(ev.accounts().size()));
        row("Requests", fmt("%,d", act.total().requests));
        row("Input tokens", fmt("%,d", act.total().inputTokens));
        row("Output tokens", fmt("%,d", act.total().outputTokens));
        if (act.total().requests > 0) {
            row("First seen", Instant.ofEpochMilli(act.firstMs()).toString());
            row("Last seen", Instant.ofEpochMilli(act.lastMs()).toString());
        }
        row("Risk", ev.risk() == null ? "not scored" : fmt("%.2f", ev.risk().score()));
        row("Alert", ev.alert() == null ? "none raised in replay"
                : ev.alert().id() + " (revision " + ev.alert().revision() + ")");
        out.append("</table>\n");
    }

    private void accounts(EntityEvidence ev) {
        h2("Accounts and why they are one entity");
        p("Accounts: " + esc(String.join(", ", ev.accounts().stream().sorted().toList())));
        if (ev.linkReasons().isEmpty()) {
            p("<span class=\"muted\">No links: the entity is a single account.</span>");
            return;
        }
        out.append("<table><tr><th>Account</th><th>Account</th><th>Score</th><th>Shared evidence</th></tr>");
        for (LinkReason r : ev.linkReasons()) {
            out.append("<tr><td>").append(esc(r.accountA())).append("</td><td>").append(esc(r.accountB()))
                    .append("</td><td class=\"n\">").append(fmt("%.2f", r.score())).append("</td><td>")
                    .append(esc(String.join("; ", r.evidence()))).append("</td></tr>");
        }
        out.append("</table>\n");
    }

    private void timeline(EntityActivity act) {
        h2("Timeline (per UTC hour)");
        Map<Long, EntityActivity.Volume> hourly = act.hourly();
        if (hourly.isEmpty()) {
            p("<span class=\"muted\">No events.</span>");
            return;
        }
        List<String> labels = hourly.keySet().stream().map(h -> HOUR.format(Instant.ofEpochMilli(h))).toList();
        double[] requests = hourly.values().stream().mapToDouble(v -> v.requests).toArray();
        double[] output = hourly.values().stream().mapToDouble(v -> v.outputTokens).toArray();
        out.append(SvgCharts.line("Requests per hour", labels, requests, "#2f6fb3")).append('\n');
        out.append(SvgCharts.line("Output tokens per hour", labels, output, "#c0504d")).append('\n');
    }

    private void volumes(EntityActivity act) {
        h2("Volume per model");
        List<SvgCharts.Bar> models = new ArrayList<>();
        act.models().forEach((m, v) -> models.add(new SvgCharts.Bar(m, v.outputTokens)));
        out.append(SvgCharts.bars("Output tokens per model", models, "#2f6fb3")).append('\n');
        volumeTable(List.copyOf(act.models().entrySet()));
        h2("Volume per capability");
        List<SvgCharts.Bar> caps = new ArrayList<>();
        act.capabilities().forEach((f, v) -> caps.add(new SvgCharts.Bar(label(f), v.requests)));
        out.append(SvgCharts.bars("Requests per capability (content flags)", caps, "#8064a2")).append('\n');
        volumeTable(act.capabilities().entrySet().stream().map(e -> Map.entry(label(e.getKey()), e.getValue()))
                .toList());
    }

    private void volumeTable(List<Map.Entry<String, EntityActivity.Volume>> rows) {
        out.append("<table><tr><th></th><th>Requests</th><th>Input tokens</th><th>Output tokens</th></tr>");
        for (var e : rows) {
            out.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=\"n\">")
                    .append(fmt("%,d", e.getValue().requests)).append("</td><td class=\"n\">")
                    .append(fmt("%,d", e.getValue().inputTokens)).append("</td><td class=\"n\">")
                    .append(fmt("%,d", e.getValue().outputTokens)).append("</td></tr>");
        }
        out.append("</table>\n");
    }

    private void signals(EntityEvidence ev) {
        h2("Top signals");
        List<SignalContribution> signals = ev.risk() != null ? ev.risk().breakdown()
                : ev.alert() != null ? ev.alert().signals() : List.of();
        if (signals.isEmpty()) {
            p("<span class=\"muted\">The entity was not scored.</span>");
            return;
        }
        out.append("<table><tr><th>Signal</th><th>Score</th><th>Value</th><th>Baseline</th><th>Weight</th>"
                + "<th>Contribution</th><th>Explanation</th></tr>");
        signals.stream().sorted(Comparator.comparingDouble(SignalContribution::contribution).reversed()).limit(12)
                .forEach(s -> out.append("<tr><td>").append(esc(s.reading().signal())).append("</td><td class=\"n\">")
                        .append(fmt("%.2f", s.reading().score())).append("</td><td class=\"n\">")
                        .append(fmt("%.4g", s.reading().value())).append("</td><td class=\"n\">")
                        .append(fmt("%.4g", s.reading().baseline())).append("</td><td class=\"n\">")
                        .append(fmt("%.2f", s.weight())).append("</td><td class=\"n\">")
                        .append(fmt("%.3f", s.contribution())).append("</td><td>")
                        .append(esc(s.reading().explanation())).append("</td></tr>"));
        out.append("</table>\n");
    }

    private void samples(EntityActivity act) {
        h2("Sample prompts");
        List<EntityActivity.Sample> samples = act.samples();
        if (samples.isEmpty()) {
            p("<span class=\"muted\">Retention kept no prompt text for this entity.</span>");
            return;
        }
        for (EntityActivity.Sample s : samples) {
            List<String> flags = new ArrayList<>();
            for (ContentFlag f : ContentFlag.values()) {
                if ((s.contentFlags() & f.bit()) != 0) {
                    flags.add(label(f));
                }
            }
            p(esc(Instant.ofEpochMilli(s.timestampMs()).toString()) + " &middot; " + esc(s.accountId()) + " &middot; "
                    + esc(s.model()) + (flags.isEmpty() ? "" : " &middot; " + esc(String.join(", ", flags))));
            out.append("<pre>").append(esc(s.text())).append("</pre>\n");
        }
    }

    private void actions(EntityEvidence ev) {
        h2("Actions taken");
        AuditTrail audit = ev.audit();
        if (!audit.present()) {
            p("<span class=\"muted\">No audit log in the data directory.</span>");
            return;
        }
        p(audit.chainBreak().map(b -> "<strong>Audit chain broken</strong> at " + esc(b))
                .orElse("Audit chain verifies."));
        if (audit.lines().isEmpty()) {
            p("<span class=\"muted\">No decisions recorded for this entity or its accounts.</span>");
            return;
        }
        out.append("<pre>");
        audit.lines().forEach(l -> out.append(esc(l)).append('\n'));
        out.append("</pre>\n");
    }

    private void watermark(EntityEvidence ev) {
        h2("Watermark test");
        if (ev.watermark() == null) {
            p("<span class=\"muted\">Not run (give --watermark-texts and --key-file).</span>");
            return;
        }
        p(ev.watermark().texts() + " suspect texts, " + ev.watermark().occurrences() + " slot occurrences.");
        out.append("<table><tr><th>Key</th><th>Slots</th><th>Hits</th><th>Score</th><th>Expected</th><th>z</th>"
                + "<th>p</th><th>Holm p</th></tr>");
        for (KeyTestResult r : ev.watermark().results()) {
            out.append("<tr><td>").append(esc(r.keyId())).append("</td><td class=\"n\">").append(r.units())
                    .append("</td><td class=\"n\">").append(r.hits()).append("</td><td class=\"n\">").append(r.score())
                    .append("</td><td class=\"n\">").append(fmt("%.1f", r.expectedScore()))
                    .append("</td><td class=\"n\">").append(fmt("%.2f", r.zScore())).append("</td><td class=\"n\">")
                    .append(fmt("%.2e", r.pValue())).append("</td><td class=\"n\">")
                    .append(fmt("%.2e", r.holmAdjustedPValue())).append("</td></tr>");
        }
        out.append("</table>\n");
    }

    private static String label(ContentFlag f) {
        return f.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private void h2(String title) {
        out.append("<h2>").append(title).append("</h2>\n");
    }

    private void p(String html) {
        out.append("<p>").append(html).append("</p>\n");
    }

    private void row(String k, String v) {
        out.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>");
    }

    private static String esc(String s) {
        return Html.escape(s);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
