package io.cebridge.bench;

import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import java.time.Clock;
import java.util.Random;

/**
 * The benchmark's fake Salesforce in a JVM of its own: generates the accounts, serves them, prints
 * {@code LOGIN_URL=...} and runs until its standard input closes (the benchmark ends).
 */
public final class FakeCrmProcess {
    private FakeCrmProcess() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        Random rnd = new Random(42);
        for (int i = 0; i < n; i++) {
            accounts.create(InitialLoadBenchmark.account(i, rnd));
        }
        try (DemoSalesforceServer crm = new DemoSalesforceServer(accounts, "bench", "bench-secret")) {
            crm.start(0);
            System.out.println("LOGIN_URL=" + crm.loginUrl());
            System.out.flush();
            while (System.in.read() >= 0) {
                // the parent keeps stdin open while it runs; EOF means it is done
            }
        }
        System.exit(0);
    }
}
