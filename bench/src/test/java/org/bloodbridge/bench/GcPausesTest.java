package org.bloodbridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class GcPausesTest {
    @Test
    void countsEveryStopTheWorldPauseAndSkipsConcurrentPhases() {
        List<String> log = List.of(
                "[1.002s] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->5M(256M) 3.250ms",
                "[2.125s] GC(1) Concurrent Mark Cycle 31.493ms",
                "[2.130s] GC(1) Pause Remark 10M->10M(256M) 1.500ms",
                "[4.000s] GC(2) Pause Full (System.gc()) 20M->4M(256M) 40.000ms",
                "[4.100s] Using G1");
        assertEquals("RESULT node-gc pauses=3 p50=3.3 p99=40.0 max=40.0 totalMs=45 overSeconds=5",
                GcPauses.result(log, 5));
    }

    @Test
    void aLogWithoutPausesSaysSo() {
        assertEquals("RESULT node-gc pauses=0 p50=0.0 p99=0.0 max=0.0 totalMs=0 overSeconds=7",
                GcPauses.result(List.of("[0.010s] Using G1"), 7));
    }
}
