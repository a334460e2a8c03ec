package io.distillguard.semantic;

/** Conversions between float vectors and the L2-normalised int8 form ({@code round(value * 127)}) used everywhere. */
public final class Int8Vectors {

    private Int8Vectors() {
    }

    /** {@code v} scaled to unit length and quantised to int8; the zero vector stays zero. */
    public static byte[] quantize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        norm = Math.sqrt(norm);
        byte[] out = new byte[v.length];
        if (norm == 0) {
            return out;
        }
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) Math.max(-127, Math.min(127, Math.round(v[i] / norm * 127)));
        }
        return out;
    }

    /** The float form of an int8 vector ({@code value / 127}). */
    public static float[] toFloat(byte[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / 127f;
        }
        return out;
    }

    /** Cosine similarity of two int8 vectors of equal length (0 when either is zero). */
    public static double cosine(byte[] a, byte[] b) {
        long dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt((double) na * nb);
    }
}
