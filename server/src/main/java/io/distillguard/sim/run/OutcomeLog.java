package io.distillguard.sim.run;

import java.util.Arrays;

/**
 * What every sent request got, in planned order, in primitive columns (a million requests take ~30 MB): virtual time,
 * population, account, planned and obtained output tokens, HTTP status, and the event time the gateway stamped on its
 * usage event (0 until known). Written by the runner thread only.
 */
public final class OutcomeLog {
    private long[] at = new long[1024];
    private int[] population = new int[1024];
    private int[] account = new int[1024];
    private int[] planned = new int[1024];
    private int[] obtained = new int[1024];
    private short[] status = new short[1024];
    private long[] stamped = new long[1024];
    private int size;

    void add(long atMs, int pop, int acct, int plannedTokens, int obtainedTokens, int httpStatus) {
        if (size == at.length) {
            int n = size * 2;
            at = Arrays.copyOf(at, n);
            population = Arrays.copyOf(population, n);
            account = Arrays.copyOf(account, n);
            planned = Arrays.copyOf(planned, n);
            obtained = Arrays.copyOf(obtained, n);
            status = Arrays.copyOf(status, n);
            stamped = Arrays.copyOf(stamped, n);
        }
        at[size] = atMs;
        population[size] = pop;
        account[size] = acct;
        planned[size] = plannedTokens;
        obtained[size] = obtainedTokens;
        status[size] = (short) httpStatus;
        size++;
    }

    /** Records the event time the gateway stamped on request {@code i}'s usage event. */
    void stamped(int i, long epochMs) {
        if (i >= 0 && i < size) {
            stamped[i] = epochMs;
        }
    }

    /** The event time the gateway stamped on request {@code i} (0 if its event was not seen). */
    public long stamped(int i) {
        return stamped[i];
    }

    public int size() {
        return size;
    }

    public long at(int i) {
        return at[i];
    }

    public int population(int i) {
        return population[i];
    }

    public int account(int i) {
        return account[i];
    }

    public int planned(int i) {
        return planned[i];
    }

    public int obtained(int i) {
        return obtained[i];
    }

    public int status(int i) {
        return status[i];
    }
}
