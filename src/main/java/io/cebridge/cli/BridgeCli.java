package io.cebridge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of target/ce-bridge.jar. */
@Command(name = "ce-bridge", mixinStandardHelpOptions = true, version = "ce-bridge 0.1.0",
        description = "Open CRM <-> ERP integration runtime.",
        subcommands = {RunCommand.class, DemoCommand.class, ValidateCommand.class, ReplayCommand.class, RecordCommand.class, MapCommand.class, DlqCommand.class, ReferenceErpCommand.class,
                ReconcileCommand.class,
                StatusCommand.class, TrailCommand.class,
                })
public final class BridgeCli implements Runnable {

    public static void main(String[] args) {
        io.cebridge.store.StoreServer.bindToLoopback(); // before any H2 class reads it: the store is served on loopback only
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return new CommandLine(new BridgeCli()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
