package io.cebridge.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** The ERP `demo --erp` runs against: the reference ERP on H2, or the stand-in of an ERP reached over its own API. */
enum DemoErp {
    REFERENCE("jdbc", "reference ERP"),
    KINGDEE("kingdee", "Kingdee"),
    YONBIP("yonbip", "YonBIP");

    /** Its bridge.erp.type, which is also the suffix of its mapping twins (F.kingdee.jsonata). */
    final String type;
    /** How the console names it. */
    final String label;

    DemoErp(String type, String label) {
        this.type = type;
        this.label = label;
    }

    /** As it is typed after --erp (and listed when the value is not one of these). */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads --erp ignoring case; anything else is refused naming the values there are (picocli then exits 2). */
    static final class Converter implements CommandLine.ITypeConverter<DemoErp> {
        @Override
        public DemoErp convert(String value) {
            for (DemoErp e : values()) {
                if (e.toString().equalsIgnoreCase(value.strip())) {
                    return e;
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not an ERP the demo runs against; use one of "
                    + Arrays.stream(values()).map(DemoErp::toString).collect(Collectors.joining(", ")));
        }
    }
}
