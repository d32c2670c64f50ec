package io.cebridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time read from Linux's /proc, in clock ticks (10 ms): the whole machine's busy and total time, and PostgreSQL's
 * (every postgres process, plus what the postmaster collected of backends that ended), so a benchmark can say what
 * the database spent per record beside its client and how busy the machine was. Zero where /proc is not there.
 */
final class CpuTicks {
    static final double NANOS_PER_TICK = 10_000_000; // USER_HZ is 100 on Linux

    private CpuTicks() {
    }

    /** {busy, total} of the machine since boot. */
    static long[] machine() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle, iowait
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** PostgreSQL's CPU ticks since its start, as far as /proc shows them. */
    static long postgres() {
        long sum = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs.filter(q -> q.getFileName().toString().chars()
                    .allMatch(Character::isDigit))::iterator) {
                sum += postgresTicks(p);
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return sum;
    }

    private static long postgresTicks(Path proc) {
        try {
            String stat = Files.readString(proc.resolve("stat"));
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            if (!stat.substring(open + 1, close).startsWith("postgres")) {
                return 0;
            }
            // fields after the name: state ppid ... utime (14) stime (15) cutime (16) cstime (17), 1-based overall
            String[] f = stat.substring(close + 2).split(" ");
            long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            long reaped = Long.parseLong(f[13]) + Long.parseLong(f[14]);
            return own + reaped;
        } catch (IOException | RuntimeException e) {
            return 0; // ended while being read
        }
    }
}
