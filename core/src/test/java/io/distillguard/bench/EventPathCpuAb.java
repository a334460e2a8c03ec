package io.distillguard.bench;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link EventPathCpuReport} for two builds in one JVM, round by round alternately, so that both see the same load
 * on the shared machine (separate runs minutes apart at a load average of 15 differ by more than the change being
 * measured). Each build is loaded by its own class loader from a class path (e.g. the {@code core/target/classes} of
 * a commit copied aside, the benchmark classes and the dependencies). Run with
 * {@code java -Xms4g -Xmx4g -cp core/target/test-classes io.distillguard.bench.EventPathCpuAb ROUNDS CP_A CP_B};
 * prints per round and the medians of full path and event path only, in events per CPU-second of the thread.
 */
public final class EventPathCpuAb {

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        List<Method> builds = new ArrayList<>();
        for (int b = 1; b < args.length; b++) {
            List<URL> urls = new ArrayList<>();
            for (String entry : args[b].split(File.pathSeparator)) {
                urls.add(new File(entry).toURI().toURL());
            }
            ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            builds.add(loader.loadClass(EventPathCpuReport.class.getName()).getMethod("round"));
        }
        double[][] full = new double[builds.size()][rounds];
        double[][] eventPath = new double[builds.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int b = 0; b < builds.size(); b++) {
                double[] rates = (double[]) builds.get(b).invoke(null);
                full[b][r] = rates[0];
                eventPath[b][r] = rates[1];
                System.out.printf("round %d build %c: full path %,.0f, event path only %,.0f events/CPU-s%n", r,
                        'A' + b, rates[0], rates[1]);
            }
        }
        for (int b = 0; b < builds.size(); b++) {
            System.out.printf("build %c: full path median %,.0f best %,.0f; event path only median %,.0f best %,.0f"
                    + " events per CPU-second%n", 'A' + b, EventPathCpuReport.median(full[b]),
                    EventPathCpuReport.max(full[b]), EventPathCpuReport.median(eventPath[b]),
                    EventPathCpuReport.max(eventPath[b]));
        }
    }

    private EventPathCpuAb() {
    }
}
