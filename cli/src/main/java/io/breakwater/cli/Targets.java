package io.breakwater.cli;

import io.breakwater.core.eval.Evaluator;
import io.breakwater.core.eval.K8sEvaluator;
import io.breakwater.core.problem.Result;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Every target {@code --target} accepts, in the order {@code --help} lists them. Adding a target is one
 * {@link #register} line here; commands never name targets themselves.
 */
final class Targets {

    static final String DEFAULT = K8sEvaluator.TARGET;

    private static final Map<String, Target> ALL = new LinkedHashMap<>();

    static {
        register(new Target(K8sEvaluator.TARGET, "Kubernetes NetworkPolicy semantics (the reference)", Set.of(),
                (input, options) -> Result.<Evaluator>of(K8sEvaluator.of(input.inventory(), input.policies()))));
        register(NsxTarget.TARGET);
        register(ContrailTarget.target());
        register(AntreaTarget.direct());
        register(AntreaTarget.throughNsx());
    }

    private Targets() {}

    private static void register(Target target) {
        ALL.put(target.name(), target);
    }

    static Optional<Target> find(String name) {
        return Optional.ofNullable(ALL.get(name));
    }

    static Set<String> names() {
        return java.util.Collections.unmodifiableSet(ALL.keySet());
    }

    /** Lets picocli turn {@code --target nsx} into a {@link Target}, with one clear line for unknown names. */
    static final class Converter implements ITypeConverter<Target> {
        @Override
        public Target convert(String value) {
            return find(value).orElseThrow(() -> new TypeConversionException(
                    "unknown target '" + value + "' (known: " + String.join(", ", names()) + ")"));
        }
    }

    /** The names for {@code --help} and shell completion. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return names().iterator();
        }
    }
}
