package io.distillguard.sim.report;

import java.util.List;
import java.util.Locale;

/** Minimal inline-SVG charts (multi-series lines with markers, grouped bars) with axes and a legend. */
final class Svg {
    static final String[] COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
        "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd"};
    static final int W = 960;
    static final int H = 360;
    static final int L = 50;
    static final int R = 260;
    static final int T = 30;
    static final int B = 30;

    /** One line: y values in [0,1] over equal x steps; markers are {x in steps, kind 0 = triangle, 1 = square}. */
    record Series(String name, double[] y, boolean dashed, List<double[]> markers) {
    }

    private Svg() {
    }

    static String lines(String title, List<Series> series) {
        StringBuilder s = open(title);
        int pw = W - L - R;
        int ph = H - T - B;
        for (int i = 0; i < series.size(); i++) {
            Series se = series.get(i);
            String c = COLOURS[i % COLOURS.length];
            StringBuilder pts = new StringBuilder();
            int n = se.y().length;
            for (int x = 0; x < n; x++) {
                pts.append(f("%.1f,%.1f ", L + pw * x / (double) Math.max(1, n - 1), T + ph * (1 - clamp(se.y()[x]))));
            }
            s.append(f("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.6\"%s points=\"%s\"/>", c,
                    se.dashed() ? " stroke-dasharray=\"5,3\"" : "", pts));
            for (double[] m : se.markers()) {
                double x = L + pw * Math.min(n - 1, m[0]) / Math.max(1, n - 1);
                int idx = (int) Math.max(0, Math.min(n - 1, Math.floor(m[0])));
                double y = T + ph * (1 - clamp(se.y()[idx]));
                s.append(m[1] == 0
                        ? f("<path d=\"M%.1f %.1f l5 9 h-10 z\" fill=\"%s\"/>", x, y - 6, c)
                        : f("<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"%s\"/>", x - 4, y - 4, c));
            }
            legend(s, i, se.name() + (se.dashed() ? " ‒ ‒" : ""), c);
        }
        return s.append("</svg>").toString();
    }

    /** Grouped bars: {@code values[group][bin]} in [0,1]. */
    static String bars(String title, List<String> groups, double[][] values) {
        StringBuilder s = open(title);
        int pw = W - L - R;
        int ph = H - T - B;
        int bins = values[0].length;
        double bw = pw / (double) bins / groups.size();
        for (int g = 0; g < groups.size(); g++) {
            String c = COLOURS[(g * 3) % COLOURS.length];
            for (int b = 0; b < bins; b++) {
                double h = ph * clamp(values[g][b]);
                s.append(f("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                        L + (b * groups.size() + g) * bw, T + ph - h, bw - 1, h, c));
            }
            legend(s, g, groups.get(g), c);
        }
        return s.append("</svg>").toString();
    }

    private static StringBuilder open(String title) {
        StringBuilder s = new StringBuilder(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">"
                + "<text x=\"%d\" y=\"18\" font-size=\"13\">%s</text>", W, H, L, escape(title)));
        int ph = H - T - B;
        s.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>", L, T, L, T + ph));
        s.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>", L, T + ph, W - R, T + ph));
        for (int k = 0; k <= 4; k++) {
            s.append(f("<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%.2f</text>", L - 4,
                    T + ph * (1 - k / 4.0) + 3, k / 4.0));
        }
        return s;
    }

    private static void legend(StringBuilder s, int i, String name, String colour) {
        int y = T + 14 * i;
        s.append(f("<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>", W - R + 10, y, colour));
        s.append(f("<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>", W - R + 24, y + 9, escape(name)));
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
