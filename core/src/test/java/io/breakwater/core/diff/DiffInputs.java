package io.breakwater.core.diff;

import io.breakwater.core.normalize.K8sInput;
import io.breakwater.core.normalize.Normalizer;
import io.breakwater.core.read.DocumentReader;

/** Test input from YAML text, read and normalized as the CLI does. */
final class DiffInputs {

    private DiffInputs() {}

    static K8sInput read(String yaml) {
        var in = Normalizer.normalize(DocumentReader.readText("test", yaml).value());
        if (in.hasErrors()) {
            throw new IllegalArgumentException("bad test input: " + in.errors());
        }
        return in.value();
    }
}
