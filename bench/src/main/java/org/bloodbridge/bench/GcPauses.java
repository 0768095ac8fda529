package org.bloodbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;

/**
 * The stop-the-world pauses in a JVM's {@code -Xlog:gc} file (lines such as
 * {@code [12.3s] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 853M->412M(2048M) 24.512ms}), as
 * one RESULT line: count, p50, p99, max and total milliseconds. The benchmark suite runs it on the
 * node's log to put the profile behind the latency tails next to them.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.bloodbridge.bench.GcPauses --log node-gc-123.log --over-seconds 500</pre>
 */
public final class GcPauses {
    private static final Pattern PAUSE = Pattern.compile(" Pause .* ([0-9.]+)ms$");

    private GcPauses() {}

    public static void main(String[] args) throws IOException {
        Path log = Path.of(Harness.option(args, "--log", "gc.log"));
        long overSeconds = Long.parseLong(Harness.option(args, "--over-seconds", "0"));
        System.out.println(result(Files.readAllLines(log), overSeconds));
    }

    /** The RESULT line for these log lines; lines that are not a pause are skipped. */
    static String result(List<String> logLines, long overSeconds) {
        Histogram pauses = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        double totalMs = 0;
        for (String line : logLines) {
            Matcher pause = PAUSE.matcher(line);
            if (pause.find()) {
                double ms = Double.parseDouble(pause.group(1));
                pauses.recordValue(Math.round(ms * 1000));
                totalMs += ms;
            }
        }
        return String.format(Locale.ROOT, "RESULT node-gc pauses=%d p50=%.1f p99=%.1f max=%.1f totalMs=%.0f overSeconds=%d",
                pauses.getTotalCount(), ms(pauses.getValueAtPercentile(50)), ms(pauses.getValueAtPercentile(99)),
                ms(pauses.getMaxValue()), totalMs, overSeconds);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
