package io.cebridge.cli;

import io.cebridge.config.BridgeConfig;
import java.time.Duration;

/** Lets tests in other packages call `run --once` with a prepared configuration. */
public final class RunCommandAccess {
    private RunCommandAccess() {
    }

    public static int runOnce(BridgeConfig cfg) throws Exception {
        return RunCommand.runWith(cfg, true, Duration.ofMinutes(2));
    }

    /** `run` until stopped; returns at once with its exit code when the start fails. */
    public static int run(BridgeConfig cfg) throws Exception {
        return RunCommand.runWith(cfg, false, Duration.ofMinutes(2));
    }
}
