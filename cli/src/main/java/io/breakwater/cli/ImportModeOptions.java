package io.breakwater.cli;

import io.breakwater.core.nsx.OnError;
import io.breakwater.core.nsx.Placement;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The NSX import's mode options (seed 000), shared by {@code convert} and {@code import}. */
final class ImportModeOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--on-error", paramLabel = "ABORT|CONTINUE", defaultValue = "ABORT",
            description = "ABORT (default): a rejected NetworkPolicy stops the import, nothing is converted or "
                    + "committed. CONTINUE: rejected ones are skipped, the others converted.")
    OnError onError;

    @Option(names = "--sequence-number-upper", paramLabel = "N",
            description = "Sequence number of every allow policy (give both or neither; default: after the "
                    + "existing Application policies).")
    Integer upper;

    @Option(names = "--sequence-number-lower", paramLabel = "N",
            description = "Sequence number of every drop policy; must be greater than the upper number.")
    Integer lower;

    /** The fixed placement, empty when neither number is given; a usage error when only one is or they clash. */
    Optional<Placement.Fixed> placement() {
        if (upper == null && lower == null) {
            return Optional.empty();
        }
        if (upper == null || lower == null || lower <= upper || upper < 0 || lower > Placement.MAX_SEQUENCE_NUMBER) {
            throw new ParameterException(spec.commandLine(), "--sequence-number-upper and --sequence-number-lower "
                    + "go together, with 0 <= upper < lower <= " + Placement.MAX_SEQUENCE_NUMBER);
        }
        return Optional.of(new Placement.Fixed(upper, lower));
    }
}
