package io.distillguard.evidence.report;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts drawn from data, so the report opens offline with no script or external asset: a line chart for a
 * series over time and a horizontal bar chart for volumes per category.
 */
final class SvgCharts {
    private static final int WIDTH = 760;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 24;
    private static final int BOTTOM = 34;
    private static final int MAX_MARKERS = 72;

    /** A labelled value (a bar). */
    record Bar(String label, double value) {}

    private SvgCharts() {
    }

    /** A line chart of {@code values} at evenly spaced points labelled {@code xLabels} (a few are printed). */
    static String line(String title, List<String> xLabels, double[] values, String colour) {
        int height = 220;
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = height - TOP - BOTTOM;
        double max = niceMax(values);
        StringBuilder svg = open(title, height);
        axes(svg, max, plotW, plotH);
        int n = values.length;
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double x = LEFT + (n == 1 ? plotW / 2.0 : i * (double) plotW / (n - 1));
            double y = TOP + plotH - values[i] / max * plotH;
            points.append(fmt("%.1f,%.1f ", x, y));
        }
        svg.append(fmt("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>", colour,
                points.toString().strip()));
        if (n <= MAX_MARKERS) { // markers keep short series (a single hour) visible
            for (String point : points.toString().strip().split(" ")) {
                String[] xy = point.split(",");
                svg.append(fmt("<circle cx=\"%s\" cy=\"%s\" r=\"3\" fill=\"%s\"/>", xy[0], xy[1], colour));
            }
        }
        int step = Math.max(1, n / 6);
        for (int i = 0; i < n; i += step) {
            double x = LEFT + (n == 1 ? plotW / 2.0 : i * (double) plotW / (n - 1));
            svg.append(fmt("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" class=\"tick\">%s</text>", x,
                    height - 12, Html.escape(xLabels.get(i))));
        }
        return svg.append("</svg>").toString();
    }

    /** Horizontal bars, one per entry, scaled to the largest. */
    static String bars(String title, List<Bar> bars, String colour) {
        int rowH = 24;
        int labelW = 220;
        int height = TOP + Math.max(1, bars.size()) * rowH + 10;
        double max = Math.max(1e-9, bars.stream().mapToDouble(Bar::value).max().orElse(1));
        StringBuilder svg = open(title, height);
        int barMax = WIDTH - labelW - 90;
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = TOP + i * rowH;
            double w = bar.value() / max * barMax;
            svg.append(fmt("<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"lbl\">%s</text>", labelW - 8,
                    y + 16, Html.escape(bar.label())));
            svg.append(fmt("<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>", labelW, y + 4, w,
                    rowH - 8, colour));
            svg.append(fmt("<text x=\"%.1f\" y=\"%d\" class=\"tick\">%s</text>", labelW + w + 6, y + 16,
                    number(bar.value())));
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String title, int height) {
        StringBuilder svg = new StringBuilder(fmt("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" "
                + "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">", WIDTH, height,
                WIDTH, height, Html.escape(title)));
        svg.append(fmt("<text x=\"%d\" y=\"16\" class=\"title\">%s</text>", LEFT, Html.escape(title)));
        return svg;
    }

    private static void axes(StringBuilder svg, double max, int plotW, int plotH) {
        for (int i = 0; i <= 4; i++) {
            double y = TOP + plotH - i * plotH / 4.0;
            svg.append(fmt("<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", LEFT,
                    LEFT + plotW, y, y));
            svg.append(fmt("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"tick\">%s</text>", LEFT - 6,
                    y + 4, number(max * i / 4)));
        }
    }

    /** The smallest 1, 2 or 5 times a power of ten at or above the largest value (1 for an empty or zero series). */
    static double niceMax(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        if (max <= 0) {
            return 1;
        }
        double pow = Math.pow(10, Math.floor(Math.log10(max)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * pow >= max) {
                return m * pow;
            }
        }
        return 10 * pow;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? fmt("%,d", (long) v) : fmt("%.1f", v);
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
