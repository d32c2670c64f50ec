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
}
