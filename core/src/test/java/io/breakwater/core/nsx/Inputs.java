package io.breakwater.core.nsx;

import io.breakwater.core.k8s.NetworkPolicy;
import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.normalize.Normalizer;
import io.breakwater.core.read.DocumentReader;
import java.util.List;

/** Test input from YAML text, read and normalized like the CLI does. */
final class Inputs {

    private Inputs() {}

    static K8sInput read(String yaml) {
        var docs = DocumentReader.readText("test", yaml);
        var in = Normalizer.normalize(docs.value());
        if (in.hasErrors()) {
            throw new IllegalArgumentException("bad test input: " + in.errors());
        }
        return in.value();
    }

    static List<NetworkPolicy> policies(String yaml) {
        return read(yaml).policies();
    }

    static NsxConversion convert(String yaml) {
        K8sInput in = read(yaml);
        return NsxConverter.convert(in.policies(), in.inventory(), NsxOptions.of("c1"));
    }
}
