package io.cebridge.fault;

import io.cebridge.config.Secret;
import io.cebridge.connector.crm.RecordProblem;
import io.cebridge.connector.crm.salesforce.HostPolicy;
import io.cebridge.connector.crm.salesforce.QueryPage;
import io.cebridge.connector.crm.salesforce.SalesforceClient;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;

/**
 * Runs in a JVM of its own with a small heap (see {@link CrmAnswerHeapIT}): asks a Salesforce stand-in for each hostile
 * answer named on the command line through the real client and prints one line per answer, its outcome and the peak
 * heap used while reading it. A heap that runs out prints OUT_OF_MEMORY and exits 3.
 * Arguments: login URL, max answer bytes, answer names.
 */
public final class HostileAnswerProbe {
    private HostileAnswerProbe() {
    }

    public static void main(String[] args) {
        SalesforceClient client = new SalesforceClient(args[0], "probe", new Secret("probe-secret"), "60.0",
                Duration.ofSeconds(60), 2000, HostPolicy.localStandIn(), Long.parseLong(args[1]));
        for (int i = 2; i < args.length; i++) {
            String name = args[i];
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            String outcome;
            try {
                QueryPage page = client.query("SELECT Id FROM " + name);
                long marked = page.records().stream().filter(r -> RecordProblem.of(r) != null).count();
                outcome = "READ " + page.records().size() + " records, " + marked + " dead-lettered";
            } catch (OutOfMemoryError e) {
                System.out.println("ANSWER " + name + " OUT_OF_MEMORY");
                System.exit(3);
                return;
            } catch (RuntimeException e) {
                outcome = "FAILED " + e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            System.out.println("ANSWER " + name + " peak-heap-mb " + peak / (1024 * 1024) + " " + outcome.replace('\n', ' '));
        }
    }
}
